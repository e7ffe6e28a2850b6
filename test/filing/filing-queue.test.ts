import "fake-indexeddb/auto";
import { IndexedDbJobStore } from "../../src/filing/job-store";
import { FilingQueue } from "../../src/filing/filing-queue";
import { makePorts, sampleMime } from "./filing-ports";

const item = (n: number) => ({
  ref: `cm-${n}`,
  caseNumber: "B012345678",
  source: { kind: "graph", mailbox: "office-a@example.com", messageId: `m${n}` } as const,
});

describe("filing queue", () => {
  it("adds each reference once and files all with progress", async () => {
    const ports = makePorts();
    for (const n of [1, 2, 3]) ports.mimes.set(`m${n}`, sampleMime(`cm-${n}`));
    const queue = new FilingQueue(ports);
    expect(await queue.add([item(1), item(2), item(3)])).toHaveLength(3);
    expect(await queue.add([item(1)])).toHaveLength(0);
    const progress: number[] = [];
    const results = await queue.fileAll((p) => progress.push(p.done));
    expect(results.map((j) => j.state)).toEqual(["filed", "filed", "filed"]);
    expect(progress).toEqual([1, 2, 3]);
    expect(ports.gateway.uploads.map((u) => u.ref).sort()).toEqual(["cm-1", "cm-2", "cm-3"]);
  });

  it("File all pressed twice while running uploads each message once", async () => {
    const ports = makePorts();
    for (const n of [1, 2]) ports.mimes.set(`m${n}`, sampleMime(`cm-${n}`));
    const queue = new FilingQueue(ports);
    await queue.add([item(1), item(2)]);
    const [a, b] = await Promise.all([queue.fileAll(), queue.fileAll()]);
    expect(a).toBe(b);
    expect(ports.gateway.uploads).toHaveLength(2);
  });

  it("survives a reload mid-job through IndexedDB and finishes the job once", async () => {
    const store = await IndexedDbJobStore.open("reload-test");
    const ports = makePorts({}, store);
    ports.mimes.set("m1", sampleMime("cm-1"));
    const queue = new FilingQueue(ports);
    await queue.add([item(1)]);
    // The pane closes while uploading: the stored job says so.
    const stored = await store.get("cm-1");
    await store.put({ ...stored!, state: "uploading", attempts: 1 });
    store.close();

    const reopened = await IndexedDbJobStore.open("reload-test");
    const afterReload = new FilingQueue({ ...ports, store: reopened });
    const jobs = await afterReload.jobs();
    expect(jobs.map((j) => j.state)).toEqual(["pending"]);
    const [result] = await afterReload.fileAll();
    expect(result?.state).toBe("filed");
    expect(result?.attempts).toBe(2);
    expect(ports.gateway.uploads).toHaveLength(1);
    reopened.close();
  });

  it("keeps final jobs out of File all and files one on request", async () => {
    const ports = makePorts();
    ports.mimes.set("m1", sampleMime("cm-1"));
    ports.mimes.set("m2", sampleMime("cm-2"));
    const queue = new FilingQueue(ports);
    await queue.add([item(1), item(2)]);
    expect((await queue.fileOne("cm-1"))?.state).toBe("filed");
    expect(await queue.fileOne("cm-unknown")).toBeUndefined();
    const results = await queue.fileAll();
    expect(results.map((j) => j.ref)).toEqual(["cm-2"]);
  });
});
