import { newFilingJob } from "../../src/filing/filing-job";
import { failureCode, fileJob } from "../../src/filing/filing-pipeline";
import { makePorts, sampleMime } from "./filing-ports";

const source = { kind: "graph", mailbox: "office-a@example.com", messageId: "AAMk1" } as const;

describe("filing pipeline", () => {
  it("R6 files a sent message: converts, uploads once, records size and digest", async () => {
    const ports = makePorts();
    ports.mimes.set("AAMk1", sampleMime("cm-1"));
    const job = await fileJob(newFilingJob("cm-1", "B012345678", source, ports.now()), ports);
    expect(job.state).toBe("filed");
    expect(job.attempts).toBe(1);
    expect(job.eDocument?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(ports.gateway.uploads).toEqual([{ ref: "cm-1", size: job.eDocument?.size }]);
    expect((await ports.store.get("cm-1"))?.state).toBe("filed");
  });

  it("R6 a filed job is final: filing it again does nothing", async () => {
    const ports = makePorts();
    ports.mimes.set("AAMk1", sampleMime("cm-1"));
    const filed = await fileJob(newFilingJob("cm-1", "B012345678", source, ports.now()), ports);
    const again = await fileJob(filed, ports);
    expect(again).toBe(filed);
    expect(ports.gateway.uploads).toHaveLength(1);
  });

  it("R7 over the limit records a print-to-file task and uploads nothing", async () => {
    const ports = makePorts({ limitBytes: 100 });
    ports.mimes.set("AAMk1", sampleMime("cm-2", "x".repeat(500)));
    const job = await fileJob(newFilingJob("cm-2", "B012345678", source, ports.now()), ports);
    expect(job.state).toBe("print-required");
    expect(ports.gateway.printTasks).toEqual([{ ref: "cm-2", size: job.eDocument?.size }]);
    expect(ports.gateway.uploads).toHaveLength(0);
  });

  it("R7 exactly at the limit is still filed electronically", async () => {
    const probe = makePorts();
    const mime = sampleMime("cm-3");
    const size = (await probe.prepare(mime)).toMsg().byteLength;
    const ports = makePorts({ limitBytes: size });
    ports.mimes.set("AAMk1", mime);
    const job = await fileJob(newFilingJob("cm-3", "B012345678", source, ports.now()), ports);
    expect(job.state).toBe("filed");
  });

  it("R8 an upload that keeps failing leaves one fallback note with recipient and content, and stays pending", async () => {
    const ports = makePorts();
    ports.mimes.set("AAMk1", sampleMime("cm-4"));
    ports.gateway.failUploads = 10;
    let job = await fileJob(newFilingJob("cm-4", "B012345678", source, ports.now()), ports);
    expect(job.state).toBe("noted");
    expect(job.fallbackNoted).toBe(true);
    expect(job.lastFailure?.code).toBe("upload.http");
    job = await fileJob(job, ports);
    expect(job.state).toBe("noted");
    expect(ports.gateway.notes).toHaveLength(1);
    expect(ports.gateway.notes[0]).toMatchObject({ ref: "cm-4", to: ["applicant@example.org"] });
    expect(ports.gateway.notes[0]?.text).toContain("January 15, 2027");
  });

  it("R8 a noted job is filed for real once the gateway is back", async () => {
    const ports = makePorts();
    ports.mimes.set("AAMk1", sampleMime("cm-5"));
    ports.gateway.failUploads = 1;
    const noted = await fileJob(newFilingJob("cm-5", "B012345678", source, ports.now()), ports);
    expect(noted.state).toBe("noted");
    const filed = await fileJob(noted, ports);
    expect(filed.state).toBe("filed");
    expect(filed.attempts).toBe(2);
    expect(ports.gateway.uploads).toHaveLength(1);
    expect(ports.gateway.notes).toHaveLength(1);
  });

  it("R8 a conversion failure falls back to the note", async () => {
    const real = makePorts();
    const ports = makePorts({
      prepare: async (mime) => ({
        summary: (await real.prepare(mime)).summary,
        toMsg: () => {
          throw Object.assign(new Error("bad"), { code: "internal" });
        },
      }),
    });
    ports.mimes.set("AAMk1", sampleMime("cm-6"));
    const job = await fileJob(newFilingJob("cm-6", "B012345678", source, ports.now()), ports);
    expect(job.state).toBe("noted");
    expect(job.lastFailure?.code).toBe("convert.internal");
  });

  it("R8 when even the note fails the job is retrying, visibly, not lost", async () => {
    const ports = makePorts();
    ports.mimes.set("AAMk1", sampleMime("cm-7"));
    ports.gateway.failUploads = 5;
    ports.gateway.failNotes = 1;
    const job = await fileJob(newFilingJob("cm-7", "B012345678", source, ports.now()), ports);
    expect(job.state).toBe("retrying");
    expect(job.fallbackNoted).toBe(false);
    expect(job.lastFailure?.code).toBe("upload.http+note.network");
    expect((await ports.store.get("cm-7"))?.state).toBe("retrying");
  });

  it("R7 a failing print task falls back to the note", async () => {
    const ports = makePorts({ limitBytes: 10 });
    ports.mimes.set("AAMk1", sampleMime("cm-8"));
    ports.gateway.failPrint = 1;
    const job = await fileJob(newFilingJob("cm-8", "B012345678", source, ports.now()), ports);
    expect(job.state).toBe("noted");
    expect(job.lastFailure?.code).toBe("print-task.network");
  });

  it("a message that cannot be fetched stays retrying with no note (nothing to note)", async () => {
    const ports = makePorts();
    const job = await fileJob(newFilingJob("cm-9", "B012345678", source, ports.now()), ports);
    expect(job.state).toBe("retrying");
    expect(job.lastFailure?.code).toBe("fetch.not-found");
    expect(ports.gateway.notes).toHaveLength(0);
  });

  it("a message that cannot be parsed stays retrying with a parse failure", async () => {
    const ports = makePorts();
    ports.mimes.set("AAMk1", new TextEncoder().encode("not a message at all"));
    const job = await fileJob(newFilingJob("cm-10", "B012345678", source, ports.now()), ports);
    expect(job.state).toBe("retrying");
    expect(job.lastFailure?.code).toBe("parse.not-a-message");
  });

  it("failure codes never carry the error message", () => {
    expect(failureCode("upload", new Error("applicant@example.org refused"))).toBe(
      "upload.unknown"
    );
    expect(failureCode("upload", { kind: "timeout", message: "x" })).toBe("upload.timeout");
  });
});
