/** F5 Overdue responses (R9): correspondence past its deadline without a response. */
import { useEffect, useState } from "react";
import { formatLongDate } from "../../domain/long-date";
import type { Correspondence } from "../../gateway/contract";
import { usePaneText } from "../pane-text";
import type { PaneServices } from "../services";
import { QueueState, type ListState } from "./queue-state";

export function OverdueQueue({ services }: { services: PaneServices }) {
  const { t, reason, locale } = usePaneText();
  const [state, setState] = useState<ListState<Correspondence>>({ status: "loading" });
  useEffect(() => {
    let live = true;
    const g = services.gateway;
    void (async () => {
      try {
        const rows = g === null ? [] : await g.listAwaitingResponse({ asOf: services.today() });
        if (live) setState({ status: "ready", rows });
      } catch (error) {
        if (live) setState({ status: "error", reason: reason(error) });
      }
    })();
    return () => {
      live = false;
    };
  }, [services, reason]);
  return (
    <QueueState state={state} empty={t("queues.empty.overdue")} label={t("queues.overdue")}>
      {(rows) => (
        <ul>
          {rows.map((c) => (
            <li key={c.id}>
              {t("queues.item.correspondence", {
                caseNumber: c.caseNumber,
                purpose: t(`purpose.${c.purpose}`),
                status: c.status,
              })}
              {c.deadline
                ? `, ${t("queues.item.deadline", { date: formatLongDate(c.deadline, locale) })}`
                : ""}
            </li>
          ))}
        </ul>
      )}
    </QueueState>
  );
}
