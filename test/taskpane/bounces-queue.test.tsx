/**
 * The Bounces queue's view under jsdom: what the officer reads on each row (case, bounced address,
 * status and reason, next step), the one-button next step and its announced result, the done
 * state, untied reports kept without a button, failures in words, French, and the queue without
 * Graph. The service is scripted here; `followups/pane-bounces.test.ts` runs the real one on the
 * real gateway.
 */
import "@testing-library/jest-dom";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { GatewayError } from "../../src/gateway/errors";
import { GraphError } from "../../src/graph/graph-client";
import { App } from "../../src/taskpane/app";
import type {
  BounceActionResult,
  BounceRow,
  BounceScan,
  PaneBounces,
} from "../../src/taskpane/followups/pane-bounces";
import { renderPane } from "./render-pane";

jest.setTimeout(20_000);

const row = (overrides: Partial<BounceRow>): BounceRow => ({
  key: `AAMk-1\n${overrides.address ?? "x@example.com"}`,
  mailbox: "casework.east@example.org",
  reportId: "AAMk-1",
  receivedAt: "2027-01-11T15:00:00.000Z",
  address: "x@example.com",
  status: "5.1.1",
  reason: "userunknown",
  permanent: true,
  originalSubject: "Request for documents",
  tie: null,
  step: null,
  done: false,
  ...overrides,
});

const resendRow = row({
  key: "r1",
  address: "morgan.old@example.com",
  tie: { correspondenceId: "cm-resend-0001", caseNumber: "B000100007", by: "ref" },
  step: { action: "resend", to: "morgan.specimen@example.org" },
});
const postRow = row({
  key: "r2",
  address: "alex.sample@example.com",
  status: "5.2.2",
  reason: "mailboxfull",
  permanent: false,
  tie: { correspondenceId: "cm-post-00001", caseNumber: "B000100001", by: "message-id" },
  step: { action: "post" },
});
const untiedRow = row({
  key: "r3",
  address: "someone@elsewhere.example",
  originalSubject: "Hello there",
});
const doneRow = row({
  key: "r4",
  address: "camille.exemple@example.net",
  tie: { correspondenceId: "cm-done-00001", caseNumber: "B000100002", by: "subject" },
  step: { action: "post" },
  done: true,
});

function scripted(
  options: {
    rows?: BounceRow[];
    scan?: () => Promise<BounceScan>;
    unreadable?: BounceScan["unreadable"];
    act?: (r: BounceRow) => Promise<BounceActionResult>;
  } = {}
) {
  const acted: BounceRow[] = [];
  const bounces: PaneBounces = {
    scan:
      options.scan ??
      (async () => ({
        rows: options.rows ?? [resendRow, postRow, untiedRow, doneRow],
        unreadable: options.unreadable ?? [],
      })),
    act: async (r) => {
      acted.push(r);
      if (options.act) return options.act(r);
      return r.step?.action === "resend"
        ? {
            action: "resend",
            to: r.step.to,
            subject: "Request for documents B000100007",
            bodyFound: true,
          }
        : { action: "post" };
    },
  };
  return { bounces, acted };
}

async function openBounces(bounces: PaneBounces | null, locale: "en" | "fr" = "en") {
  const view = renderPane({ item: { subject: "" }, locale });
  view.unmount();
  render(
    <App services={{ ...view.services, bounces }} locale={locale} mode="none" theme="light" />
  );
  fireEvent.click(
    await screen.findByRole("button", {
      name: locale === "fr" ? "Files de travail" : "Work queues",
    })
  );
  fireEvent.click(
    await screen.findByRole("button", { name: locale === "fr" ? "Retours de courriel" : "Bounces" })
  );
}

const rowFor = (caseOrAddress: string) =>
  screen.getAllByTestId("bounce-row").find((r) => r.textContent?.includes(caseOrAddress))!;

