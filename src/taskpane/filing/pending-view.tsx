/**
 * F3 Pending filing: case-linked sent items not yet on their case, each with its state, "File" per
 * row and "File all" with progress announced politely. The queue joins a second "File all" to the
 * run in progress, and the buttons are disabled meanwhile, so nothing is filed twice.
 */
import {
  Button,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Spinner,
  makeStyles,
} from "@fluentui/react-components";
import { useCallback, useEffect, useState } from "react";
import type { FilingJob } from "../../filing/filing-job";
import { usePaneText } from "../pane-text";
import { errorText, stateText, useFilingText } from "./filing-text";
import type { PaneFollowups } from "../followups/pane-followups";
import type { PaneFiling, PendingRow } from "./pane-filing";
import { ProofView } from "./proof-view";

const useStyles = makeStyles({
  list: { listStyle: "none", padding: 0, margin: "8px 0" },
  row: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: "8px", padding: "4px 0" },
  text: { flexGrow: 1, minWidth: "12em" },
});

type LoadState =
  | { status: "loading" }
  | { status: "error"; reason: string }
  | { status: "ready"; rows: PendingRow[] };

export function PendingView({
  filing,
  followups,
}: {
  filing: PaneFiling;
  /** For the proof's reconsideration decision (R13). */
  followups?: PaneFollowups | null;
}) {
  const s = useStyles();
  const { reason } = usePaneText();
  const { f } = useFilingText();
  const [state, setState] = useState<LoadState>({ status: "loading" });
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [summary, setSummary] = useState<string | null>(null);
  const [proofRef, setProofRef] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setState({ status: "ready", rows: await filing.listPending() });
    } catch (error) {
      setState({ status: "error", reason: errorText(f, reason, error) });
    }
  }, [filing, reason, f]);

  useEffect(() => {
    void load();
  }, [load]);

  /** Filed rows leave the gateway's list; keep them visible here with their new state. */
  const update = (jobs: readonly (FilingJob | undefined)[]) =>
    setState((prev) => {
      if (prev.status !== "ready") return prev;
      const byRef = new Map(jobs.filter((j) => j !== undefined).map((j) => [j.ref, j]));
      return {
        status: "ready",
        rows: prev.rows.map((r) => ({ ...r, job: byRef.get(r.ref) ?? r.job })),
      };
    });

  const fileAll = async () => {
    setBusy(true);
    setSummary(null);
    setProgress({ done: 0, total: 0 });
    try {
      const results = await filing.fileAll((p) => {
        setProgress({ done: p.done, total: p.total });
        update([p.job]);
      });
      update(results);
      const filed = results.filter((j) => j.state === "filed").length;
      setSummary(f("pending.done", { filed, open: results.length - filed }));
    } catch (error) {
      setSummary(errorText(f, reason, error));
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };

  const fileOne = async (ref: string) => {
    setBusy(true);
    try {
      update([await filing.fileOne(ref)]);
    } catch (error) {
      setSummary(errorText(f, reason, error));
    } finally {
      setBusy(false);
    }
  };

  if (proofRef !== null) {
    return (
      <ProofView
        filing={filing}
        correlationRef={proofRef}
        onBack={() => setProofRef(null)}
        followups={followups}
      />
    );
  }

  const rows = state.status === "ready" ? state.rows : [];
  const fileable = rows.filter(
    (r) => r.found && r.job?.state !== "filed" && r.job?.state !== "print-required"
  );
  return (
    <section aria-labelledby="pending-heading" data-testid="pending-view">
      <h3 id="pending-heading">{f("pending.heading")}</h3>
      {state.status === "loading" && <Spinner size="small" label={f("pending.loading")} />}
      {state.status === "error" && (
        <MessageBar intent="error">
          <MessageBarBody>{f("pending.error", { reason: state.reason })}</MessageBarBody>
        </MessageBar>
      )}
      {state.status === "ready" && rows.length === 0 && (
        <p data-testid="queue-empty">{f("pending.empty")}</p>
      )}
      {rows.length > 0 && (
        <>
          <Button
            appearance="primary"
            disabled={busy || fileable.length === 0}
            onClick={() => void fileAll()}
          >
            {f("pending.fileAll")}
          </Button>
          <ul className={s.list}>
            {rows.map((r) => {
              const final = r.job?.state === "filed" || r.job?.state === "print-required";
              return (
                <li key={r.ref} className={s.row} data-testid="pending-row" data-ref={r.ref}>
                  <span className={s.text}>
                    {f("pending.row", {
                      caseNumber: r.caseNumber,
                      subject: r.correspondence.subject ?? f("pending.noSubject"),
                    })}
                    {": "}
                    <span data-testid="pending-state">
                      {r.found ? stateText(f, r.job) : f("pending.notFound")}
                    </span>
                  </span>
                  {r.found && !final && (
                    <Button
                      size="small"
                      disabled={busy}
                      aria-label={f("pending.fileRow", { caseNumber: r.caseNumber })}
                      onClick={() => void fileOne(r.ref)}
                    >
                      {f("pending.file")}
                    </Button>
                  )}
                  {r.job?.state === "filed" && (
                    <Button
                      size="small"
                      aria-label={f("pending.proofRow", { caseNumber: r.caseNumber })}
                      onClick={() => setProofRef(r.ref)}
                    >
                      {f("pending.proof")}
                    </Button>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
      <div role="status" aria-live="polite" data-testid="filing-progress">
        {progress !== null && progress.total > 0 && (
          <>
            <ProgressBar value={progress.done / progress.total} />
            {f("pending.progress", progress)}
          </>
        )}
        {summary}
      </div>
    </section>
  );
}
