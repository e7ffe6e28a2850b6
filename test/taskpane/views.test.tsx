import "@testing-library/jest-dom";
import { fireEvent, screen, waitFor } from "@testing-library/react";
import { GatewayError } from "../../src/gateway/errors";
import type { Correspondence, Transfer } from "../../src/gateway/contract";
import { fluentTheme, luminance, themeName } from "../../src/taskpane/theme";
import { teamsHighContrastTheme, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { addr, fakeGateway, renderPane } from "./render-pane";

const ref = "cm-11111111-2222-4333-8444-555555555555";

describe("work queues", () => {
  test("every queue has a real empty state", async () => {
    renderPane({ item: { subject: "" } });
    fireEvent.click(await screen.findByRole("button", { name: "Work queues" }));
    expect(await screen.findByTestId("queue-empty")).toHaveTextContent("Nothing waits for filing");
    for (const [tab, text] of [
      ["Overdue responses", "No correspondence is past its deadline"],
      ["Transfers", "No transferred case waits for its notice."],
    ]) {
      fireEvent.click(screen.getByRole("button", { name: tab as string }));
      await waitFor(() =>
        expect(screen.getByTestId("queue-empty")).toHaveTextContent(text as string)
      );
    }
    // Without Graph there is no Inbox to read: Bounces says so rather than looking empty.
    fireEvent.click(screen.getByRole("button", { name: "Bounces" }));
    expect(await screen.findByTestId("bounces-unavailable")).toHaveTextContent(
      "The Bounces queue is not available here"
    );
  });

  test("lists items and reports a failing list", async () => {
    const pending = {
      id: ref,
      caseNumber: "B000100001",
      purpose: "documents",
      status: "pending",
      deadline: "2027-02-10",
    } as Correspondence;
    const transfer = {
      id: "t1",
      caseNumber: "B000100010",
      fromOfficeId: "office-east",
      toOfficeId: "office-west",
      reason: "processing",
      transferredAt: "2026-11-20T14:00:00.000Z",
      notified: false,
    } as Transfer;
    const { gateway } = fakeGateway({
      listPendingFiling: async () => [pending],
      listTransferredNotNotified: async () => [transfer],
      listAwaitingResponse: async () => {
        throw new GatewayError("server", "500");
      },
    });
    renderPane({ gateway });
    fireEvent.click(await screen.findByRole("button", { name: "Work queues" }));
    expect(
      await screen.findByText(
        "B000100001: Request for documents, pending, deadline February 10, 2027"
      )
    ).toBeInTheDocument();
    fireEvent.click(screen.getByRole("button", { name: "Transfers" }));
    expect(
      await screen.findByText(
        "B000100010: transferred from Eastern Processing Office to Western Processing Office on November 20, 2026"
      )
    ).toBeInTheDocument();
    fireEvent.click(screen.getByRole("button", { name: "Overdue responses" }));
    expect(await screen.findByText(/The list could not be loaded/)).toBeInTheDocument();
  });
});

describe("read view", () => {
  test("a sent item without a link says so", async () => {
    renderPane({ item: { mode: "read", subject: "Hello", to: [addr("x@example.com")] } });
    expect(await screen.findByText("This message is not linked to a case.")).toBeInTheDocument();
  });

  test("a linked sent item shows its reference and gateway status", async () => {
    const { gateway } = fakeGateway({
      getCorrespondence: async () => ({ id: ref, status: "pending" }) as Correspondence,
    });
    renderPane({
      item: { mode: "read", subject: "B000100001", customProperties: { "casemail-ref": ref } },
      gateway,
    });
    expect(await screen.findByText(`Linked to correspondence ${ref}.`)).toBeInTheDocument();
    expect(await screen.findByText("Status at the gateway: pending")).toBeInTheDocument();
  });

  test("the reference is also found in the x-casemail-ref header", async () => {
    renderPane({
      item: { mode: "read", subject: "B000100001", internetHeaders: { "x-casemail-ref": ref } },
    });
    expect(await screen.findByText(`Linked to correspondence ${ref}.`)).toBeInTheDocument();
  });
});

describe("theme", () => {
  test("dark Office background gives the dark theme; forced colours win", () => {
    expect(luminance("#ffffff")).toBeCloseTo(1);
    expect(luminance("nope")).toBeNull();
    expect(themeName("#1f1f1f", false)).toBe("dark");
    expect(themeName("#ffffff", false)).toBe("light");
    expect(themeName(null, false)).toBe("light");
    expect(themeName("#ffffff", true)).toBe("high-contrast");
    expect(fluentTheme("dark")).toBe(webDarkTheme);
    expect(fluentTheme("light")).toBe(webLightTheme);
    expect(fluentTheme("high-contrast")).toBe(teamsHighContrastTheme);
  });
});
