/**
 * The real gateway on a loopback port, once on a temporary SQLite file and once on a fresh
 * PostgreSQL schema (when DATABASE_URL is set): the filing flow, idempotency, the e-document
 * checks and the pane's lists. Every response is checked against docs/api/openapi.yaml.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import {
  eDocumentMaxBytes,
  operations,
  type Correspondence,
  type ProofOfSending,
  type Transfer,
} from "../../src/gateway/contract";
import {
  api,
  contentDigest,
  correlationId,
  engines,
  makeMsg,
  makeNonMsgCompoundFile,
  sentCorrespondence,
  startTestGateway,
  type TestGateway,
  validator,
} from "./helpers/gateway-harness";

const outlookFixtures = path.resolve(__dirname, "../../../shared/fixtures/outlook-msg");

describe.each(engines)("gateway on %s", (engine) => {
  let gw: TestGateway;
  let tokenA: string;
  let tokenB: string;

  beforeAll(async () => {
    validator.seen.clear(); // coverage is counted per engine
    gw = await startTestGateway(engine);
    tokenA = await gw.mintToken({ officerId: "officer-a" });
    tokenB = await gw.mintToken({ officerId: "officer-b" });
  });
  afterAll(async () => {
    await gw?.dispose();
  });

  const upload = (id: string, bytes: Buffer, headers: Record<string, string> = {}, key?: string) =>
    api<Correspondence>(gw, "PUT", `/api/v1/correspondence/${id}/e-document`, {
      token: tokenA,
      body: bytes,
      headers: { "content-digest": contentDigest(bytes), ...headers },
      idempotencyKey: key,
    });

  it("reports its storage engine without a token", async () => {
    const res = await api(gw, "GET", "/api/v1/health");
    expect(res.body).toEqual({ status: "ok", storage: engine });
  });

  it("names the officer and their offices, and lists the offices", async () => {
    const me = await api(gw, "GET", "/api/v1/me", { token: tokenA });
    expect(me.body).toEqual({
      officerId: "officer-a",
      displayName: "Officer A (demo)",
      offices: ["office-east"],
    });
    const offices = await api<{ items: { id: string; genericMailbox: string }[] }>(
      gw,
      "GET",
      "/api/v1/offices",
      { token: tokenA }
    );
    expect(offices.body.items.map((o) => o.id)).toEqual(["office-east", "office-west"]);
    const one = await api(gw, "GET", "/api/v1/offices/office-west", { token: tokenA });
    expect(one.body).toMatchObject({ genericMailbox: "casework.west@example.org" });
  });

  it("returns a case as the rules see it", async () => {
    const res = await api(gw, "GET", "/api/v1/cases/B000100008", { token: tokenB });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      caseNumber: "B000100008",
      officeId: "office-west",
      language: "fr",
      bounces: [
        {
          address: "noe.fictif@example.com",
          occurredAt: "2026-07-10T11:00:00.000Z",
          permanent: true,
          correspondenceId: null,
        },
      ],
    });
  });

  it("files a sent message: pending, sent, then filed via Email with one e-document", async () => {
    const id = correlationId();
    const created = await api<Correspondence>(gw, "POST", "/api/v1/correspondence", {
      token: tokenA,
      body: {
        id,
        caseNumber: "B000100001",
        purpose: "documents",
        deadline: "2027-01-04",
        expectedRecipient: "alex.sample@example.com",
        language: "en",
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id, status: "pending", officeId: "office-east" });

    const early = await upload(id, makeMsg());
    expect(early.status).toBe(409);

    const sent = await api<Correspondence>(gw, "POST", `/api/v1/correspondence/${id}/sending`, {
      token: tokenA,
      body: {
        sentAt: "2026-12-03T09:15:00-05:00",
        from: "casework.east@example.org",
        to: ["alex.sample@example.com"],
        subject: "B000100001 - documents requested",
      },
    });
    expect(sent.body).toMatchObject({ status: "sent", sentAt: "2026-12-03T14:15:00.000Z" });

    const msg = makeMsg(64 * 1024);
    const filed = await upload(id, msg);
    expect(filed.status).toBe(200);
    expect(filed.body.status).toBe("filed");
    expect(filed.body.via).toEqual({ method: "email", address: "alex.sample@example.com" });
    expect(filed.body.eDocument).toMatchObject({
      size: msg.length,
      sha256: createHash("sha256").update(msg).digest("hex"),
      uploadedBy: "officer-a",
    });

    const back = await api(gw, "GET", `/api/v1/correspondence/${id}/e-document`, { token: tokenA });
    expect(back.status).toBe(200);
    expect(back.bytes.equals(msg)).toBe(true);
    expect(back.headers.get("content-digest")).toBe(contentDigest(msg));

    // The same bytes again under a new key (the other filing path) change nothing.
    const again = await upload(id, msg);
    expect(again.status).toBe(200);
    expect(again.body.eDocument?.uploadedAt).toBe(filed.body.eDocument?.uploadedAt);
    // Different bytes for a filed correspondence are refused: one e-document per message.
    const other = await upload(id, makeMsg(8192));
    expect(other.status).toBe(409);

    const proof = await api<ProofOfSending>(gw, "GET", `/api/v1/correspondence/${id}/proof`, {
      token: tokenA,
    });
    expect(proof.body).toMatchObject({
      caseNumber: "B000100001",
      office: { genericMailbox: "casework.east@example.org" },
      addressOnFileAtSending: "alex.sample@example.com",
      sentToLatestAddress: true,
      bounced: false,
      filedBy: "officer-a",
    });
  });

  (fs.existsSync(outlookFixtures) ? it : it.skip)(
    "accepts a .msg saved by real Outlook (shared fixture)",
    async () => {
      const id = await sentCorrespondence(gw, tokenA, "B000100001", "alex.sample@example.com");
      const bytes = fs.readFileSync(path.join(outlookFixtures, "Simple.msg"));
      const res = await upload(id, bytes);
      expect(res.status).toBe(200);
      expect(res.body.status).toBe("filed");
    }
  );

  it("replays a creating request with the same Idempotency-Key and refuses another body", async () => {
    const id = correlationId();
    const body = {
      id,
      caseNumber: "B000100012",
      purpose: "interview",
      deadline: "2027-02-01",
      expectedRecipient: "jamie.trial@example.com",
      language: "en",
    };
    const key = `key-${id}`;
    const first = await api<Correspondence>(gw, "POST", "/api/v1/correspondence", {
      token: tokenA,
      body,
      idempotencyKey: key,
    });
    const replay = await api<Correspondence>(gw, "POST", "/api/v1/correspondence", {
      token: tokenA,
      body,
      idempotencyKey: key,
    });
    expect(first.status).toBe(201);
    expect(replay.status).toBe(201);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.body).toEqual(first.body);

    const reused = await api(gw, "POST", "/api/v1/correspondence", {
      token: tokenA,
      body: { ...body, deadline: "2027-03-01" },
      idempotencyKey: key,
    });
    expect(reused.status).toBe(422);
    expect(reused.body).toMatchObject({ error: { code: "idempotency-key-reused" } });

    // A new key for the same correlation reference finds the record (200), never a second one.
    const sameRef = await api<Correspondence>(gw, "POST", "/api/v1/correspondence", {
      token: tokenA,
      body,
    });
    expect(sameRef.status).toBe(200);
    expect(sameRef.body.createdAt).toBe(first.body.createdAt);

    const missing = await api(gw, "POST", "/api/v1/correspondence", {
      token: tokenA,
      body,
      idempotencyKey: null,
    });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ error: { code: "idempotency-key-required" } });
  });

  it("stores exactly one e-document when the same upload races with itself", async () => {
    const id = await sentCorrespondence(gw, tokenA, "B000100001", "alex.sample@example.com");
    const msg = makeMsg(256 * 1024);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        upload(id, msg, {}, i % 2 === 0 ? `race-${id}` : undefined)
      )
    );
    expect(results.map((r) => r.status).every((s) => s === 200)).toBe(true);
    const uploadedAt = new Set(results.map((r) => r.body.eDocument?.uploadedAt));
    expect(uploadedAt.size).toBe(1);
    const rows = await gw.db.query<{ n: number }>(
      "SELECT COUNT(*) AS n FROM e_documents WHERE correspondence_id = $1",
      [id]
    );
    expect(Number(rows[0]?.n)).toBe(1);
  });

  it("refuses an oversize upload (413) without storing or changing anything", async () => {
    const id = await sentCorrespondence(gw, tokenA, "B000100001", "alex.sample@example.com");
    const big = makeMsg(eDocumentMaxBytes + 4096);
    expect(big.length).toBeGreaterThan(eDocumentMaxBytes);
    const res = await upload(id, big);
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ error: { code: "payload-too-large" } });
    const after = await api<Correspondence>(gw, "GET", `/api/v1/correspondence/${id}`, {
      token: tokenA,
    });
    expect(after.body).toMatchObject({ status: "sent", eDocument: null });
  });

  it("refuses what is not an Outlook message (415) and a wrong digest (400)", async () => {
    const id = await sentCorrespondence(gw, tokenA, "B000100001", "alex.sample@example.com");
    const pdf = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(2048, 0x20)]);
    expect((await upload(id, pdf)).status).toBe(415);
    expect((await upload(id, makeNonMsgCompoundFile())).status).toBe(415);
    const msg = makeMsg();
    const asJson = await api(gw, "PUT", `/api/v1/correspondence/${id}/e-document`, {
      token: tokenA,
      body: { bytes: msg.toString("base64") },
      headers: { "content-digest": contentDigest(msg) },
    });
    expect(asJson.status).toBe(415);

    const wrong = await upload(id, msg, { "content-digest": contentDigest(makeMsg()) });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ error: { code: "digest-mismatch" } });
    const absent = await api(gw, "PUT", `/api/v1/correspondence/${id}/e-document`, {
      token: tokenA,
      body: msg,
    });
    expect(absent.status).toBe(400);
    const md5 = await upload(id, msg, { "content-digest": "md5=:AAAAAAAAAAAAAAAAAAAAAA==:" });
    expect(md5.status).toBe(400);

    const after = await api<Correspondence>(gw, "GET", `/api/v1/correspondence/${id}`, {
      token: tokenA,
    });
    expect(after.body).toMatchObject({ status: "sent", eDocument: null });
    // And the proper upload still goes through afterwards.
    expect((await upload(id, msg)).status).toBe(200);
  });

  it("records an over-size message as a print-to-file task (R7) and lists it", async () => {
    const id = await sentCorrespondence(gw, tokenA, "B000100005", "sam.counsel@example.net");
    const small = await api(gw, "POST", `/api/v1/correspondence/${id}/print-task`, {
      token: tokenA,
      body: { size: 1000 },
    });
    expect(small.status).toBe(400);
    const task = await api(gw, "POST", `/api/v1/correspondence/${id}/print-task`, {
      token: tokenA,
      body: { size: 6_000_000 },
    });
    expect(task.status).toBe(201);
    const again = await api(gw, "POST", `/api/v1/correspondence/${id}/print-task`, {
      token: tokenA,
      body: { size: 6_000_000 },
    });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(task.body);
    const c = await api<Correspondence>(gw, "GET", `/api/v1/correspondence/${id}`, {
      token: tokenA,
    });
    expect(c.body.status).toBe("print-required");
    const list = await api<{ items: { correspondenceId: string }[] }>(
      gw,
      "GET",
      "/api/v1/print-tasks",
      { token: tokenA }
    );
    expect(list.body.items.map((t) => t.correspondenceId)).toContain(id);
  });

  it("marks a correspondence noted by its fallback note (R8)", async () => {
    const id = await sentCorrespondence(gw, tokenA, "B000100007", "morgan.specimen@example.org");
    const note = await api(gw, "POST", "/api/v1/cases/B000100007/notes", {
      token: tokenA,
      body: {
        kind: "fallback-filing",
        correspondenceId: id,
        text: "Sent 2026-12-01 15:00 UTC to morgan.specimen@example.org: ...",
      },
    });
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({ kind: "fallback-filing", author: "officer-a" });
    const c = await api<Correspondence>(gw, "GET", `/api/v1/correspondence/${id}`, {
      token: tokenA,
    });
    expect(c.body.status).toBe("noted");
    const notes = await api<{ items: { id: string }[] }>(
      gw,
      "GET",
      "/api/v1/cases/B000100007/notes",
      {
        token: tokenA,
      }
    );
    expect(notes.body.items.map((n) => n.id)).toContain((note.body as { id: string }).id);
    // A later successful upload still attaches the e-document (filed beats noted).
    const msg = makeMsg();
    expect((await upload(id, msg)).body.status).toBe("filed");
  });

  it("records a bounce (R10) on the correspondence and the case, and in the proof", async () => {
    const id = await sentCorrespondence(gw, tokenA, "B000100009", "riley.dummy@example.org");
    const bounce = await api(gw, "POST", `/api/v1/correspondence/${id}/bounces`, {
      token: tokenA,
      body: {
        address: "riley.dummy@example.org",
        occurredAt: "2026-12-01T15:05:00Z",
        permanent: true,
        statusCode: "5.1.1",
        diagnostic: "550 5.1.1 user unknown",
      },
    });
    expect(bounce.status).toBe(201);
    const record = await api<{ bounces: { correspondenceId: string | null }[] }>(
      gw,
      "GET",
      "/api/v1/cases/B000100009",
      { token: tokenA }
    );
    expect(record.body.bounces.map((b) => b.correspondenceId)).toEqual([null, id]);
    const list = await api<{ items: unknown[] }>(gw, "GET", "/api/v1/cases/B000100009/bounces", {
      token: tokenA,
    });
    expect(list.body.items).toHaveLength(2);
    const proof = await api<ProofOfSending>(gw, "GET", `/api/v1/correspondence/${id}/proof`, {
      token: tokenA,
    });
    expect(proof.body.bounced).toBe(true);
    expect(proof.body.correspondence.status).toBe("bounced");
  });

  it("says in the proof when a message went to a superseded address", async () => {
    const id = await sentCorrespondence(gw, tokenA, "B000100007", "morgan.old@example.com");
    const proof = await api<ProofOfSending>(gw, "GET", `/api/v1/correspondence/${id}/proof`, {
      token: tokenA,
    });
    expect(proof.body.addressOnFileAtSending).toBe("morgan.specimen@example.org");
    expect(proof.body.sentToLatestAddress).toBe(false);
  });

  it("lists what is pending filing and what is past its deadline without response (R9)", async () => {
    const pendingId = correlationId();
    await api(gw, "POST", "/api/v1/correspondence", {
      token: tokenA,
      body: {
        id: pendingId,
        caseNumber: "B000100012",
        purpose: "general",
        deadline: null,
        expectedRecipient: "jamie.trial@example.com",
        language: "en",
      },
    });
    const overdue = await sentCorrespondence(gw, tokenA, "B000100012", "jamie.trial@example.com", {
      deadline: "2026-12-02",
    });
    await upload(overdue, makeMsg());
    const answered = await sentCorrespondence(gw, tokenA, "B000100012", "jamie.trial@example.com", {
      deadline: "2026-12-02",
    });
    const responded = await api<Correspondence>(
      gw,
      "POST",
      `/api/v1/correspondence/${answered}/response`,
      { token: tokenA, body: { respondedAt: "2026-12-02T10:00:00Z" } }
    );
    expect(responded.body.status).toBe("responded");

    const pending = await api<{ items: Correspondence[] }>(
      gw,
      "GET",
      "/api/v1/lists/pending-filing",
      {
        token: tokenA,
      }
    );
    const pendingIds = pending.body.items.map((c) => c.id);
    expect(pendingIds).toContain(pendingId);
    expect(pendingIds).not.toContain(overdue);

    const late = await api<{ items: Correspondence[] }>(
      gw,
      "GET",
      "/api/v1/lists/awaiting-response?asOf=2026-12-10",
      { token: tokenA }
    );
    const lateIds = late.body.items.map((c) => c.id);
    expect(lateIds).toContain(overdue);
    expect(lateIds).not.toContain(answered);
    const early = await api<{ items: Correspondence[] }>(
      gw,
      "GET",
      "/api/v1/lists/awaiting-response?asOf=2026-12-02",
      { token: tokenA }
    );
    expect(early.body.items.map((c) => c.id)).not.toContain(overdue);

    await api(gw, "POST", "/api/v1/cases/B000100012/notes", {
      token: tokenA,
      body: { kind: "no-response", correspondenceId: overdue, text: "An email was sent ..." },
    });
    const followed = await api<{ items: Correspondence[] }>(
      gw,
      "GET",
      "/api/v1/lists/awaiting-response?asOf=2026-12-10",
      { token: tokenA }
    );
    expect(followed.body.items.map((c) => c.id)).not.toContain(overdue);

    // Officer B's office holds none of these.
    const other = await api<{ items: Correspondence[] }>(
      gw,
      "GET",
      "/api/v1/lists/pending-filing",
      {
        token: tokenB,
      }
    );
    expect(other.body.items.map((c) => c.id)).not.toContain(pendingId);
  });

  it("lists a transfer in until the applicant is told (R12), and moves a case on transfer", async () => {
    const list = await api<{ items: Transfer[] }>(
      gw,
      "GET",
      "/api/v1/lists/transferred-not-notified",
      { token: tokenB }
    );
    const seeded = list.body.items.find((t) => t.caseNumber === "B000100010");
    expect(seeded).toMatchObject({ fromOfficeId: "office-east", toOfficeId: "office-west" });
    const noticeId = await sentCorrespondence(gw, tokenB, "B000100010", "sacha.modele@example.com");
    const notified = await api<Transfer>(gw, "POST", `/api/v1/transfers/${seeded?.id}/notice`, {
      token: tokenB,
      body: { correspondenceId: noticeId },
    });
    expect(notified.body).toMatchObject({ notified: true, noticeCorrespondenceId: noticeId });
    const after = await api<{ items: Transfer[] }>(
      gw,
      "GET",
      "/api/v1/lists/transferred-not-notified",
      { token: tokenB }
    );
    expect(after.body.items.map((t) => t.id)).not.toContain(seeded?.id);

    // Officer A transfers a case of the East to the West: B now reaches it, A no longer does.
    const moved = await api<Transfer>(gw, "POST", "/api/v1/cases/B000100003/transfers", {
      token: tokenA,
      body: { toOfficeId: "office-west", reason: "processing" },
    });
    expect(moved.status).toBe(201);
    expect((await api(gw, "GET", "/api/v1/cases/B000100003", { token: tokenB })).status).toBe(200);
    expect((await api(gw, "GET", "/api/v1/cases/B000100003", { token: tokenA })).status).toBe(404);
    const transfers = await api<{ items: Transfer[] }>(
      gw,
      "GET",
      "/api/v1/cases/B000100003/transfers",
      { token: tokenB }
    );
    expect(transfers.body.items.map((t) => t.id)).toEqual([moved.body.id]);
    const inList = await api<{ items: Transfer[] }>(
      gw,
      "GET",
      "/api/v1/lists/transferred-not-notified?officeId=office-west",
      { token: tokenB }
    );
    expect(inList.body.items.map((t) => t.id)).toContain(moved.body.id);
  });

  it("lists a case's correspondence", async () => {
    const id = await sentCorrespondence(gw, tokenB, "B000100011", "amina.essai@example.net");
    const list = await api<{ items: Correspondence[] }>(
      gw,
      "GET",
      "/api/v1/cases/B000100011/correspondence",
      { token: tokenB }
    );
    expect(list.body.items.map((c) => c.id)).toEqual([id]);
  });

  it("answers validation errors with the issues' paths, never the values", async () => {
    const res = await api<{ error: { issues: { path: string }[] } }>(
      gw,
      "POST",
      "/api/v1/correspondence",
      {
        token: tokenA,
        body: {
          id: "short",
          caseNumber: "B000100001",
          purpose: "documents",
          deadline: "tomorrow",
          expectedRecipient: "not-an-address",
          language: "en",
        },
      }
    );
    expect(res.status).toBe(400);
    expect(res.body.error.issues.map((i) => i.path).sort()).toEqual(
      ["body.deadline", "body.expectedRecipient", "body.id"].sort()
    );
    expect(JSON.stringify(res.body)).not.toContain("not-an-address");
    const unknown = await api(gw, "GET", "/api/v1/nothing-here", {
      token: tokenA,
      unchecked: true,
    });
    expect(unknown.status).toBe(404);
  });

  it("has checked a success response of every operation against the OpenAPI document", () => {
    const missing = operations
      .filter((o) => !validator.seen.has(`${o.operationId} ${o.status}`))
      .map((o) => o.operationId);
    expect(missing).toEqual([]);
  });
});
