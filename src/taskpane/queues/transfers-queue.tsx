/** F6 Transfers (R12): cases transferred to the officer's offices whose applicant is not yet told. */
import { useEffect, useState } from "react";
import type { Transfer } from "../../gateway/contract";
import { usePaneText } from "../pane-text";
import type { PaneServices } from "../services";
import { QueueState, type ListState } from "./queue-state";

export function TransfersQueue({ services }: { services: PaneServices }) {
  const { t, reason } = usePaneText();
  const [state, setState] = useState<ListState<Transfer>>({ status: "loading" });
  useEffect(() => {
    let live = true;
    const g = services.gateway;
    void (async () => {
      try {
        const rows = g === null ? [] : await g.listTransferredNotNotified();
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
    <QueueState state={state} empty={t("queues.empty.transfers")} label={t("queues.transfers")}>
      {(rows) => (
        <ul>
          {rows.map((x) => (
            <li key={x.id}>
              {t("queues.item.transfer", {
                caseNumber: x.caseNumber,
                from: x.fromOfficeId,
                to: x.toOfficeId,
              })}
            </li>
          ))}
        </ul>
      )}
    </QueueState>
  );
}
