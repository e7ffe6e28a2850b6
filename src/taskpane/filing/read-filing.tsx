/**
 * F3 Read mode: the open sent item's filing state and "File this item", filed from the item itself
 * (`getAsFileAsync`, source kind "open-item"); `?action=file` and `?action=proof` (the manifest's
 * read-mode buttons) start there directly.
 */
import { Button, MessageBar, MessageBarBody, Spinner } from "@fluentui/react-components";
import { useEffect, useRef, useState } from "react";
import type { FilingJob } from "../../filing/filing-job";
import type { Correspondence } from "../../gateway/contract";
import { usePaneText } from "../pane-text";
import { stateText, useFilingText } from "./filing-text";
import type { PaneFollowups } from "../followups/pane-followups";
import type { PaneFiling } from "./pane-filing";
import { ProofView } from "./proof-view";

export type PaneAction = "file" | "proof" | null;

/** The action the pane was opened for (`taskpane.html?action=file`). */
export function paneAction(search: string): PaneAction {
  const action = new URLSearchParams(search).get("action");
  return action === "file" || action === "proof" ? action : null;
}

export function ReadFiling({
  filing,
  correspondence,
  itemId,
  action,
  followups,
}: {
  filing: PaneFiling;
  correspondence: Correspondence;
  itemId: string;
  action: PaneAction;
  /** For the proof's reconsideration decision (R13). */
  followups?: PaneFollowups | null;
}) {
  const { reason } = usePaneText();
  const { f } = useFilingText();
  const [job, setJob] = useState<FilingJob | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [showProof, setShowProof] = useState(action === "proof");
  const started = useRef(false);
  const ref = correspondence.id;
  const filed = correspondence.status === "filed" || job?.state === "filed";

  const file = async () => {
    setBusy(true);
    setError(null);
    try {
      setJob((await filing.fileOpenItem(ref, correspondence.caseNumber, itemId)) ?? null);
    } catch (e) {
      setError(reason(e));
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    let live = true;
    void filing.job(ref).then(
      (j) => live && j !== undefined && setJob((current) => current ?? j),
      () => undefined
    );
    if (action === "file" && !started.current && !filed) {
      started.current = true;
      void file();
    }
    return () => {
      live = false;
    };
    // Runs once per item: the action is the pane's opening request.
  }, [filing, ref]);

  if (showProof) {
    return (
      <ProofView
        filing={filing}
        correlationRef={ref}
        onBack={() => setShowProof(false)}
        followups={followups}
      />
    );
  }
  return (
    <div data-testid="read-filing">
      {filed ? (
        <p>{f("read.alreadyFiled")}</p>
      ) : (
        job !== null && <p>{f("read.jobState", { state: stateText(f, job) })}</p>
      )}
      {busy && <Spinner size="small" label={f("read.filing")} />}
      {error !== null && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {!filed && (
        <Button appearance="primary" disabled={busy} onClick={() => void file()}>
          {f("read.fileThis")}
        </Button>
      )}{" "}
      <Button onClick={() => setShowProof(true)}>{f("pending.proof")}</Button>
    </div>
  );
}
