/**
 * events.js as Outlook loads it. The test builds the production bundle (webpack, events config
 * only) into a temporary folder, then checks what classic Outlook's JavaScript-only runtime
 * needs: one plain ES2016 script with no module syntax, no eval and no dev-server code, under
 * 150 KB, that runs in a context with no DOM and associates every handler, and decides real sends.
 */
import { parse } from "acorn";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import vm from "node:vm";
import { todayInZone } from "../../src/domain/calendar-date";
import { minimumDeadline } from "../../src/domain/business-calendar";
import { formatLongDate } from "../../src/domain/long-date";
import { encodeHandoff, handoffKey } from "../../src/events/handoff";
import { allHandlerNames } from "../../src/events/function-names";
import { correlationHeader, correlationProperty } from "../../src/office/correlation";
import { caseRecord, policy } from "./support";
import {
  addresses,
  installOutlookMock,
  recordingEvent,
  uninstallOutlookMock,
} from "./outlook-mock";
import { hasChromium, launchChromium, serveStatic } from "../browser/harness";

const root = resolve(__dirname, "../..");
const out = mkdtempSync(join(tmpdir(), "casemail-events-"));
let source = "";

beforeAll(() => {
  const cli = join(root, "node_modules/webpack-cli/bin/cli.js");
  const build = spawnSync(
    process.execPath,
    [cli, "--mode", "production", "--config-name", "events", "--output-path", out],
    {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, ADDIN_BASE_URL: "https://casemail.example.com", CASEMAIL_CONFIG: "" },
    }
  );
  if (build.status !== 0) throw new Error(`webpack failed:\n${build.stdout}\n${build.stderr}`);
  source = readFileSync(join(out, "events.js"), "utf8");
}, 240_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));
afterEach(uninstallOutlookMock);

