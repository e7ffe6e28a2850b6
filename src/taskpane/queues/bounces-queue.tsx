/** F4 Bounces (R10): delivery reports from the offices' generic mailboxes, tied to correspondence. */
import { usePaneText } from "../pane-text";
import type { PaneServices } from "../services";
import { QueueState } from "./queue-state";

export function BouncesQueue({ services: _services }: { services: PaneServices }) {
  const { t } = usePaneText();
  return (
    <QueueState
      state={{ status: "ready", rows: [] }}
      empty={t("queues.empty.bounces")}
      label={t("queues.bounces")}
    >
      {() => null}
    </QueueState>
  );
}
