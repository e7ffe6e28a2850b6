/** Work queues (F3 Pending filing, F4 Bounces, F5 Overdue responses, F6 Transfers): one at a time. */
import { ToggleButton, makeStyles } from "@fluentui/react-components";
import { useState } from "react";
import type { TaskpaneMessageKey } from "../i18n/messages/taskpane";
import { PendingView } from "./filing/pending-view";
import { usePaneText } from "./pane-text";
import { BouncesQueue } from "./queues/bounces-queue";
import { OverdueQueue } from "./queues/overdue-queue";
import { PendingQueue } from "./queues/pending-queue";
import { TransfersQueue } from "./queues/transfers-queue";
import type { PaneServices } from "./services";

export type QueueName = "pending" | "bounces" | "overdue" | "transfers";
const queues: readonly QueueName[] = ["pending", "bounces", "overdue", "transfers"];

const useStyles = makeStyles({
  picker: { display: "flex", flexWrap: "wrap", gap: "4px", marginBottom: "8px" },
});

export function QueuesView({ services }: { services: PaneServices }) {
  const s = useStyles();
  const { t } = usePaneText();
  const [queue, setQueue] = useState<QueueName>("pending");
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
      {queue === "pending" &&
        (services.filing ? (
          <PendingView filing={services.filing} followups={services.followups} />
        ) : (
          <PendingQueue services={services} />
        ))}
      {queue === "bounces" && <BouncesQueue services={services} />}
      {queue === "overdue" && <OverdueQueue services={services} />}
      {queue === "transfers" && <TransfersQueue services={services} />}
    </section>
  );
}