describe("events.js is one self-contained classic script", () => {
  it("holds no import, require(, eval( or webpack-dev-server", () => {
    expect(source).not.toMatch(/\bimport\s*\(|\bimport\s+[\w{*"']|\bimport\.meta\b/);
    expect(source).not.toContain("require(");
    expect(source).not.toContain("eval(");
    expect(source).not.toContain("webpack-dev-server");
    expect(source).not.toContain("sourceMappingURL");
  });

  // Classic Outlook's sandbox supports ECMAScript 2016 at most (no async functions, no spread in
  // object literals, no newer regular expression syntax: acorn checks all three).
  it("parses as an ES2016 classic script (no module syntax, no newer syntax)", () => {
    expect(() => parse(source, { ecmaVersion: 2016, sourceType: "script" })).not.toThrow();
  });

  it("is under 150 KB minified", () => {
    expect(Buffer.byteLength(source)).toBeLessThan(150 * 1024);
  });

  it("is loaded by events.html after office.js from the CDN", () => {
    const html = readFileSync(join(out, "events.html"), "utf8");
    const office = html.indexOf("https://appsforoffice.microsoft.com/lib/1/hosted/office.js");
    const events = html.search(/src=["']?events\.js/);
    expect(office).toBeGreaterThan(-1);
    expect(events).toBeGreaterThan(office);
  });

  it("ships the manifest with the base URL, config.json and the well-known file beside it", () => {
    const manifest = readFileSync(join(out, "manifest.xml"), "utf8");
    expect(manifest).toContain("https://casemail.example.com/events.js");
    expect(manifest).not.toContain("localhost");
    expect(existsSync(join(out, "config.json"))).toBe(true);
    expect(existsSync(join(out, "assets/icon-80.png"))).toBe(true);
    const wellKnown = JSON.parse(
      readFileSync(join(out, ".well-known/microsoft-officeaddins-allowed.json"), "utf8")
    ) as { allowed: string[] };
    expect(wellKnown.allowed).toEqual(["https://casemail.example.com/events.js"]);
  });
});

/** The built-ins newer than ES2016 that the bundle may not count on; removed from the context. */
const newerBuiltIns = `
  delete Object.values; delete Object.entries; delete Object.fromEntries;
  delete Array.prototype.flatMap; delete Array.prototype.flat;
  delete String.prototype.padStart; delete String.prototype.padEnd;
  delete String.prototype.trimStart; delete String.prototype.trimEnd;
  delete Promise.prototype.finally; delete Promise.allSettled;
  delete globalThis.globalThis;
`;

/**
 * Runs events.js as classic Outlook would: a fresh context with no window, document or storage,
 * and (with `es2016`) without the built-ins later editions added.
 */
function loadInJavaScriptRuntime(office: object, es2016 = false) {
  const handlers: Record<string, (event: unknown) => void> = {};
  Object.assign(office, {
    actions: { associate: (name: string, fn: (event: unknown) => void) => (handlers[name] = fn) },
  });
  const context = vm.createContext({ Office: office, setTimeout, clearTimeout, console });
  if (es2016) {
    vm.runInContext(newerBuiltIns, context);
    expect(vm.runInContext("typeof globalThis + typeof [].flatMap", context)).toBe(
      "undefinedundefined"
    );
  }
  vm.runInContext(source, context, { filename: "events.js" });
  expect(vm.runInContext("typeof window + typeof document + typeof localStorage", context)).toBe(
    "undefinedundefinedundefined"
  );
  return handlers;
}

async function completion(
  event: ReturnType<typeof recordingEvent>
): Promise<Record<string, unknown>> {
  for (let i = 0; i < 200 && event.completions.length === 0; i++) {
    await new Promise((r) => setTimeout(r, 10));
  }
  expect(event.completions).toHaveLength(1);
  return event.completions[0] as Record<string, unknown>;
}

function liveItem(from: string) {
  // The bundle uses the real clock and the embedded default offices (office-west is in Vancouver).
  const today = todayInZone(new Date(), "America/Vancouver");
  const deadline = minimumDeadline(caseRecord(), "documents", policy, today);
  const link = {
    caseNumber: "B012345678",
    purpose: "documents" as const,
    deadline,
    snapshot: caseRecord(),
    snapshotAt: new Date().toISOString(),
  };
  return installOutlookMock({
    state: {
      from,
      to: addresses("ana.silva@example.com"),
      subject: "B012345678: documents requested",
      body: `Please send the documents by ${formatLongDate(deadline, "en")}.`,
      session: { [handoffKey]: encodeHandoff(link) },
    },
  });
}

describe("events.js in a JavaScript-only runtime (no DOM)", () => {
  it("associates every FunctionName of the manifest", () => {
    const { office } = installOutlookMock();
    const handlers = loadInJavaScriptRuntime(office);
    expect(Object.keys(handlers).sort()).toEqual([...allHandlerNames].sort());
  });

  it("allows a compliant send and stamps the reference, without crypto.randomUUID", async () => {
    const { office, state } = liveItem("casework.west@example.org");
    const handlers = loadInJavaScriptRuntime(office);
    const event = recordingEvent();
    handlers.onMessageSendHandler?.(event);
    expect(await completion(event)).toEqual({ allowEvent: true });
    expect(state.customProperties[correlationProperty]).toMatch(/^cm-[0-9a-f-]{36}$/);
    expect(state.headers[correlationHeader]).toBe(state.customProperties[correlationProperty]);
  });

  it("decides the same without the built-ins newer than ES2016 (globalThis, flatMap, ...)", async () => {
    const allowed = liveItem("casework.west@example.org");
    const okEvent = recordingEvent();
    loadInJavaScriptRuntime(allowed.office, true).onMessageSendHandler?.(okEvent);
    expect(await completion(okEvent)).toEqual({ allowEvent: true });
    uninstallOutlookMock();
    const blocked = liveItem("officer.jones@example.org");
    const noEvent = recordingEvent();
    loadInJavaScriptRuntime(blocked.office, true).onMessageSendHandler?.(noEvent);
    const done = await completion(noEvent);
    expect(done.allowEvent).toBe(false);
    expect(String(done.errorMessage)).toContain("casework.west@example.org");
  });

  it("blocks a send from a personal mailbox with the fix (R5)", async () => {
    const { office } = liveItem("officer.jones@example.org");
    const handlers = loadInJavaScriptRuntime(office);
    const event = recordingEvent();
    handlers.onMessageSendHandler?.(event);
    const done = await completion(event);
    expect(done.allowEvent).toBe(false);
    expect(String(done.errorMessage)).toContain("casework.west@example.org");
    expect(done.commandId).toBe("msgComposeOpenPaneButton");
  });

  it("keeps the info bar current on a recipients change", async () => {
    const { office, state } = liveItem("casework.west@example.org");
    const handlers = loadInJavaScriptRuntime(office);
    const event = recordingEvent();
    handlers.onMessageRecipientsChangedHandler?.(event);
    await completion(event);
    expect(state.notifications["casemail-status"]?.message).toContain("the checks pass");
  });
});

/**
 * The same file in a real browser engine's closest match to the JavaScript-only runtime: a
 * dedicated Web Worker (no window, no document, no localStorage) in Chromium, loading events.js
 * with importScripts after a stand-in Office, as classic Outlook loads it beside its own.
 */
const workerBootstrap = `
self.onmessage = function (e) {
  var init = e.data, state = init.state, handlers = {};
  function later(cb, value) { setTimeout(function () { cb({ status: "succeeded", value: value, error: null }); }, 1); }
  function last(args) { for (var i = args.length - 1; i >= 0; i--) if (typeof args[i] === "function") return args[i]; }
  function field(name) { return { getAsync: function () { later(last(arguments), state[name].map(function (a) { return { emailAddress: a, displayName: a }; })); } }; }
  var pending = {};
  var props = {
    get: function (n) { return state.customProperties[n]; },
    set: function (n, v) { pending[n] = v; },
    saveAsync: function (cb) { Object.assign(state.customProperties, pending); later(cb); }
  };
  self.Office = {
    CoercionType: { Text: "text", Html: "html" },
    MailboxEnums: { ItemNotificationMessageType: { InformationalMessage: "informationalMessage", ErrorMessage: "errorMessage" }, RestVersion: { v2_0: "v2.0" } },
    actions: { associate: function (n, f) { handlers[n] = f; } },
    context: {
      displayLanguage: init.language,
      requirements: { isSetSupported: function (n, v) { return n === "Mailbox" && Number(v.split(".")[1]) <= 15; } },
      mailbox: {
        convertToRestId: function (id) { return id; },
        item: {
          from: { getAsync: function () { later(last(arguments), { emailAddress: state.from, displayName: state.from }); } },
          to: field("to"), cc: field("cc"), bcc: field("bcc"),
          subject: { getAsync: function () { later(last(arguments), state.subject); } },
          body: { getAsync: function () { later(last(arguments), state.body); } },
          loadCustomPropertiesAsync: function (cb) { later(cb, props); },
          internetHeaders: { setAsync: function (h) { Object.assign(state.headers, h); later(last(arguments)); } },
          sessionData: { getAsync: function (n, cb) {
            if (n in state.session) later(cb, state.session[n]);
            else setTimeout(function () { cb({ status: "failed", value: undefined, error: { code: 9057, name: "NotFound", message: "" } }); }, 1);
          } },
          notificationMessages: { replaceAsync: function (k, d) { state.notifications[k] = d; later(last(arguments)); } },
          saveAsync: function () { later(last(arguments), "AAMkDraft"); }
        }
      }
    }
  };
  importScripts("events.js");
  handlers.onMessageSendHandler({
    completed: function (options) {
      self.postMessage({ options: options, state: state, globals: typeof window + typeof document + typeof localStorage });
    }
  });
};
`;

(hasChromium ? describe : describe.skip)("events.js in a Chromium Web Worker (no DOM)", () => {
  if (!hasChromium) console.warn("Chromium worker test skipped: /usr/bin/chromium is absent");
  type WorkerResult = {
    options: Record<string, unknown>;
    state: { customProperties: Record<string, string>; headers: Record<string, string> };
    globals: string;
  };

  async function sendInWorker(from: string): Promise<WorkerResult> {
    writeFileSync(join(out, "worker.js"), workerBootstrap);
    writeFileSync(join(out, "index.html"), "<!doctype html><title>events worker</title>");
    const today = todayInZone(new Date(), "America/Vancouver");
    const deadline = minimumDeadline(caseRecord(), "documents", policy, today);
    const link = {
      caseNumber: "B012345678",
      purpose: "documents" as const,
      deadline,
      snapshot: caseRecord(),
      snapshotAt: new Date().toISOString(),
    };
    const state = {
      from,
      to: ["ana.silva@example.com"],
      cc: [],
      bcc: [],
      subject: "B012345678: documents requested",
      body: `Please send the documents by ${formatLongDate(deadline, "en")}.`,
      customProperties: {},
      headers: {},
      notifications: {},
      session: { [handoffKey]: encodeHandoff(link) },
    };
    const server = await serveStatic(out);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(`${server.origin}/index.html`);
      return (await page.evaluate(
        (init) =>
          new Promise((done, fail) => {
            const worker = new Worker("worker.js");
            worker.onmessage = (e) => done(e.data);
            worker.onerror = (e) => fail(new Error(e.message));
            worker.postMessage(init);
          }),
        { state, language: "en-CA" }
      )) as WorkerResult;
    } finally {
      await browser.close();
      await server.close();
    }
  }

  it("allows a compliant send and stamps the reference", async () => {
    const r = await sendInWorker("casework.west@example.org");
    expect(r.globals).toBe("undefinedundefinedundefined");
    expect(r.options).toEqual({ allowEvent: true });
    expect(r.state.customProperties[correlationProperty]).toMatch(/^cm-/);
    expect(r.state.headers[correlationHeader]).toBe(r.state.customProperties[correlationProperty]);
  }, 60_000);

  it("blocks a send from a personal mailbox, naming the generic mailbox", async () => {
    const r = await sendInWorker("officer.jones@example.org");
    expect(r.options.allowEvent).toBe(false);
    expect(String(r.options.errorMessage)).toContain("casework.west@example.org");
    expect(String(r.options.errorMessageMarkdown)).toContain("**");
  }, 60_000);
});
