/** F3 Read: a sent item's link and filing state; the filing issue adds the actions here. */
import { MessageBar, MessageBarBody, Spinner } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { isCorrelationRef, correlationHeader } from "../office/correlation";
import { getAllInternetHeaders, headerValue, itemId } from "../office/read-item";
import { currentItem } from "../office/host";
import { fromAsync } from "../office/result";
import type { Correspondence } from "../gateway/contract";
import { paneAction, ReadFiling } from "./filing/read-filing";
import { usePaneText } from "./pane-text";
import type { PaneServices } from "./services";

type ReadState =
  | { status: "loading" }
  | { status: "error"; code: string }
  | {
      status: "ready";
      ref: string | null;
      correspondence: Correspondence | null;
      gatewayError: string | null;
    };

/** The reference from the custom property, else from the `x-casemail-ref` header. */
async function readRef(): Promise<{ ref: string | null; error: string | null }> {
  const item = currentItem() as unknown as Office.MessageRead | null;
  if (item === null) return { ref: null, error: "NoItem" };
  const props = await fromAsync<Office.CustomProperties>((cb) =>
    item.loadCustomPropertiesAsync(cb)
  );
  if (props.ok) {
    const v: unknown = props.value.get("casemail-ref");
    if (isCorrelationRef(v)) return { ref: v, error: null };
  }
  const headers = await getAllInternetHeaders();
  if (!headers.ok) return { ref: null, error: String(headers.error.code ?? headers.error.name) };
  const h = headerValue(headers.value, correlationHeader);
  return { ref: isCorrelationRef(h) ? h : null, error: null };
}

function openItemId(): string {
  const id = itemId();
  return id.ok && id.value !== null ? id.value : "open-item";
}

export function ReadView({ services }: { services: PaneServices }) {
  const { t, reason } = usePaneText();
  const [state, setState] = useState<ReadState>({ status: "loading" });

  useEffect(() => {
    void (async () => {
      const r = await readRef();
      if (r.error !== null && r.ref === null) {
        setState({ status: "error", code: r.error });
        return;
      }
      let correspondence: Correspondence | null = null;
      let gatewayError: string | null = null;
      if (r.ref !== null && services.gateway !== null) {
        try {
          correspondence = await services.gateway.getCorrespondence(r.ref);
        } catch (error) {
          gatewayError = reason(error);
        }
      }
      setState({ status: "ready", ref: r.ref, correspondence, gatewayError });
    })();
  }, [services.gateway, reason]);

  return (
    <section aria-labelledby="read-heading" data-testid="read-view">
      <h2 id="read-heading">{t("read.heading")}</h2>
      {state.status === "loading" && <Spinner label={t("read.loading")} />}
      {state.status === "error" && (
        <MessageBar intent="error">
          <MessageBarBody>{t("read.error", { code: state.code })}</MessageBarBody>
        </MessageBar>
      )}
      {state.status === "ready" && state.ref === null && <p>{t("read.notLinked")}</p>}
      {state.status === "ready" && state.ref !== null && (
        <>
          <p>{t("read.linked", { ref: state.ref })}</p>
          <h3>{t("read.filingState")}</h3>
          {state.correspondence && (
            <p>{t("read.status", { status: state.correspondence.status })}</p>
          )}
          {state.gatewayError && (
            <MessageBar intent="warning">
              <MessageBarBody>{state.gatewayError}</MessageBarBody>
            </MessageBar>
          )}
          {state.correspondence && services.filing ? (
            <ReadFiling
              filing={services.filing}
              correspondence={state.correspondence}
              itemId={openItemId()}
              action={paneAction(globalThis.location?.search ?? "")}
              followups={services.followups}
            />
          ) : (
            <p>{t("read.filingPending")}</p>
          )}
        </>
      )}
    </section>
  );
}
