/**
 * R14 proof of sending for one correspondence: a printable page (the print stylesheet hides the
 * pane's chrome and buttons) with the facts of sending, the filed `.msg`'s SHA-256, who filed it
 * and when, the delivery status, whether the address was the latest on file, the notes on the
 * correspondence, and the `.msg` download (a Blob URL; nothing leaves the pane). Where follow-ups
 * are available, a decision maker records a reconsideration decision (R13) from here.
 */
import {
  Button,
  MessageBar,
  MessageBarBody,
  Spinner,
  makeStaticStyles,
  makeStyles,
} from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { SentSummary } from "../../filing/sent-summary";
import type { ProofOfSending } from "../../gateway/contract";
import { useFollowupText } from "../followups/followups-text";
import type { PaneFollowups } from "../followups/pane-followups";
import { ReconsiderationForm } from "../followups/reconsideration-form";
import { usePaneText } from "../pane-text";
import { useFilingText } from "./filing-text";
import type { PaneFiling } from "./pane-filing";

/** Printing the proof prints the proof only: not the pane's title, navigation or buttons. */
const usePrintStyles = makeStaticStyles(
  "@media print { body header, body nav, .casemail-no-print { display: none !important; } " +
    ".casemail-proof { color: #000; background: #fff; } }"
);

const useStyles = makeStyles({
  facts: {
    display: "grid",
    gridTemplateColumns: "max-content 1fr",
    columnGap: "12px",
    rowGap: "4px",
    margin: "8px 0",
    "& dd": { margin: 0, overflowWrap: "anywhere" },
    "& dt": { fontWeight: 600 },
  },
  body: { whiteSpace: "pre-wrap", border: "1px solid currentColor", padding: "8px" },
  actions: { display: "flex", gap: "8px", flexWrap: "wrap", margin: "8px 0" },
  notes: { listStyle: "none", padding: 0, margin: "4px 0" },
  note: { whiteSpace: "pre-wrap", margin: "4px 0 8px 0" },
});

type State =
  | { status: "loading" }
  | { status: "error"; reason: string }
  | { status: "ready"; proof: ProofOfSending; summary: SentSummary | null };

function formatDateTime(iso: string | null, locale: string): string | null {
  if (iso === null) return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale === "fr" ? "fr-CA" : "en-CA", {
    dateStyle: "long",
    timeStyle: "long",
  }).format(date);
}

