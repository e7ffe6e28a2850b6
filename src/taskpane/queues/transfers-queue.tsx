/**
 * F6 Transfers (R12): cases transferred for processing to the officer's offices whose applicant is
 * not yet told. "Write the notice" opens a new message with the R12 template in the case's language
 * (both for a bilingual case), to the expected recipient (R2/R3), the case number in the subject.
 * Filing the sent notice marks the transfer notified; so does loading this list once it is sent.
 */
import { Button, MessageBar, MessageBarBody, makeStyles } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { formatLongDate } from "../../domain/long-date";
import { followupErrorText, languagesText, useFollowupText } from "../followups/followups-text";
import type { PaneFollowups, TransferList, TransferRow } from "../followups/pane-followups";
import { usePaneText } from "../pane-text";
import { localToday, type PaneServices } from "../services";
import { QueueState, type ListState } from "./queue-state";

const useStyles = makeStyles({
  list: { listStyle: "none", padding: 0, margin: "8px 0" },
  row: { padding: "6px 0", borderBottom: "1px solid currentColor" },
  actions: { display: "flex", flexWrap: "wrap", gap: "8px", margin: "6px 0" },
});

type Loaded = Omit<TransferList, "rows">;

export function TransfersQueue({ services }: { services: PaneServices }) {
  const s = useStyles();
  const { t, reason } = usePaneText();
  const { x } = useFollowupText();
  const followups = services.followups ?? null;
  const [state, setState] = useState<ListState<TransferRow>>({ status: "loading" });
  const [loaded, setLoaded] = useState<Loaded>({ reconciled: [], unavailable: [] });

  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const list =
          followups === null
            ? { rows: [], reconciled: [], unavailable: [] }
            : await followups.listTransfers();
        if (!live) return;
        setLoaded({ reconciled: list.reconciled, unavailable: list.unavailable });
        setState({ status: "ready", rows: list.rows });
      } catch (error) {
        if (live) setState({ status: "error", reason: reason(error) });
      }
    })();
    return () => {
      live = false;
    };
  }, [followups, reason]);

  return (
    <>
      {loaded.reconciled.length > 0 && (
        <MessageBar intent="info" data-testid="transfers-reconciled">
          <MessageBarBody>
            {x("transfers.reconciled", { count: loaded.reconciled.length })}
          </MessageBarBody>
        </MessageBar>
      )}
      {loaded.unavailable.map(({ transfer, error }) => (
        <MessageBar key={transfer.id} intent="warning">
          <MessageBarBody>
            {x("transfers.caseUnavailable", {
              caseNumber: transfer.caseNumber,
              reason: reason(error),
            })}
          </MessageBarBody>
        </MessageBar>
      ))}
      <QueueState state={state} empty={t("queues.empty.transfers")} label={t("queues.transfers")}>
        {(rows) => (
          <ul className={s.list}>
            {followups !== null &&
              rows.map((row) => (
                <TransferItem key={row.transfer.id} row={row} followups={followups} />
              ))}
          </ul>
        )}
      </QueueState>
    </>
  );
}

function TransferItem({ row, followups }: { row: TransferRow; followups: PaneFollowups }) {
  const s = useStyles();
  const { locale } = usePaneText();
  const { x } = useFollowupText();
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const { transfer, notice } = row;
  const caseNumber = transfer.caseNumber;

  const write = () => {
    const opened = followups.writeTransferNotice(row);
    setResult(
      opened.ok
        ? { ok: true, text: x("transfers.opened", { caseNumber }) }
        : { ok: false, text: followupErrorText(x, opened.error) }
    );
  };

  return (
    <li className={s.row} data-testid="transfer-row" data-transfer={transfer.id}>
      <strong>
        {x("transfers.row", {
          caseNumber,
          from: row.fromOffice?.name[locale] ?? transfer.fromOfficeId,
          to: row.toOffice?.name[locale] ?? transfer.toOfficeId,
          date: formatLongDate(localToday(new Date(transfer.transferredAt)), locale),
        })}
      </strong>
      {notice.ok ? (
        <>
          <div>
            {x(`transfers.to.${notice.recipientKind}`, { address: notice.to })}{" "}
            {x("transfers.languages", { languages: languagesText(x, notice.languages) })}
          </div>
          <div>{x("transfers.subject", { subject: notice.subject })}</div>
          <div className={s.actions}>
            <Button appearance="primary" onClick={write}>
              {x("transfers.write", { caseNumber })}
            </Button>
          </div>
        </>
      ) : notice.error.code === "no-email-consent" ? (
        <p>{x("transfers.post", { caseNumber })}</p>
      ) : notice.error.code === "office-unknown" ? (
        <p>
          {x("transfers.officeUnknown", {
            caseNumber,
            office: row.fromOffice === null ? transfer.fromOfficeId : transfer.toOfficeId,
          })}
        </p>
      ) : (
        <p>{followupErrorText(x, notice.error)}</p>
      )}
      <div role="status" aria-live="polite">
        {result !== null && (
          <MessageBar intent={result.ok ? "success" : "error"}>
            <MessageBarBody>{result.text}</MessageBarBody>
          </MessageBar>
        )}
      </div>
    </li>
  );
}
