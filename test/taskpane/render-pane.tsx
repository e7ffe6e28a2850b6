/**
 * Renders the real pane views on the workbench's Office shim (a simulated Outlook item) and a fake
 * gateway holding the demo cases, with a fixed date, so tests drive exactly what officers see.
 */
import { configure, render } from "@testing-library/react";
import { defaultPolicy } from "../../src/domain/policy";
import { GatewayError } from "../../src/gateway/errors";
import type { Correspondence } from "../../src/gateway/contract";
import { demoCases, demoOffices } from "../../src/server/seed/demo-data";
import { App } from "../../src/taskpane/app";
import {
  createPaneFollowups,
  type PaneFollowups,
} from "../../src/taskpane/followups/pane-followups";
import type { PaneGateway, PaneServices } from "../../src/taskpane/services";
import { createOfficeShim, type ShimOptions } from "../../src/workbench/office-shim";
import { SimulatedItem, type SimItemState } from "../../src/workbench/simulated-item";

// Fluent's first render under jsdom is slow on this shared machine; wait up to 5 s for the views.
configure({ asyncUtilTimeout: 5000 });

// jsdom has no ResizeObserver; Fluent's MessageBar only uses it to reflow long actions.
class NoResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
const g = globalThis as { ResizeObserver?: unknown };
g.ResizeObserver ??= NoResizeObserver;

export const today = "2027-01-11"; // a Monday
export const fixedRef = "cm-0f0e0d0c-0b0a-4908-8706-050403020100";

export function addr(emailAddress: string) {
  return { emailAddress, displayName: emailAddress };
}

export function fakeGateway(overrides: Partial<PaneGateway> = {}) {
  const recorded: unknown[] = [];
  const gateway: PaneGateway = {
    getCase: async (caseNumber: string) => {
      const found = demoCases.find((c) => c.record.caseNumber === caseNumber);
      if (!found) throw new GatewayError("not-found", "no case", { status: 404 });
      return JSON.parse(JSON.stringify(found.record)) as typeof found.record;
    },
    getOffice: async (officeId: string) => {
      const o = demoOffices.find((x) => x.id === officeId);
      if (!o) throw new GatewayError("not-found", "no office", { status: 404 });
      return { ...o, name: { ...o.name } };
    },
    listOffices: async () => demoOffices.map((o) => ({ ...o, name: { ...o.name } })),
    recordPendingCorrespondence: async (request) => {
      recorded.push(request);
      return { ...request, status: "pending" } as unknown as Correspondence;
    },
    getCorrespondence: async () => {
      throw new GatewayError("not-found", "none", { status: 404 });
    },
    listPendingFiling: async () => [],
    listAwaitingResponse: async () => [],
    listTransferredNotNotified: async () => [],
    ...overrides,
  };
  return { gateway, recorded };
}

/**
 * The real follow-up services over the fake gateway: its lists and cases; writes are not part of
 * these tests (the follow-ups' own tests write to the real gateway).
 */
export function followupsOver(gateway: PaneGateway): PaneFollowups {
  const unused = async (): Promise<never> => {
    throw new GatewayError("server", "not in this test");
  };
  return createPaneFollowups({
    gateway: {
      ...gateway,
      listCaseCorrespondence: async () => [],
      listCaseTransfers: async () => [],
      addNote: unused,
      recordResponse: unused,
      recordTransferNotice: unused,
    },
    today: () => today,
    timeZone: () => "America/Toronto",
    openNewMessage: () => ({ ok: true }),
  });
}

export function renderPane(
  options: {
    item?: Partial<SimItemState>;
    gateway?: PaneGateway | null;
    locale?: "en" | "fr";
    shim?: ShimOptions;
  } = {}
) {
  const item = new SimulatedItem({
    from: addr("casework.east@example.org"),
    ...options.item,
  });
  (globalThis as { Office?: unknown }).Office = createOfficeShim(item, options.shim);
  const fake = fakeGateway();
  const gateway = options.gateway === undefined ? fake.gateway : options.gateway;
  const services: PaneServices = {
    gateway,
    policy: defaultPolicy,
    caseNumberPattern: "[A-Z][0-9]{9}",
    caseNumberExample: "B012345678",
    today: () => today,
    newCorrelationRef: () => fixedRef,
    followups: gateway === null ? null : followupsOver(gateway),
  };
  const view = render(
    <App
      services={services}
      locale={options.locale ?? "en"}
      mode={item.state.mode === "read" ? "read" : "compose"}
      theme="light"
    />
  );
  return { ...view, item, services, recorded: fake.recorded };
}