export function ProofView({
  filing,
  correlationRef,
  onBack,
  followups,
}: {
  filing: PaneFiling;
  correlationRef: string;
  onBack?: () => void;
  followups?: PaneFollowups | null;
}) {
  usePrintStyles();
  const s = useStyles();
  const { reason } = usePaneText();
  const { f, locale } = useFilingText();
  const { x } = useFollowupText();
  const [state, setState] = useState<State>({ status: "loading" });
  const [reconsidering, setReconsidering] = useState(false);
  const [saved, setSaved] = useState(false);
  /** Bumped after a note is saved: the proof reloads with it. */
  const [version, setVersion] = useState(0);
  const [download, setDownload] = useState<{ url: string; name: string } | null>(null);
  const [downloadError, setDownloadError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const loaded = await filing.loadProof(correlationRef);
        if (live) setState({ status: "ready", ...loaded });
      } catch (error) {
        if (live) setState({ status: "error", reason: reason(error) });
      }
    })();
    return () => {
      live = false;
    };
  }, [filing, correlationRef, reason, version]);

  useEffect(
    () => () => {
      if (download !== null) URL.revokeObjectURL(download.url);
    },
    [download]
  );

  const prepareDownload = async (caseNumber: string) => {
    setDownloadError(null);
    try {
      const blob = await filing.downloadMsg(correlationRef);
      const next = { url: URL.createObjectURL(blob), name: `${caseNumber}-${correlationRef}.msg` };
      setDownload(next);
      // Save it at once (one click); the link stays for a second copy or a blocked download.
      const anchor = document.createElement("a");
      anchor.href = next.url;
      anchor.download = next.name;
      anchor.click();
    } catch (error) {
      setDownloadError(reason(error));
    }
  };

  const none = f("proof.none");
  return (
    <section aria-labelledby="proof-heading" data-testid="proof-view" className="casemail-proof">
      <h2 id="proof-heading">{f("proof.heading")}</h2>
      {state.status === "loading" && <Spinner size="small" label={f("proof.loading")} />}
      {state.status === "error" && (
        <MessageBar intent="error">
          <MessageBarBody>{f("proof.error", { reason: state.reason })}</MessageBarBody>
        </MessageBar>
      )}
      {state.status === "ready" &&
        (() => {
          const { proof, summary } = state;
          const c = proof.correspondence;
          const to = c.to.length > 0 ? c.to : (summary?.to ?? []);
          const latest =
            proof.sentToLatestAddress === null
              ? f("proof.latestUnknown")
              : proof.sentToLatestAddress
                ? f("proof.latestYes", { address: proof.addressOnFileAtSending ?? none })
                : f("proof.latestNo", { address: proof.addressOnFileAtSending ?? none });
          const facts: [string, string][] = [
            [f("proof.case"), proof.caseNumber],
            [f("proof.office"), proof.office.name[locale]],
            [f("proof.status"), c.status],
            [
              f("proof.sentAt"),
              formatDateTime(c.sentAt ?? summary?.sentAt ?? null, locale) ?? none,
            ],
            [f("proof.from"), c.from ?? summary?.from ?? none],
            [f("proof.to"), to.length > 0 ? to.join(", ") : none],
            [f("proof.subject"), c.subject ?? summary?.subject ?? none],
            [
              f("proof.attachments"),
              summary === null
                ? none
                : summary.attachments.length === 0
                  ? f("proof.noAttachments")
                  : summary.attachments.map((a) => a.name).join(", "),
            ],
            [f("proof.sha256"), c.eDocument?.sha256 ?? f("proof.notFiled")],
            [
              f("proof.size"),
              c.eDocument ? f("proof.sizeBytes", { size: c.eDocument.size }) : none,
            ],
            [f("proof.filedAt"), formatDateTime(proof.filedAt, locale) ?? f("proof.notFiled")],
            [f("proof.filedBy"), proof.filedBy ?? none],
            [
              f("proof.delivery"),
              proof.bounced
                ? f("proof.bounced", { count: proof.bounces.length })
                : f("proof.delivered"),
            ],
            [f("proof.latestAddress"), latest],
          ];
          return (
            <>
              <dl className={s.facts} data-testid="proof-facts">
                {facts.map(([term, value]) => (
                  <div key={term} style={{ display: "contents" }}>
                    <dt>{term}</dt>
                    <dd>{value}</dd>
                  </div>
                ))}
              </dl>
              <h3>{f("proof.body")}</h3>
              {summary === null ? (
                <p>{f("proof.bodyUnavailable")}</p>
              ) : (
                <div className={s.body} data-testid="proof-body">
                  {summary.text}
                </div>
              )}
              <h3 id="proof-notes-heading">{x("notes.heading")}</h3>
              {proof.notes.length === 0 ? (
                <p>{x("notes.none")}</p>
              ) : (
                <ul className={s.notes} aria-labelledby="proof-notes-heading">
                  {proof.notes.map((n) => (
                    <li key={n.id} data-testid="proof-note" data-kind={n.kind}>
                      <strong>
                        {x("notes.meta", {
                          kind: x(`notes.kind.${n.kind}`),
                          date: formatDateTime(n.createdAt, locale) ?? n.createdAt,
                          author: n.author,
                        })}
                      </strong>
                      <div className={s.note}>{n.text}</div>
                    </li>
                  ))}
                </ul>
              )}
              {saved && (
                <MessageBar intent="success" className="casemail-no-print">
                  <MessageBarBody>{x("recon.saved")}</MessageBarBody>
                </MessageBar>
              )}
              {reconsidering && followups && (
                <ReconsiderationForm
                  followups={followups}
                  proof={proof}
                  onCancel={() => setReconsidering(false)}
                  onSaved={() => {
                    setReconsidering(false);
                    setSaved(true);
                    setVersion((v) => v + 1);
                  }}
                />
              )}
              <div className={`${s.actions} casemail-no-print`}>
                <Button appearance="primary" onClick={() => window.print()}>
                  {f("proof.print")}
                </Button>
                {c.eDocument !== null && download === null && (
                  <Button onClick={() => void prepareDownload(proof.caseNumber)}>
                    {f("proof.download")}
                  </Button>
                )}
                {download !== null && (
                  <a href={download.url} download={download.name} data-testid="msg-download">
                    {f("proof.downloadReady", { name: download.name })}
                  </a>
                )}
                {followups && !reconsidering && (
                  <Button
                    onClick={() => {
                      setSaved(false);
                      setReconsidering(true);
                    }}
                  >
                    {x("recon.open")}
                  </Button>
                )}
                {onBack !== undefined && <Button onClick={onBack}>{f("proof.back")}</Button>}
              </div>
              {downloadError !== null && (
                <MessageBar intent="error" className="casemail-no-print">
                  <MessageBarBody>{downloadError}</MessageBarBody>
                </MessageBar>
              )}
            </>
          );
        })()}
    </section>
  );
}
