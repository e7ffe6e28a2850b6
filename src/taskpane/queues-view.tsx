/** Work queues (F3 Pending filing, F4 Bounces, F5 Overdue responses, F6 Transfers), with empty states. */
import {
  MessageBar,
  MessageBarBody,
  Spinner,
  ToggleButton,
  makeStyles,
} from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { formatLongDate } from "../domain/long-date";
import type { Correspondence, Transfer } from "../gateway/contract";
import type { TaskpaneMessageKey } from "../i18n/messages/taskpane";
import { PendingView } from "./filing/pending-view";
import { usePaneText } from "./pane-text";
import type { PaneServices } from "./services";

export type QueueName = "pending" | "bounces" | "overdue" | "transfers";
const queues: readonly QueueName[] = ["pending", "bounces", "overdue", "transfers"];

type Row = { key: string; text: string };
type ListState =
  { status: "loading" } | { status: "error"; reason: string } | { status: "ready"; rows: Row[] };

const useStyles = makeStyles({
  picker: { display: "flex", flexWrap: "wrap", gap: "4px", marginBottom: "8px" },
});

export function QueuesView({ services }: { services: PaneServices }) {
  const s = useStyles();
  const { t, reason, locale } = usePaneText();
  const [queue, setQueue] = useState<QueueName>("pending");
  const [state, setState] = useState<ListState>({ status: "loading" });

  useEffect(() => {
    let live = true;
    setState({ status: "loading" });
    const correspondenceRow = (c: Correspondence): Row => ({
      key: c.id,
      text:
        t("queues.item.correspondence", {
          caseNumber: c.caseNumber,
          purpose: t(`purpose.${c.purpose}`),
          status: c.status,
        }) +
        (c.deadline
          ? `, ${t("queues.item.deadline", { date: formatLongDate(c.deadline, locale) })}`
          : ""),
    });
    const transferRow = (x: Transfer): Row => ({
      key: x.id,
      text: t("queues.item.transfer", {
        caseNumber: x.caseNumber,
        from: x.fromOfficeId,
        to: x.toOfficeId,
      }),
    });
    void (async () => {
      try {
        const g = services.gateway;
        let rows: Row[] = [];
        // Bounce reports are read from the generic mailbox through Graph (a later issue).
        if (g !== null && queue === "pending" && !services.filing)
          rows = (await g.listPendingFiling()).map(correspondenceRow);
        if (g !== null && queue === "overdue")
          rows = (await g.listAwaitingResponse({ asOf: services.today() })).map(correspondenceRow);
        if (g !== null && queue === "transfers")
          rows = (await g.listTransferredNotNotified()).map(transferRow);
        if (live) setState({ status: "ready", rows });
      } catch (error) {
        if (live) setState({ status: "error", reason: reason(error) });
      }
    })();
    return () => {
      live = false;
    };
  }, [queue, services, t, reason, locale]);

  return (
    <section aria-labelledby="queues-heading" data-testid="queues-view">
      <h2 id="queues-heading">{t("queues.heading")}</h2>
      <div role="group" aria-label={t("queues.heading")} className={s.picker}>
        {queues.map((q) => (
          <ToggleButton
            key={q}
            size="small"
            checked={queue === q}
            appearance={queue === q ? "primary" : "secondary"}
            onClick={() => setQueue(q)}
          >
            {t(`queues.${q}` as TaskpaneMessageKey)}
          </ToggleButton>
        ))}
      </div>
      {queue === "pending" && services.filing ? (
        <PendingView filing={services.filing} />
      ) : (
        <div
          role="region"
          aria-live="polite"
          aria-label={t(`queues.${queue}` as TaskpaneMessageKey)}
        >
          {state.status === "loading" && <Spinner size="small" label={t("queues.loading")} />}
          {state.status === "error" && (
            <MessageBar intent="error">
              <MessageBarBody>{t("queues.error", { reason: state.reason })}</MessageBarBody>
            </MessageBar>
          )}
          {state.status === "ready" && state.rows.length === 0 && (
            <p data-testid="queue-empty">{t(`queues.empty.${queue}`)}</p>
          )}
          {state.status === "ready" && state.rows.length > 0 && (
            <>
              <ul>
                {state.rows.map((r) => (
                  <li key={r.key}>{r.text}</li>
                ))}
              </ul>
              <p>{t("queues.later")}</p>
            </>
          )}
        </div>
      )}
    </section>
  );
}
