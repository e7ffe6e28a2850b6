/** What every work queue shows around its rows: a spinner, a translated error, or its empty state. */
import { MessageBar, MessageBarBody, Spinner } from "@fluentui/react-components";
import type { ReactNode } from "react";
import { usePaneText } from "../pane-text";

export type ListState<T> =
  { status: "loading" } | { status: "error"; reason: string } | { status: "ready"; rows: T[] };

export function QueueState<T>({
  state,
  empty,
  label,
  children,
}: {
  state: ListState<T>;
  empty: string;
  label: string;
  children: (rows: T[]) => ReactNode;
}) {
  const { t } = usePaneText();
  return (
    <div role="region" aria-live="polite" aria-label={label}>
      {state.status === "loading" && <Spinner size="small" label={t("queues.loading")} />}
      {state.status === "error" && (
        <MessageBar intent="error">
          <MessageBarBody>{t("queues.error", { reason: state.reason })}</MessageBarBody>
        </MessageBar>
      )}
      {state.status === "ready" && state.rows.length === 0 && (
        <p data-testid="queue-empty">{empty}</p>
      )}
      {state.status === "ready" && state.rows.length > 0 && children(state.rows)}
    </div>
  );
}
