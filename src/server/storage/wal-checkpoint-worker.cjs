// The WAL checkpointer's thread (see wal-checkpointer.ts): a connection of its own to the gateway's
// SQLite file that copies committed WAL frames into the database file when asked, so that copying
// and the fsyncs it needs never run on the gateway's event loop. Plain CommonJS: a worker thread
// has no TypeScript loader.
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);

const db = new Database(workerData.file);
// As the gateway's own connection: the WAL and the database file are synced at each checkpoint.
db.pragma("synchronous = NORMAL");
// From here on the gateway's connection can leave checkpoints to this thread.
parentPort.postMessage({ ready: true });

parentPort.on("message", (message) => {
  if (message === "close") {
    db.close();
    parentPort.close();
    return;
  }
  try {
    // PASSIVE: never waits for the gateway's connection; copies what is committed so far.
    const [result] = db.pragma("wal_checkpoint(PASSIVE)");
    parentPort.postMessage({ ok: true, log: result.log, checkpointed: result.checkpointed });
  } catch (error) {
    // The code only (SQLITE_BUSY, SQLITE_IOERR...): messages never leave the thread.
    parentPort.postMessage({ ok: false, code: String(error.code ?? "unknown") });
  }
});