describe("Bounces queue", () => {
  test("each row names the case, the bounced address, the status and reason, and the next step", async () => {
    await openBounces(scripted().bounces);
    await waitFor(() => expect(screen.getAllByTestId("bounce-row")).toHaveLength(4));
    const resend = rowFor("B000100007");
    expect(resend).toHaveTextContent("Bounced address: morgan.old@example.com");
    expect(resend).toHaveTextContent("Status 5.1.1: unknown recipient, the address itself is bad");
    expect(resend).toHaveTextContent(
      "Next step: resend to the current address, morgan.specimen@example.org."
    );
    expect(
      within(resend).getByRole("button", { name: "Resend to the current address (B000100007)" })
    ).toBeInTheDocument();
    const post = rowFor("B000100001");
    expect(post).toHaveTextContent("Status 5.2.2: mailbox full, the address may still be valid");
    expect(within(post).getByRole("button", { name: "Post required (B000100001)" })).toBeVisible();
    // Not tied: listed for the officer, with the address and status, and no button.
    const untied = rowFor("someone@elsewhere.example");
    expect(untied).toHaveTextContent("Not tied to a case message");
    expect(untied).toHaveTextContent("Status 5.1.1: unknown recipient");
    expect(untied).toHaveTextContent("original subject: Hello there");
    expect(within(untied).queryByRole("button")).toBeNull();
    const done = rowFor("B000100002");
    expect(done).toHaveTextContent("Done: post required, noted on the case.");
    expect(within(done).queryByRole("button")).toBeNull();
  });

  test("Post required records the note, announces it and shows the row done", async () => {
    const { bounces, acted } = scripted();
    await openBounces(bounces);
    fireEvent.click(await screen.findByRole("button", { name: "Post required (B000100001)" }));
    await waitFor(() =>
      expect(screen.getByTestId("bounces-result")).toHaveTextContent(
        "Post required for case B000100001: the note is on the case."
      )
    );
    expect(screen.getByTestId("bounces-result")).toHaveAttribute("aria-live", "polite");
    expect(acted).toEqual([postRow]);
    await waitFor(() =>
      expect(rowFor("B000100001")).toHaveTextContent("Done: post required, noted on the case.")
    );
    expect(within(rowFor("B000100001")).queryByRole("button")).toBeNull();
    // The other rows keep their buttons.
    expect(within(rowFor("B000100007")).getByRole("button")).toBeEnabled();
  });

  test("Resend announces the new message and where the body was not found, says so", async () => {
    const { bounces } = scripted({
      act: async () => ({
        action: "resend",
        to: "morgan.specimen@example.org",
        subject: "Request for documents B000100007",
        bodyFound: false,
      }),
    });
    await openBounces(bounces);
    fireEvent.click(
      await screen.findByRole("button", { name: "Resend to the current address (B000100007)" })
    );
    await waitFor(() =>
      expect(screen.getByTestId("bounces-result")).toHaveTextContent(
        "A new message to morgan.specimen@example.org opened with the original subject; the sent copy was not found, so add the body by hand."
      )
    );
    await waitFor(() =>
      expect(rowFor("B000100007")).toHaveTextContent("Done: the resend note is on the case.")
    );
  });

  test("a step another pane already took is shown done, and nothing is done again", async () => {
    const { bounces } = scripted({ act: async () => ({ action: "already-done" }) });
    await openBounces(bounces);
    fireEvent.click(await screen.findByRole("button", { name: "Post required (B000100001)" }));
    await waitFor(() =>
      expect(screen.getByTestId("bounces-result")).toHaveTextContent(
        "Case B000100001 already has its bounce note (the step was taken from another pane); nothing was done again."
      )
    );
    expect(rowFor("B000100001")).toHaveAttribute("data-done", "true");
  });

  test("a failed step is named and the row stays to do", async () => {
    const { bounces } = scripted({
      act: async () => {
        throw new GatewayError("network", "down");
      },
    });
    await openBounces(bounces);
    fireEvent.click(await screen.findByRole("button", { name: "Post required (B000100001)" }));
    await waitFor(() =>
      expect(screen.getByTestId("bounces-result")).toHaveTextContent(
        /^The next step for case B000100001 failed: /
      )
    );
    expect(rowFor("B000100001")).toHaveAttribute("data-done", "false");
    expect(within(rowFor("B000100001")).getByRole("button")).toBeEnabled();
  });

  test("a mailbox Graph cannot read is named as such", async () => {
    const { bounces } = scripted({
      scan: async () => {
        throw new GraphError("forbidden", 403);
      },
    });
    await openBounces(bounces);
    expect(
      await screen.findByText(
        "The list could not be loaded (the generic mailbox could not be read through Microsoft Graph (forbidden))."
      )
    ).toBeInTheDocument();
  });

  test("a mailbox Graph refuses is named above the rows of the others", async () => {
    await openBounces(
      scripted({
        rows: [postRow],
        unreadable: [{ mailbox: "casework.west@example.org", code: "forbidden" }],
      }).bounces
    );
    expect(await screen.findByTestId("bounces-unreadable")).toHaveTextContent(
      "The Inbox of casework.west@example.org could not be read through Microsoft Graph (forbidden); its reports are not listed."
    );
    expect(screen.getAllByTestId("bounce-row")).toHaveLength(1);
  });

  test("an empty Inbox has the empty state", async () => {
    await openBounces(scripted({ rows: [] }).bounces);
    expect(await screen.findByTestId("queue-empty")).toHaveTextContent(
      "No delivery reports to handle."
    );
  });

  test("without Graph the queue says it is not available, in French too", async () => {
    await openBounces(null, "fr");
    expect(await screen.findByTestId("bounces-unavailable")).toHaveTextContent(
      "La file des retours n’est pas disponible ici"
    );
  });

  test("in French: reasons, steps and buttons", async () => {
    await openBounces(scripted().bounces, "fr");
    await waitFor(() => expect(screen.getAllByTestId("bounce-row")).toHaveLength(4));
    expect(rowFor("B000100001")).toHaveTextContent(
      "Code 5.2.2 : boîte pleine, l’adresse est peut-être encore valide"
    );
    expect(
      screen.getByRole("button", { name: "Renvoyer à l’adresse à jour (B000100007)" })
    ).toBeInTheDocument();
    expect(rowFor("someone@elsewhere.example")).toHaveTextContent(
      "Non rattaché à un message d’un dossier"
    );
  });
});
