import "@testing-library/jest-dom";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { defaultPolicy } from "../../src/domain/policy";
import { GatewayError } from "../../src/gateway/errors";
import { correlationHeader, correlationProperty } from "../../src/office/correlation";
import { decodeHandoff, handoffKey } from "../../src/events/handoff";
import { demoOffices } from "../../src/server/seed/demo-data";
import { App } from "../../src/taskpane/app";
import { createCasePrefetch } from "../../src/taskpane/compose/case-prefetch";
import type { PaneGateway } from "../../src/taskpane/services";
import { createOfficeShim } from "../../src/workbench/office-shim";
import { SimulatedItem } from "../../src/workbench/simulated-item";
import { addr, fakeGateway, fixedRef, renderPane, today } from "./render-pane";

function rule(id: string): HTMLElement {
  const el = document.querySelector<HTMLElement>(`[data-rule="${id}"]`);
  if (el === null) throw new Error(`no checklist row ${id}`);
  return el;
}

async function checklistShown() {
  await screen.findByTestId("checklist");
}

function statusOf(id: string) {
  return rule(id).getAttribute("data-status");
}

describe("compose: case link and summary", () => {
  test("finds the case number in the subject and shows the case summary", async () => {
    renderPane({
      item: { subject: "Documents for B000100001", to: [addr("alex.sample@example.com")] },
    });
    await checklistShown();
    const summary = screen.getByTestId("case-summary");
    expect(within(summary).getByText("Eastern Processing Office")).toBeInTheDocument();
    expect(screen.getByTestId("address-on-file")).toHaveTextContent(
      "alex.sample@example.com (application form, March 2, 2026)"
    );
    expect(screen.getByText("Found in the subject.")).toBeInTheDocument();
  });

  test("a typed case number is validated before any lookup", async () => {
    renderPane();
    const input = await screen.findByLabelText("Case number");
    fireEvent.change(input, { target: { value: "12345" } });
    expect(await screen.findByText("A case number looks like B012345678.")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Find case" })).toBeDisabled();
    fireEvent.change(input, { target: { value: "b000100005" } });
    fireEvent.click(screen.getByRole("button", { name: "Find case" }));
    await checklistShown();
    expect(screen.getByTestId("case-summary")).toHaveTextContent("Case B000100005");
    expect(screen.getByTestId("case-summary")).toHaveTextContent("(IMM 5476 on file)");
    expect(screen.getByTestId("address-on-file")).toHaveTextContent("sam.counsel@example.net");
  });

  test("without the offices list, the case's office is fetched on its own", async () => {
    const { gateway } = fakeGateway({
      listOffices: async () => {
        throw new GatewayError("server", "500");
      },
    });
    renderPane({ item: { subject: "B000100001" }, gateway });
    await checklistShown();
    expect(screen.getByTestId("case-summary")).toHaveTextContent("Eastern Processing Office");
  });

  test("an unknown case says so", async () => {
    renderPane({ item: { subject: "B999999999" } });
    expect(await screen.findByTestId("case-error")).toHaveTextContent("No case B999999999");
  });

  test("an unreachable gateway shows the offline state with a retry, never blocking writing", async () => {
    let calls = 0;
    const { gateway } = fakeGateway({
      getCase: async () => {
        calls++;
        throw new GatewayError("network", "down");
      },
    });
    renderPane({ item: { subject: "B000100001" }, gateway });
    const offline = await screen.findByTestId("offline");
    expect(offline).toHaveTextContent("Case gateway unreachable");
    fireEvent.click(within(offline).getByRole("button", { name: "Try again" }));
    await waitFor(() => expect(calls).toBe(2));
  });
});

describe("compose: checklist states", () => {
  test("all checks pass for the address on file, the generic mailbox and a purpose", async () => {
    renderPane({ item: { subject: "B000100001", to: [addr("alex.sample@example.com")] } });
    await checklistShown();
    expect(statusOf("R4")).toBe("warn"); // no purpose yet
    fireEvent.change(screen.getByLabelText("Purpose"), { target: { value: "approval" } });
    await waitFor(() =>
      expect(screen.getByTestId("checklist-summary")).toHaveTextContent("All checks pass.")
    );
    for (const r of ["R1", "R2", "R3", "R4", "R5", "R11"]) expect(statusOf(r)).toBe("pass");
  });

  test("R1 blocks without consent, and linking is not offered", async () => {
    renderPane({ item: { subject: "B000100003", to: [addr("jordan.placeholder@example.org")] } });
    await checklistShown();
    expect(statusOf("R1")).toBe("block");
    expect(screen.getByText("No email recipient for this case: send by post.")).toBeInTheDocument();
  });

  test("R1 warns when the current address bounced", async () => {
    renderPane({ item: { subject: "B000100009", to: [addr("riley.dummy@example.org")] } });
    await checklistShown();
    expect(statusOf("R1")).toBe("warn");
  });

  test("R5 blocks a personal sender and names the generic mailbox (no button: From is read-only)", async () => {
    renderPane({
      item: {
        subject: "B000100001",
        to: [addr("alex.sample@example.com")],
        from: addr("jane.officer@example.org"),
      },
    });
    await checklistShown();
    expect(statusOf("R5")).toBe("block");
    expect(rule("R5")).toHaveTextContent("casework.east@example.org");
    expect(within(rule("R5")).queryByRole("button")).toBeNull();
  });

  test("the checklist follows recipient changes live (RecipientsChanged)", async () => {
    const { item } = renderPane({
      item: { subject: "B000100001", to: [addr("alex.sample@example.com")] },
    });
    await checklistShown();
    expect(statusOf("R3")).toBe("pass");
    act(() => item.setRecipients("cc", [addr("friend@example.net")]));
    await waitFor(() => expect(statusOf("R3")).toBe("block"));
  });

  test("a change of From shows when the pane regains focus", async () => {
    const { item } = renderPane({
      item: { subject: "B000100001", to: [addr("alex.sample@example.com")] },
    });
    await checklistShown();
    expect(statusOf("R5")).toBe("pass");
    act(() => item.update({ from: addr("me@example.org") }, "from"));
    expect(statusOf("R5")).toBe("pass"); // no event for From
    act(() => {
      window.dispatchEvent(new Event("focus"));
    });
    await waitFor(() => expect(statusOf("R5")).toBe("block"));
  });

  test("a failed Office read is reported with its code", async () => {
    renderPane({
      item: { subject: "B000100001" },
      shim: { failures: { "cc.getAsync": { code: 9041, name: "NetworkError", message: "x" } } },
    });
    expect(
      await screen.findByText(/Outlook could not read the message \(9041\)/)
    ).toBeInTheDocument();
  });
});

describe("compose: fixes", () => {
  async function fixWith(name: RegExp | string) {
    fireEvent.click(await screen.findByRole("button", { name }));
    await waitFor(() => expect(screen.getByTestId("announcer")).toHaveTextContent("Fixed:"));
  }

  test("R3 near miss: replace the recipient with the address on file", async () => {
    const { item } = renderPane({
      item: { subject: "B000100001", to: [addr("alex.sampel@example.com")] },
    });
    await checklistShown();
    expect(statusOf("R3")).toBe("block");
    expect(rule("R3")).toHaveTextContent("alex.sampel@example.com");
    await fixWith("Replace alex.sampel@example.com with alex.sample@example.com");
    expect(item.state.to.map((a) => a.emailAddress)).toEqual(["alex.sample@example.com"]);
    await waitFor(() => expect(statusOf("R3")).toBe("pass"));
  });

  test("R3 outside Cc: remove it", async () => {
    const { item } = renderPane({
      item: {
        subject: "B000100001",
        to: [addr("alex.sample@example.com")],
        cc: [addr("friend@example.net")],
      },
    });
    await checklistShown();
    await fixWith("Remove friend@example.net");
    expect(item.state.cc).toEqual([]);
    await waitFor(() => expect(statusOf("R3")).toBe("pass"));
  });

  test("R3 superseded address: replace with the latest", async () => {
    const { item } = renderPane({
      item: { subject: "B000100007", to: [addr("morgan.old@example.com")] },
    });
    await checklistShown();
    await fixWith("Replace morgan.old@example.com with morgan.specimen@example.org");
    expect(item.state.to.map((a) => a.emailAddress)).toEqual(["morgan.specimen@example.org"]);
  });

  test("R3 recipient missing: add the address on file to To", async () => {
    const { item } = renderPane({ item: { subject: "B000100001" } });
    await checklistShown();
    await fixWith("Add alex.sample@example.com to To");
    expect(item.state.to.map((a) => a.emailAddress)).toEqual(["alex.sample@example.com"]);
  });

  test("R3 address on file only in Cc (warning): move it to To", async () => {
    const { item } = renderPane({
      item: { subject: "B000100001", cc: [addr("alex.sample@example.com")] },
    });
    await checklistShown();
    expect(statusOf("R3")).toBe("warn");
    await fixWith("Add alex.sample@example.com to To");
    expect(item.state.cc).toEqual([]);
    expect(item.state.to.map((a) => a.emailAddress)).toEqual(["alex.sample@example.com"]);
  });

  test("R3 local part in other case (warning): replace with the exact spelling", async () => {
    const { item } = renderPane({
      item: { subject: "B000100001", to: [addr("Alex.Sample@example.com")] },
    });
    await checklistShown();
    expect(statusOf("R3")).toBe("warn");
    await fixWith("Replace Alex.Sample@example.com with alex.sample@example.com");
    expect(item.state.to.map((a) => a.emailAddress)).toEqual(["alex.sample@example.com"]);
    await waitFor(() => expect(statusOf("R3")).toBe("pass"));
  });

  test("R3 invalid address: remove it", async () => {
    const { item } = renderPane({
      item: {
        subject: "B000100001",
        to: [addr("alex.sample@example.com")],
        bcc: [addr("not an address")],
      },
    });
    await checklistShown();
    await fixWith("Remove not an address");
    expect(item.state.bcc).toEqual([]);
  });

  test("R2 applicant addressed: replace with the representative", async () => {
    const { item } = renderPane({
      item: { subject: "B000100005", to: [addr("priya.fictive@example.com")] },
    });
    await checklistShown();
    expect(statusOf("R2")).toBe("block");
    await fixWith("Replace priya.fictive@example.com with sam.counsel@example.net");
    expect(item.state.to.map((a) => a.emailAddress)).toEqual(["sam.counsel@example.net"]);
    await waitFor(() => expect(statusOf("R2")).toBe("pass"));
  });

  test("a fix Outlook refuses is reported with its code and changes nothing", async () => {
    const { item } = renderPane({
      item: { subject: "B000100001", to: [addr("alex.sampel@example.com")] },
      shim: {
        failures: { "to.setAsync": { code: 9030, name: "InvalidRecipients", message: "x" } },
      },
    });
    await checklistShown();
    fireEvent.click(screen.getByRole("button", { name: /Replace alex.sampel@example.com/ }));
    await waitFor(() =>
      expect(screen.getByTestId("announcer")).toHaveTextContent("Outlook refused the change (9030)")
    );
    expect(item.state.to.map((a) => a.emailAddress)).toEqual(["alex.sampel@example.com"]);
  });
});

describe("compose: purpose, deadline, template and link", () => {
  test("documents: the deadline defaults to the R4 minimum and cannot go below it", async () => {
    renderPane({ item: { subject: "B000100001", to: [addr("alex.sample@example.com")] } });
    await checklistShown();
    fireEvent.change(screen.getByLabelText("Purpose"), { target: { value: "documents" } });
    const date = (await screen.findByLabelText("Response deadline")) as HTMLInputElement;
    // 2027-01-11 + 30 days = 2027-02-10 (a Wednesday).
    expect(date.value).toBe("2027-02-10");
    expect(date.min).toBe("2027-02-10");
    expect(screen.getByText("At least 30 days: not before February 10, 2027.")).toBeInTheDocument();
    fireEvent.change(date, { target: { value: "2027-02-01" } });
    expect(
      await screen.findByText("The deadline cannot be before February 10, 2027.")
    ).toBeInTheDocument();
    expect(statusOf("R4")).toBe("block");
    expect(screen.getByRole("button", { name: "Insert template" })).toBeDisabled();
  });

  test("insert the document request: the deadline is written in the body and R4 passes", async () => {
    const { item } = renderPane({
      item: { subject: "B000100001", to: [addr("alex.sample@example.com")] },
    });
    await checklistShown();
    fireEvent.change(screen.getByLabelText("Purpose"), { target: { value: "documents" } });
    await waitFor(() => expect(statusOf("R4")).toBe("block")); // date not in body yet
    expect(rule("R4")).toHaveTextContent("February 10, 2027");
    fireEvent.click(screen.getByRole("button", { name: "Insert template" }));
    await waitFor(() => expect(item.state.body).toContain("February 10, 2027"));
    await waitFor(() => expect(statusOf("R4")).toBe("pass"));
    expect(screen.getByTestId("announcer")).toHaveTextContent("Template inserted in English.");
  });

  test("a French case gets the French template with the French date", async () => {
    const { item } = renderPane({
      item: { subject: "B000100002", to: [addr("camille.exemple@example.net")] },
    });
    await checklistShown();
    fireEvent.change(screen.getByLabelText("Purpose"), { target: { value: "interview" } });
    fireEvent.click(await screen.findByRole("button", { name: "Insert template" }));
    await waitFor(() => expect(item.state.body).toContain("10 février 2027"));
  });

  test("linking stamps the reference, hands off to the send check and records the pending correspondence", async () => {
    const { item, recorded } = renderPane({
      item: { subject: "B000100001", to: [addr("alex.sample@example.com")] },
    });
    await checklistShown();
    fireEvent.change(screen.getByLabelText("Purpose"), { target: { value: "documents" } });
    fireEvent.click(await screen.findByRole("button", { name: "Link this message to the case" }));
    const state = await screen.findByTestId("link-state");
    expect(state).toHaveTextContent(`Linked to case B000100001. Reference ${fixedRef}.`);
    expect(state).toHaveTextContent("Pending correspondence recorded");
    expect(item.state.customProperties[correlationProperty]).toBe(fixedRef);
    expect(item.state.internetHeaders[correlationHeader]).toBe(fixedRef);
    const handoff = decodeHandoff(item.state.sessionData[handoffKey]);
    expect(handoff).toMatchObject({
      caseNumber: "B000100001",
      purpose: "documents",
      deadline: "2027-02-10",
    });
    expect(decodeHandoff(item.state.customProperties[handoffKey])?.caseNumber).toBe("B000100001");
    expect(recorded).toEqual([
      {
        id: fixedRef,
        caseNumber: "B000100001",
        purpose: "documents",
        deadline: "2027-02-10",
        expectedRecipient: "alex.sample@example.com",
        language: "en",
        subject: "B000100001",
      },
    ]);
    // No personal information in what travels with the message.
    expect(item.state.internetHeaders[correlationHeader]).not.toMatch(/@|sample/i);
  });

  test("a gateway failure while linking keeps the link and says it will be filed from Pending", async () => {
    const { gateway } = fakeGateway({
      recordPendingCorrespondence: async () => {
        throw new GatewayError("server", "500");
      },
    });
    const { item } = renderPane({
      item: { subject: "B000100001", to: [addr("alex.sample@example.com")] },
      gateway,
    });
    await checklistShown();
    fireEvent.change(screen.getByLabelText("Purpose"), { target: { value: "approval" } });
    fireEvent.click(screen.getByRole("button", { name: "Link this message to the case" }));
    expect(await screen.findByTestId("link-state")).toHaveTextContent(
      "the gateway did not record it"
    );
    expect(item.state.customProperties[correlationProperty]).toBe(fixedRef);
  });

  test("reopening the pane on a linked message restores the link", async () => {
    const first = renderPane({
      item: { subject: "B000100001", to: [addr("alex.sample@example.com")] },
    });
    await checklistShown();
    fireEvent.change(screen.getByLabelText("Purpose"), { target: { value: "approval" } });
    fireEvent.click(screen.getByRole("button", { name: "Link this message to the case" }));
    await screen.findByTestId("link-state");
    const saved = first.item.state;
    first.unmount();
    renderPane({ item: { ...saved } });
    expect(await screen.findByTestId("link-state")).toHaveTextContent(fixedRef);
    expect(screen.getByLabelText("Purpose")).toBeDisabled();
  });
});

describe("compose: the subject's case requested while the pane starts (index.tsx)", () => {
  const pattern = "[A-Z][0-9]{9}";

  /** A fake gateway that counts the case and offices requests it answers. */
  function countingGateway(getCase?: PaneGateway["getCase"]) {
    const { gateway } = fakeGateway(getCase ? { getCase } : {});
    const asked: string[] = [];
    let officeLists = 0;
    const counting: PaneGateway = {
      ...gateway,
      getCase: (caseNumber) => {
        asked.push(caseNumber);
        return gateway.getCase(caseNumber);
      },
      listOffices: () => {
        officeLists++;
        return gateway.listOffices();
      },
    };
    return { gateway: counting, asked, officeLists: () => officeLists };
  }

  /** As index.tsx does: the prefetch starts from the subject, then the pane renders with it. */
  function renderPrefetched(subject: string, gateway: PaneGateway) {
    const item = new SimulatedItem({
      from: addr("casework.east@example.org"),
      subject,
      to: [addr("alex.sample@example.com")],
    });
    (globalThis as { Office?: unknown }).Office = createOfficeShim(item);
    const prefetch = createCasePrefetch(gateway, pattern);
    prefetch.startFromSubject(subject);
    render(
      <App
        services={{
          gateway,
          policy: defaultPolicy,
          caseNumberPattern: pattern,
          caseNumberExample: "B012345678",
          today: () => today,
          newCorrelationRef: () => fixedRef,
        }}
        locale="en"
        mode="compose"
        theme="light"
        prefetch={prefetch}
      />
    );
  }

  test("the pane shows the prefetched case: the gateway is asked once for it and its offices", async () => {
    const counted = countingGateway();
    renderPrefetched("Documents for B000100001", counted.gateway);
    await checklistShown();
    expect(screen.getByTestId("case-summary")).toHaveTextContent("Eastern Processing Office");
    expect(statusOf("R3")).toBe("pass");
    expect(counted.asked).toEqual(["B000100001"]);
    expect(counted.officeLists()).toBe(1);
  });

  test("a prefetch that failed shows the error, and Try again asks the gateway anew", async () => {
    let failures = 1;
    const counted = countingGateway(async (caseNumber) => {
      if (failures-- > 0) throw new GatewayError("network", "down");
      return fakeGateway().gateway.getCase(caseNumber);
    });
    renderPrefetched("B000100001", counted.gateway);
    const offline = await screen.findByTestId("offline");
    fireEvent.click(within(offline).getByRole("button", { name: "Try again" }));
    await checklistShown();
    expect(counted.asked).toEqual(["B000100001", "B000100001"]);
  });

  test("hands its request over once, and only for its case number", async () => {
    const counted = countingGateway();
    const none = createCasePrefetch(counted.gateway, pattern);
    none.startFromSubject("Hello, no case here");
    expect(none.takeCase("B000100001")).toBeNull();
    expect(none.offices()).toBeNull();

    const prefetch = createCasePrefetch(counted.gateway, pattern);
    prefetch.startFromSubject("RE: B000100001 documents");
    prefetch.startFromSubject("B000100005"); // a second start changes nothing
    expect(prefetch.takeCase("B000100005")).toBeNull();
    const taken = prefetch.takeCase("B000100001");
    expect(taken).not.toBeNull();
    await expect(taken).resolves.toMatchObject({ caseNumber: "B000100001" });
    expect(prefetch.takeCase("B000100001")).toBeNull();
    await expect(prefetch.offices()).resolves.toHaveLength(demoOffices.length);
    expect(counted.asked).toEqual(["B000100001"]);
    expect(counted.officeLists()).toBe(1);
  });
});

describe("language", () => {
  test("French UI for fr-* Outlook", async () => {
    renderPane({
      item: { subject: "B000100001", to: [addr("alex.sampel@example.com")] },
      locale: "fr",
    });
    expect(await screen.findByText("Liste de vérification")).toBeInTheDocument();
    expect(
      screen.getByRole("button", {
        name: "Remplacer alex.sampel@example.com par alex.sample@example.com",
      })
    ).toBeInTheDocument();
    expect(screen.getByTestId("address-on-file")).toHaveTextContent("2 mars 2026");
  });
});
