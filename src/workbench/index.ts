/**
 * The workbench page: binds the simulated item's fields to the form, hosts the real task pane in
 * a frame on the Office shim, and runs the real send-time handler (events.js, in a hidden frame)
 * when the officer presses Send. Development only: never part of the production build.
 */
import { z } from "zod";
import { runClassicSend } from "./classic-send";
import type { WorkbenchParent } from "./pane-host";
import { createOfficeShim } from "./office-shim";
import { postDeliveryReport } from "./delivery-report";
import { postSentCopy } from "./sent-copy";
import {
  formatAddressList,
  htmlToText,
  initialState,
  parseAddressList,
  SimulatedItem,
  type SimField,
  type SimItemState,
  type SimMode,
} from "./simulated-item";

const settingsSchema = z.object({
  gatewayUrl: z.url().optional(),
  devToken: z.string().min(1).optional(),
  from: z.string().optional(),
  /** The simulated Graph (`npm start`, browser tests): Sent Items for the Pending list. */
  graphUrl: z.url().optional(),
});
type Settings = z.infer<typeof settingsSchema>;

/** What `displayNewMessageForm` takes (Mailbox 1.6): recipients as addresses, subject, HTML body. */
const newMessageFormSchema = z.object({
  toRecipients: z.array(z.string().min(3).max(320)).max(100).default([]),
  subject: z.string().max(255).default(""),
  htmlBody: z.string().max(1_000_000).default(""),
});

const sendHandlerName = "onMessageSendHandler";

function $(id: string): HTMLInputElement {
  const el = document.getElementById(id);
  if (el === null) throw new Error(`workbench: #${id} missing`);
  return el as HTMLInputElement;
}

/** Query parameters win; else `workbench-config.json` that `npm start` serves; else defaults. */
async function loadSettings(): Promise<Settings> {
  const q = new URLSearchParams(location.search);
  let fromFile: unknown = {};
  if (!q.get("gateway")) {
    try {
      const r = await fetch("workbench-config.json", { cache: "no-store" });
      if (r.ok) fromFile = await r.json();
    } catch {
      // No config served: the pane then uses the embedded configuration's gateway.
    }
  }
  const base = settingsSchema.safeParse(fromFile);
  const merged = {
    ...(base.success ? base.data : {}),
    ...(q.get("gateway") ? { gatewayUrl: q.get("gateway") } : {}),
    ...(q.get("token") ? { devToken: q.get("token") } : {}),
    ...(q.get("from") ? { from: q.get("from") } : {}),
    ...(q.get("graph") ? { graphUrl: q.get("graph") } : {}),
  };
  const parsed = settingsSchema.safeParse(merged);
  return parsed.success ? parsed.data : {};
}

