/**
 * R13 from the proof of sending: the department's error read from the record (never sent; sent to
 * an old address; a delivery report), the decision maker's reasons and supporting documents, the
 * reopen choice (preselected where the department erred), and the note previewed in the case's
 * language, saved as a reconsideration note on the correspondence.
 */
import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Textarea,
  makeStyles,
} from "@fluentui/react-components";
import { useMemo, useState } from "react";
import type { Note, ProofOfSending } from "../../gateway/contract";
import { usePaneText } from "../pane-text";
import { followupErrorText, useFollowupText } from "./followups-text";
import type { PaneFollowups } from "./pane-followups";

const useStyles = makeStyles({
  findings: { margin: "4px 0 8px 0", paddingLeft: "20px" },
  preview: { whiteSpace: "pre-wrap", border: "1px solid currentColor", padding: "8px" },
  actions: { display: "flex", flexWrap: "wrap", gap: "8px", margin: "8px 0" },
});

export function ReconsiderationForm({
  followups,
  proof,
  onSaved,
  onCancel,
}: {
  followups: PaneFollowups;
  proof: ProofOfSending;
  onSaved: (note: Note) => void;
  onCancel: () => void;
}) {
  const s = useStyles();
  const { reason } = usePaneText();
  const { x } = useFollowupText();
  const context = useMemo(() => followups.reconsideration(proof), [followups, proof]);
  const [reasons, setReasons] = useState("");
  const [documents, setDocuments] = useState("");
  // R13: where the department erred, the application is reopened.
  const [reopen, setReopen] = useState(context.error !== null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = { reasons, documents, reopen };
  const preview = followups.previewReconsideration(context, form);
  const c = proof.correspondence;

  const findings: string[] = [];
  if (context.notSent) findings.push(x("recon.finding.not-sent", { status: c.status }));
  if (context.oldAddress) {
    findings.push(
      x("recon.finding.old-address", {
        sentTo: context.sentTo ?? "",
        onFile: context.addressOnFile ?? "",
      })
    );
  }
  if (!context.notSent && !context.oldAddress && context.sentTo !== null) {
    findings.push(x("recon.finding.correct", { address: context.sentTo }));
  }
  if (context.bounces.length > 0) {
    findings.push(x("recon.finding.bounced", { count: context.bounces.length }));
  }

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const saved = await followups.saveReconsideration(context, form);
      if (saved.ok) onSaved(saved.value);
      else setError(followupErrorText(x, saved.error));
    } catch (e) {
      setError(reason(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section
      aria-labelledby="recon-heading"
      data-testid="reconsideration-form"
      className="casemail-no-print"
    >
      <h3 id="recon-heading">{x("recon.heading")}</h3>
      <h4>{x("recon.record")}</h4>
      <ul className={s.findings} data-testid="recon-findings">
        {findings.map((f) => (
          <li key={f}>{f}</li>
        ))}
        <li>
          <strong>{context.error !== null ? x("recon.error.yes") : x("recon.error.no")}</strong>
        </li>
      </ul>
      <Field
        label={x("recon.reasons")}
        required
        validationMessage={error ?? undefined}
        validationState={error !== null ? "error" : "none"}
      >
        <Textarea value={reasons} resize="vertical" onChange={(_, d) => setReasons(d.value)} />
      </Field>
      <Field label={x("recon.documents")}>
        <Textarea value={documents} resize="vertical" onChange={(_, d) => setDocuments(d.value)} />
      </Field>
      <Field label={x("recon.decision")}>
        <RadioGroup
          value={reopen ? "reopen" : "not-reopen"}
          onChange={(_, d) => setReopen(d.value === "reopen")}
        >
          <Radio value="reopen" label={x("recon.reopen")} />
          <Radio value="not-reopen" label={x("recon.notReopen")} />
        </RadioGroup>
      </Field>
      {context.error !== null && !reopen && (
        <MessageBar intent="warning">
          <MessageBarBody>{x("recon.reopenExpected")}</MessageBarBody>
        </MessageBar>
      )}
      {preview.ok && (
        <>
          <h4>{x("recon.preview", { language: x(`language.${context.language}`) })}</h4>
          <p
            className={s.preview}
            lang={context.language === "fr" ? "fr-CA" : "en-CA"}
            data-testid="recon-preview"
          >
            {preview.value}
          </p>
        </>
      )}
      <div className={s.actions}>
        <Button appearance="primary" disabled={busy} onClick={() => void save()}>
          {x("recon.save")}
        </Button>
        <Button disabled={busy} onClick={onCancel}>
          {x("recon.cancel")}
        </Button>
      </div>
    </section>
  );
}
