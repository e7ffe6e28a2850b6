/**
 * F5 Overdue responses (R9): correspondence past its deadline without a response. Per row the
 * officer picks the bracketed choices, reads the standard note in the case's language (not the
 * pane's) and adds it on one confirmation; or records that the applicant did respond. Either way
 * the row leaves the list.
 */
import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  makeStyles,
} from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { ApplicantResponse, NoResponseOutcome } from "../../domain/notes";
import { formatLongDate } from "../../domain/long-date";
import { followupErrorText, useFollowupText } from "../followups/followups-text";
import type { NoResponseChoices, OverdueRow, PaneFollowups } from "../followups/pane-followups";
import { usePaneText } from "../pane-text";
import { localToday, type PaneServices } from "../services";
import { QueueState, type ListState } from "./queue-state";

const useStyles = makeStyles({
  list: { listStyle: "none", padding: 0, margin: "8px 0" },
  row: { padding: "6px 0", borderBottom: "1px solid currentColor" },
  actions: { display: "flex", flexWrap: "wrap", gap: "8px", margin: "6px 0" },
  preview: { whiteSpace: "pre-wrap", border: "1px solid currentColor", padding: "8px" },
});

const outcomes: readonly NoResponseOutcome[] = ["refused", "abandoned"];
const responses: readonly ApplicantResponse[] = ["did-not-comply", "requested-more-time"];

export function OverdueQueue({ services }: { services: PaneServices }) {
  const s = useStyles();
  const { t, reason } = usePaneText();
  const followups = services.followups ?? null;
  const [state, setState] = useState<ListState<OverdueRow>>({ status: "loading" });
  const [announcement, setAnnouncement] = useState("");

  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const rows = followups === null ? [] : await followups.listOverdue();
        if (live) setState({ status: "ready", rows });
      } catch (error) {
        if (live) setState({ status: "error", reason: reason(error) });
      }
    })();
    return () => {
      live = false;
    };
  }, [followups, reason]);

  const done = (id: string, message: string) => {
    setAnnouncement(message);
    setState((prev) =>
      prev.status === "ready"
        ? { status: "ready", rows: prev.rows.filter((r) => r.correspondence.id !== id) }
        : prev
    );
  };

  return (
    <>
      <div role="status" aria-live="polite">
        {announcement !== "" && (
          <MessageBar intent="success" data-testid="overdue-done">
            <MessageBarBody>{announcement}</MessageBarBody>
          </MessageBar>
        )}
      </div>
      <QueueState state={state} empty={t("queues.empty.overdue")} label={t("queues.overdue")}>
        {(rows) => (
          <ul className={s.list}>
            {followups !== null &&
              rows.map((row) => (
                <OverdueItem
                  key={row.correspondence.id}
                  row={row}
                  followups={followups}
                  onDone={(message) => done(row.correspondence.id, message)}
                />
              ))}
          </ul>
        )}
      </QueueState>
    </>
  );
}

function OverdueItem({
  row,
  followups,
  onDone,
}: {
  row: OverdueRow;
  followups: PaneFollowups;
  onDone: (message: string) => void;
}) {
  const s = useStyles();
  const { t, reason, locale } = usePaneText();
  const { x } = useFollowupText();
  const [open, setOpen] = useState(false);
  const [choices, setChoices] = useState<NoResponseChoices>({ outcome: null, response: null });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const c = row.correspondence;
  const preview = followups.previewNoResponse(row, choices);

  const run = async (action: () => Promise<string | null>) => {
    setBusy(true);
    setError(null);
    try {
      const message = await action();
      if (message !== null) onDone(message);
    } catch (e) {
      setError(reason(e));
    } finally {
      setBusy(false);
    }
  };

  const save = () =>
    run(async () => {
      const saved = await followups.addNoResponseNote(row, choices);
      if (!saved.ok) {
        setError(followupErrorText(x, saved.error));
        return null;
      }
      return x("overdue.saved", { caseNumber: c.caseNumber });
    });

  const responded = () =>
    run(async () => {
      await followups.recordResponse(row);
      return x("overdue.responded", { caseNumber: c.caseNumber });
    });

  return (
    <li className={s.row} data-testid="overdue-row" data-ref={c.id}>
      <strong>
        {x("overdue.row", { caseNumber: c.caseNumber, purpose: t(`purpose.${c.purpose}`) })}
      </strong>
      <div>
        {c.deadline !== null && x("overdue.deadline", { date: formatLongDate(c.deadline, locale) })}
        {c.sentAt !== null &&
          ` · ${x("overdue.sentOn", { date: formatLongDate(localToday(new Date(c.sentAt)), locale) })}`}
      </div>
      <div>{x("overdue.recipient", { address: row.recipient })}</div>
      {row.purpose === null && <p>{x("overdue.noStandardText")}</p>}
      {!open && (
        <div className={s.actions}>
          {row.purpose !== null && (
            <Button disabled={busy} onClick={() => setOpen(true)}>
              {x("overdue.noResponse")}
            </Button>
          )}
          <Button disabled={busy} onClick={() => void responded()}>
            {x("overdue.responseReceived")}
          </Button>
        </div>
      )}
      {open && (
        <div data-testid="r9-form">
          <Field label={x("overdue.outcome.legend")}>
            <RadioGroup
              value={choices.outcome ?? ""}
              onChange={(_, d) => setChoices({ ...choices, outcome: d.value as NoResponseOutcome })}
            >
              {outcomes.map((o) => (
                <Radio key={o} value={o} label={x(`overdue.outcome.${o}`)} />
              ))}
            </RadioGroup>
          </Field>
          <Field label={x("overdue.response.legend")}>
            <RadioGroup
              value={choices.response ?? ""}
              onChange={(_, d) =>
                setChoices({ ...choices, response: d.value as ApplicantResponse })
              }
            >
              {responses.map((r) => (
                <Radio key={r} value={r} label={x(`overdue.response.${r}`)} />
              ))}
            </RadioGroup>
          </Field>
          <h4>{x("overdue.preview", { language: x(`language.${c.language}`) })}</h4>
          {preview.ok ? (
            <p
              className={s.preview}
              lang={c.language === "fr" ? "fr-CA" : "en-CA"}
              data-testid="r9-preview"
            >
              {preview.value}
            </p>
          ) : (
            <p>{x("overdue.previewPending")}</p>
          )}
          <div className={s.actions}>
            <Button appearance="primary" disabled={busy || !preview.ok} onClick={() => void save()}>
              {x("overdue.save", { caseNumber: c.caseNumber })}
            </Button>
            <Button disabled={busy} onClick={() => setOpen(false)}>
              {x("overdue.cancel")}
            </Button>
          </div>
        </div>
      )}
      {error !== null && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
    </li>
  );
}