async function main(): Promise<void> {
  const settings = await loadSettings();
  const q = new URLSearchParams(location.search);
  const from = settings.from ?? "casework.east@example.org";
  const item = new SimulatedItem({
    from: { emailAddress: from, displayName: "Casework East" },
    subject: q.get("subject") ?? "",
  });
  const handlers = new Map<string, (event: unknown) => void>();
  const lang = $("language");
  const theme = $("theme");
  lang.value = q.get("lang") === "fr-CA" ? "fr-CA" : "en-US";

  const host: WorkbenchParent = { office: null, handOver: {} };
  if (settings.gatewayUrl) host.handOver.gatewayUrl = settings.gatewayUrl;
  if (settings.devToken) host.handOver.devToken = settings.devToken;
  if (settings.graphUrl) host.handOver.graphUrl = settings.graphUrl;
  const installShim = () => {
    host.office = createOfficeShim(item, {
      displayLanguage: lang.value,
      theme:
        theme.value === "dark"
          ? { bodyBackgroundColor: "#1f1f1f", bodyForegroundColor: "#ffffff" }
          : { bodyBackgroundColor: "#ffffff", bodyForegroundColor: "#242424" },
      accessToken: settings.devToken ?? null,
      onAssociate: (name, handler) => handlers.set(name, handler),
      // As Outlook does: a new compose form replaces the open item, and the pane reopens on it.
      onNewMessageForm: (m) => {
        const form = newMessageFormSchema.safeParse(m);
        if (!form.success) {
          $("send-result").textContent = "displayNewMessageForm: parameters Outlook would refuse";
          return;
        }
        item.update(
          {
            ...initialState({ from: item.state.from }),
            to: form.data.toRecipients.map((a) => ({ emailAddress: a, displayName: a })),
            subject: form.data.subject,
            body: htmlToText(form.data.htmlBody),
          },
          "mode"
        );
        $("send-result").textContent = "A new message form opened.";
        setTimeout(reloadFrames, 0);
      },
    });
  };
  installShim();
  (window as { casemailWorkbenchHost?: WorkbenchParent }).casemailWorkbenchHost = host;
  (window as { casemailWorkbenchItem?: SimulatedItem }).casemailWorkbenchItem = item;

  const pane = document.getElementById("pane") as HTMLIFrameElement;
  const events = document.createElement("iframe");
  events.hidden = true;
  events.title = "CaseMail send checks";
  document.body.append(events);
  const reloadFrames = () => {
    installShim();
    handlers.clear();
    pane.src = `pane-frame.html?t=${Date.now()}`;
    events.src = `events-frame.html?t=${Date.now()}`;
  };

  // Form -> item.
  const fields: SimField[] = ["to", "cc", "bcc"];
  for (const f of fields) {
    $(f).addEventListener("change", () => item.setRecipients(f, parseAddressList($(f).value)));
  }
  $("from").addEventListener("change", () => {
    const [a] = parseAddressList($("from").value);
    if (a) item.update({ from: a }, "from");
  });
  $("subject").addEventListener("input", () =>
    item.update({ subject: $("subject").value }, "subject")
  );
  const body = $("body");
  body.addEventListener("input", () =>
    item.update({ body: body.value, cursor: body.selectionStart }, "body")
  );
  for (const e of ["select", "keyup", "click"]) {
    body.addEventListener(e, () => item.update({ cursor: body.selectionStart }, "other"));
  }
  $("mode").addEventListener("change", () => {
    item.update({ mode: $("mode").value as SimMode }, "mode");
    reloadFrames();
  });
  lang.addEventListener("change", reloadFrames);
  theme.addEventListener("change", reloadFrames);
  $("reload").addEventListener("click", reloadFrames);

  // Item -> form (the pane's fixes and insertions show up here).
  const render = () => {
    const s = item.state;
    $("from").value = formatAddressList([s.from]);
    for (const f of fields) {
      if (document.activeElement !== $(f)) $(f).value = formatAddressList(s[f]);
    }
    if (document.activeElement !== $("subject")) $("subject").value = s.subject;
    if (body.value !== s.body) body.value = s.body;
    $("mode").value = s.mode;
    const ref = s.customProperties["casemail-ref"];
    const header = s.internetHeaders["x-casemail-ref"];
    $("stamp").textContent =
      ref || header ? `casemail-ref: ${ref ?? "-"}\nx-casemail-ref: ${header ?? "-"}` : "";
  };
  item.subscribe(render);
  render();

  let lastSent: { state: SimItemState; sentAt: Date } | null = null;

  const runtime = $("runtime");
  runtime.value = q.get("runtime") === "classic" ? "classic" : "web";

  type Completed =
    { allowEvent?: boolean; errorMessage?: string; sendModeOverride?: string } | null | undefined;
  const out = $("send-result");
  const showDecision = (options: Completed, note = "") => {
    if (options?.allowEvent === false) {
      // promptUser: Outlook shows the message and lets the officer send anyway or go back.
      const verdict = options.sendModeOverride === "promptUser" ? "Outlook asks" : "Blocked";
      out.textContent = `${verdict}${note}: ${options.errorMessage ?? ""}`;
      return;
    }
    out.textContent = `Sent${note}. The pane now shows the sent item.`;
    const sentAt = new Date();
    item.update(
      {
        mode: "read",
        itemId: item.state.itemId ?? `AAMkSIM${Date.now().toString(36)}`,
        dateTimeCreated: sentAt.toISOString(),
      },
      "mode"
    );
    lastSent = { state: item.state, sentAt };
    $("bounce").disabled = !settings.graphUrl;
    // The sent copy lands in the simulated Sent Items before the pane reloads and looks for it.
    const copied = settings.graphUrl
      ? postSentCopy(settings.graphUrl, item.state, sentAt).catch(() => false)
      : Promise.resolve(false);
    void copied.then((posted) => {
      if (posted) out.textContent += " Copy in the simulated Sent Items.";
      reloadFrames();
    });
  };

  // The receiving server refuses the last sent message: its report lands in the sender's Inbox.
  $("bounce").addEventListener("click", () => {
    if (lastSent === null || !settings.graphUrl) return;
    const { state, sentAt } = lastSent;
    postDeliveryReport(settings.graphUrl, state, sentAt).then(
      (posted) => {
        out.textContent = posted
          ? "A delivery report is in the generic mailbox's Inbox: Work queues > Bounces."
          : "The simulated Graph refused the delivery report.";
      },
      () => {
        out.textContent = "The simulated Graph could not be reached.";
      }
    );
  });

  $("send").addEventListener("click", () => {
    out.textContent = "Checking…";
    if (runtime.value === "classic") {
      // As classic Outlook on Windows: events.js alone in a worker (no window, document or storage).
      if (host.office === null) return;
      runClassicSend(host.office as unknown as Parameters<typeof runClassicSend>[0], {
        workerUrl: "workbench-classic-worker.js",
        eventsUrl: new URL("events.js", location.href).href,
        handlerName: sendHandlerName,
      }).then(
        (r) =>
          showDecision(
            r.options,
            r.globals === "undefinedundefinedundefined"
              ? " (classic runtime, no DOM)"
              : ` (classic runtime, but the worker saw ${r.globals})`
          ),
        (error: unknown) => {
          out.textContent = `The send-time handler failed in the classic runtime: ${String(error)}`;
        }
      );
      return;
    }
    const handler = handlers.get(sendHandlerName);
    if (handler === undefined) {
      out.textContent = "The send-time handler is not loaded (events.js): sent without checks.";
      return;
    }
    handler({ type: "olkMessageSend", completed: (options?: Completed) => showDecision(options) });
  });

  reloadFrames();
}

void main();
