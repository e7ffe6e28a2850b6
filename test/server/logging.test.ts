/**
 * Logs carry no personal information: with the demo data (known names and addresses) and requests
 * carrying subjects, note bodies and recipient addresses, including failing ones, none of those
 * strings reaches the captured log lines, while the lines themselves are there.
 */
import { demoCases, demoOffices } from "../../src/server/seed/demo-data";
import {
  api,
  makeMsg,
  contentDigest,
  sentCorrespondence,
  startTestGateway,
  type TestGateway,
} from "./helpers/gateway-harness";

describe("gateway logs", () => {
  const lines: string[] = [];
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway("sqlite", {
      logger: { level: "debug", stream: { write: (line: string) => void lines.push(line) } },
    });
  });
  afterAll(async () => {
    await gw?.dispose();
  });

  it("hold routes and statuses, never names, addresses, subjects, bodies or tokens", async () => {
    const token = await gw.mintToken({ officerId: "officer-a" });
    const subject = "Secret subject line for Alex Sample";
    const body = "Body text: the applicant Alex Sample lives at 12 Example Street";
    const id = await sentCorrespondence(gw, token, "B000100001", "alex.sample@example.com", {
      subject,
    });
    await api(gw, "POST", "/api/v1/cases/B000100001/notes", {
      token,
      body: { kind: "fallback-filing", correspondenceId: id, text: body },
    });
    const msg = makeMsg();
    await api(gw, "PUT", `/api/v1/correspondence/${id}/e-document`, {
      token,
      body: msg,
      headers: { "content-digest": contentDigest(makeMsg()) },
    });
    // Failures: a bad body quoting an address, another office's case, a bad token.
    await api(gw, "POST", "/api/v1/correspondence", {
      token,
      body: { id: "bad", caseNumber: "B000100001", expectedRecipient: "leak.me@example.net" },
    });
    await api(gw, "GET", "/api/v1/cases/B000100004", { token });
    await api(gw, "GET", "/api/v1/me", { token: `${token}x` });
    await api(gw, "GET", `/api/v1/correspondence/${id}/proof`, { token });

    const log = lines.join("");
    expect(lines.length).toBeGreaterThan(5);
    expect(log).toContain('"route":"/api/v1/correspondence/:correlationId/sending"');
    expect(log).toContain('"status":400');

    const personal = [
      ...demoCases.flatMap((c) => [
        c.record.applicantName,
        ...c.record.addresses.map((a) => a.email),
        c.record.representative?.name ?? "",
        c.record.representative?.email ?? "",
      ]),
      ...demoOffices.map((o) => o.genericMailbox),
      subject,
      body,
      "12 Example Street",
      "leak.me@example.net",
      token,
    ].filter((s) => s !== "");
    for (const value of personal) expect(log).not.toContain(value);
    expect(log).not.toMatch(/@example\.(com|net|org)/);
    expect(log.toLowerCase()).not.toContain("bearer");
    // Case numbers and correlation references are not in the lines either (route patterns only).
    expect(log).not.toContain("B000100001");
  });
});
