/**
 * The filing service with its code (Graph client, IndexedDB job store, the queue, the `.msg` path)
 * loaded on its first call: only the work queues and the read view use it, and the compose pane
 * opens faster without it (issue #5).
 */
import type { PaneFiling } from "./filing/pane-filing";

export function deferredFiling(load: () => Promise<PaneFiling>): PaneFiling {
  let loaded: Promise<PaneFiling> | null = null;
  const filing = () =>
    (loaded ??= load().catch((error: unknown) => {
      // A chunk that failed to load (offline) is tried again on the next call.
      loaded = null;
      throw error;
    }));
  return {
    listPending: async () => (await filing()).listPending(),
    fileAll: async (onProgress) => (await filing()).fileAll(onProgress),
    fileOne: async (ref) => (await filing()).fileOne(ref),
    fileOpenItem: async (ref, caseNumber, itemId) =>
      (await filing()).fileOpenItem(ref, caseNumber, itemId),
    job: async (ref) => (await filing()).job(ref),
    loadProof: async (ref) => (await filing()).loadProof(ref),
    downloadMsg: async (ref) => (await filing()).downloadMsg(ref),
  };
}
