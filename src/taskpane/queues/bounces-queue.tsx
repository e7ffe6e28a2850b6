/**
 * F4 Bounces (R10): delivery reports from the offices' generic mailboxes, tied to correspondence.
 * Each row names the case, the bounced address, the status and a short reason, and offers R10's
 * next step as one button (resend to the current address, or post required); results are
 * announced politely. Reports that cannot be tied stay listed for the officer to act by hand.
 */
import {
  Button,
  MessageBar,
  MessageBarBody,
  Spinner,
  makeStyles,
} from "@fluentui/react-components";
import { useCallback, useEffect, useMemo, useState } from "react";
import { translator, type Locale } from "../../i18n/catalog";
import { bouncesMessages, type BouncesMessageKey } from "../../i18n/messages/bounces";
import { GraphError } from "../../graph/graph-client";
import {
  NewMessageFormUnavailable,
  type BounceRow,
  type BounceScan,
  type PaneBounces,
} from "../followups/pane-bounces";
import { usePaneText } from "../pane-text";
import type { PaneServices } from "../services";
import { QueueState, type ListState } from "./queue-state";

type BouncesT = (key: BouncesMessageKey, params?: Record<string, string | number>) => string;

const useStyles = makeStyles({
  list: { listStyle: "none", padding: 0, margin: "8px 0" },
  row: {
    display: "flex",
    flexDirection: "column",
    gap: "2px",
    padding: "6px 0",
    borderBottom: "1px solid currentColor",
  },
  heading: { fontWeight: 600 },
  action: { alignSelf: "flex-start", marginTop: "4px" },
});

export function bouncesTranslator(locale: Locale): BouncesT {
  return translator(bouncesMessages, locale);
}

/** Graph's failures in this queue's words; the gateway's through the pane's own. */
function errorText(b: BouncesT, reason: (error: unknown) => string, error: unknown): string {
  if (error instanceof GraphError) return b("error.graph", { code: error.kind });
  if (error instanceof NewMessageFormUnavailable) return b("error.newForm", { code: error.code });
  return reason(error);
}

export function BouncesQueue({ services }: { services: PaneServices }) {
  const { t, locale } = usePaneText();
  const b = useMemo(() => bouncesTranslator(locale), [locale]);
  const bounces = services.bounces ?? null;
  if (bounces === null) {
    return (
      <div role="region" aria-label={t("queues.bounces")} data-testid="bounces-unavailable">
        <MessageBar intent="warning">
          <MessageBarBody>{b("noGraph")}</MessageBarBody>
        </MessageBar>
      </div>
    );
  }
  return <BouncesList bounces={bounces} b={b} />;
}

function BouncesList({ bounces, b }: { bounces: PaneBounces; b: BouncesT }) {
  const s = useStyles();
  const { t, reason } = usePaneText();
  const [state, setState] = useState<ListState<BounceRow> | { status: "scanning" }>({
    status: "scanning",
  });
  const [unreadable, setUnreadable] = useState<BounceScan["unreadable"]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [result, setResult] = useState<{ text: string; error: boolean } | null>(null);

  const load = useCallback(async () => {
    try {
      const scan = await bounces.scan();
      setUnreadable(scan.unreadable);
      setState({ status: "ready", rows: scan.rows });
    } catch (error) {
      setState({ status: "error", reason: errorText(b, reason, error) });
    }
  }, [bounces, b, reason]);

  useEffect(() => {
    void load();
  }, [load]);

  const act = async (row: BounceRow) => {
    if (row.tie === null) return;
    const caseNumber = row.tie.caseNumber;
    setBusy(row.key);
    setResult(null);
    try {
      const done = await bounces.act(row);
      setState((prev) =>
        prev.status !== "ready"
          ? prev
          : {
              status: "ready",
              rows: prev.rows.map((r) =>
                r.tie?.correspondenceId === row.tie?.correspondenceId ? { ...r, done: true } : r
              ),
            }
      );
      setResult({
        error: false,
        text:
          done.action === "already-done"
            ? b("result.already", { caseNumber })
            : done.action === "post"
              ? b("result.post", { caseNumber })
              : b(done.bodyFound ? "result.resend" : "result.resendNoBody", {
                  address: done.to,
                  caseNumber,
                }),
      });
    } catch (error) {
      setResult({
        error: true,
        text: b("result.error", { caseNumber, reason: errorText(b, reason, error) }),
      });
    } finally {
      setBusy(null);
    }
  };

  if (state.status === "scanning") {
    return (
      <div role="region" aria-label={t("queues.bounces")} aria-busy="true">
        <Spinner size="small" label={b("loading")} />
      </div>
    );
  }
  return (
    <>
      {unreadable.map((u) => (
        <MessageBar key={u.mailbox} intent="warning" data-testid="bounces-unreadable">
          <MessageBarBody>{b("unreadable", { mailbox: u.mailbox, code: u.code })}</MessageBarBody>
        </MessageBar>
      ))}
      <QueueState state={state} empty={t("queues.empty.bounces")} label={t("queues.bounces")}>
        {(rows) => (
          <ul className={s.list} aria-label={b("heading")} data-testid="bounces-list">
            {rows.map((row) => (
              <li
                key={row.key}
                className={s.row}
                data-testid="bounce-row"
                data-case={row.tie?.caseNumber ?? ""}
                data-done={row.done ? "true" : "false"}
              >
                <span className={s.heading}>
                  {row.tie === null
                    ? b("row.untied")
                    : b("row.case", { caseNumber: row.tie.caseNumber })}
                </span>
                <span>{b("row.address", { address: row.address })}</span>
                <span>
                  {row.status === ""
                    ? b("row.noStatus", { reason: b(`reason.${row.reason}`) })
                    : b("row.status", { status: row.status, reason: b(`reason.${row.reason}`) })}
                  {", "}
                  {b(row.permanent ? "row.permanent" : "row.transient")}
                </span>
                {row.tie === null && (
                  <span>
                    {b("row.untiedHint", {
                      subject: row.originalSubject || b("row.noSubject"),
                    })}
                  </span>
                )}
                {row.tie !== null && row.step !== null && row.done && (
                  <span data-testid="bounce-done">
                    {b(row.step.action === "resend" ? "done.resend" : "done.post")}
                  </span>
                )}
                {row.tie !== null && row.step !== null && !row.done && (
                  <>
                    <span>
                      {row.step.action === "resend"
                        ? b("step.resend", { address: row.step.to })
                        : b("step.post")}
                    </span>
                    <Button
                      className={s.action}
                      size="small"
                      appearance="primary"
                      disabled={busy !== null}
                      aria-label={b(
                        row.step.action === "resend" ? "action.resendRow" : "action.postRow",
                        { caseNumber: row.tie.caseNumber }
                      )}
                      onClick={() => void act(row)}
                    >
                      {b(row.step.action === "resend" ? "action.resend" : "action.post")}
                    </Button>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </QueueState>
      <div role="status" aria-live="polite" data-testid="bounces-result">
        {result !== null &&
          (result.error ? (
            <MessageBar intent="error">
              <MessageBarBody>{result.text}</MessageBarBody>
            </MessageBar>
          ) : (
            result.text
          ))}
      </div>
    </>
  );
}
