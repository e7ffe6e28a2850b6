/**
 * F1 Compose: find the case (subject or typed), show its summary and one live checklist, offer the
 * fixes, insert the template with the R4 deadline, and link the message (correlation reference on
 * the item, pending correspondence at the gateway). Nothing here blocks the officer from writing.
 */
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  makeStyles,
} from "@fluentui/react-components";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { minimumDays, minimumDeadline } from "../../domain/business-calendar";
import type { CaseRecord, Office } from "../../domain/case-record";
import { findCaseNumber, isValidCaseNumber } from "../../domain/case-number";
import { evaluateMessage } from "../../domain/evaluate-message";
import { expectedRecipient } from "../../domain/expected-recipient";
import type { Finding } from "../../domain/finding";
import type { Purpose } from "../../domain/message-draft";
import { textToHtml } from "../../domain/plain-text";
import { needsDeadline } from "../../domain/rules/deadline";
import { renderTemplate, templateKinds, type TemplateKind } from "../../domain/templates";
import { isGatewayError } from "../../gateway/errors";
import { getBodyType, insertInBody, setRecipients, setSubject } from "../../office/compose-item";
import { readCorrelationRef, stampCorrelationRef } from "../../office/correlation";
import { readHandoff, writeHandoff } from "../../office/link-session";
import { applyFix, changedFields, type Fix, type RecipientLists } from "../fixes";
import { takePurposeHint } from "../followups/purpose-hint";
import { usePaneText } from "../pane-text";
import type { PaneServices } from "../services";
import { useDraft } from "../use-draft";
import type { CasePrefetch } from "./case-prefetch";
import { CaseSummary } from "./case-summary";
import { Checklist } from "./checklist";
import { PurposePanel } from "./purpose-panel";

const useStyles = makeStyles({
  root: { display: "grid", rowGap: "16px" },
  row: { display: "flex", gap: "8px", alignItems: "end", flexWrap: "wrap" },
});

type CaseState =
  | { status: "idle" }
  | { status: "loading"; caseNumber: string }
  | { status: "loaded"; caseRecord: CaseRecord; office: Office | null; loadedAt: string }
  | { status: "error"; caseNumber: string; error: unknown };

type LinkState =
  | { status: "none" }
  | { status: "linking" }
  | { status: "linked"; ref: string; recorded: boolean; failure: string | null }
  | { status: "failed"; code: string };

export function ComposeView({
  services,
  prefetch = null,
}: {
  services: PaneServices;
  /** The subject's case, requested while the pane started (index.tsx). */
  prefetch?: CasePrefetch | null;
}) {
  const s = useStyles();
  const { t, reason } = usePaneText();
  const draft = useDraft();
  const [typed, setTyped] = useState<string | null>(null);
  const [caseState, setCaseState] = useState<CaseState>({ status: "idle" });
  const [purpose, setPurpose] = useState<Purpose | null>(null);
  const [deadline, setDeadline] = useState<string | null>(null);
  const [link, setLink] = useState<LinkState>({ status: "none" });
  const [announcement, setAnnouncement] = useState("");
  const [busy, setBusy] = useState(false);
  const autoLoaded = useRef(false);
  const offices = useRef<Promise<Office[] | null> | null>(null);

  const fromSubject = draft.fields
    ? findCaseNumber(draft.fields.subject, services.caseNumberPattern)
    : null;
  const caseInput = typed ?? fromSubject ?? "";
  const inputValid = isValidCaseNumber(caseInput, services.caseNumberPattern);
  const today = services.today();

  const loadCase = useCallback(
    async (caseNumber: string) => {
      if (services.gateway === null) return;
      setCaseState({ status: "loading", caseNumber });
      const gateway = services.gateway;
      // The offices list travels beside the case: one round trip instead of two in a row.
      offices.current ??= prefetch?.offices() ?? gateway.listOffices().catch(() => null);
      try {
        const [caseRecord, known] = await Promise.all([
          prefetch?.takeCase(caseNumber) ?? gateway.getCase(caseNumber),
          offices.current,
        ]);
        let office: Office | null = known?.find((o) => o.id === caseRecord.officeId) ?? null;
        if (office === null) {
          try {
            office = await gateway.getOffice(caseRecord.officeId);
          } catch (error) {
            if (!isGatewayError(error) || error.kind !== "not-found") throw error;
          }
        }
        setCaseState({ status: "loaded", caseRecord, office, loadedAt: new Date().toISOString() });
      } catch (error) {
        setCaseState({ status: "error", caseNumber, error });
      }
    },
    [services.gateway, prefetch]
  );

  // A reopened pane on a linked message picks up where it was; else the subject's case number.
  useEffect(() => {
    if (autoLoaded.current || draft.fields === null) return;
    autoLoaded.current = true;
    void (async () => {
      // The subject's case loads at once, beside reading the hand-off of an earlier link.
      const early = fromSubject === null ? null : loadCase(fromSubject);
      const [handoff, ref] = await Promise.all([readHandoff(), readCorrelationRef()]);
      if (handoff.ok && handoff.value && ref.ok && ref.value !== null) {
        setTyped(handoff.value.caseNumber);
        setPurpose(handoff.value.purpose);
        setDeadline(handoff.value.deadline);
        setLink({ status: "linked", ref: ref.value, recorded: true, failure: null });
        await early;
        if (handoff.value.caseNumber !== fromSubject) await loadCase(handoff.value.caseNumber);
      } else if (fromSubject !== null) {
        // A new form from the Transfers queue's "Write the notice" says what it is for (once).
        const hinted = takePurposeHint(fromSubject);
        if (hinted !== null) setPurpose(hinted);
      }
    })();
  }, [draft.fields, fromSubject, loadCase]);

  const loaded = caseState.status === "loaded" ? caseState : null;
  const deadlinePurpose = purpose !== null && needsDeadline(purpose) ? purpose : null;
  const minimum =
    loaded && deadlinePurpose
      ? minimumDeadline(loaded.caseRecord, deadlinePurpose, services.policy, today)
      : null;
  const minDays =
    loaded && deadlinePurpose
      ? minimumDays(loaded.caseRecord.countryOfResidence, deadlinePurpose, services.policy)
      : null;
  const deadlineError = minimum !== null && deadline !== null && deadline < minimum;

  const findings: Finding[] = useMemo(() => {
    if (!loaded || draft.fields === null) return [];
    return evaluateMessage({
      caseRecord: loaded.caseRecord,
      office: loaded.office,
      draft: {
        ...draft.fields,
        purpose,
        deadline: deadlinePurpose ? deadline : null,
        readReceiptRequested: null,
      },
      policy: services.policy,
      today,
    });
  }, [loaded, draft.fields, purpose, deadline, deadlinePurpose, services.policy, today]);

  const choosePurpose = (p: Purpose | null) => {
    setPurpose(p);
    if (loaded && p !== null && needsDeadline(p)) {
      setDeadline(minimumDeadline(loaded.caseRecord, p, services.policy, today));
    } else {
      setDeadline(null);
    }
  };

  const onFix = async (fix: Fix, label: string) => {
    if (draft.fields === null) return;
    setBusy(true);
    const before: RecipientLists = {
      to: draft.fields.to,
      cc: draft.fields.cc,
      bcc: draft.fields.bcc,
    };
    const after = applyFix(fix, before);
    for (const field of changedFields(before, after)) {
      const r = await setRecipients(field, after[field]);
      if (!r.ok) {
        setAnnouncement(t("fix.failed", { code: r.error.code ?? r.error.name }));
        setBusy(false);
        await draft.refresh();
        return;
      }
    }
    await draft.refresh();
    setAnnouncement(t("fix.applied", { what: label }));
    setBusy(false);
  };

  const onInsert = async () => {
    if (!loaded || purpose === null || draft.fields === null) return;
    const kind = (templateKinds as readonly string[]).includes(purpose)
      ? (purpose as TemplateKind)
      : null;
    if (kind === null || loaded.office === null) return;
    const rendered = renderTemplate({
      kind,
      caseRecord: loaded.caseRecord,
      office: loaded.office,
      deadline,
    });
    if (!rendered.ok) {
      setAnnouncement(t("template.failed", { code: rendered.error }));
      return;
    }
    setBusy(true);
    const type = await getBodyType();
    const html = type.ok && type.value === "html";
    const body = rendered.message.body;
    const inserted = await insertInBody(html ? textToHtml(body) : body, html ? "html" : "text");
    if (inserted.ok && draft.fields.subject.trim() === "")
      await setSubject(rendered.message.subject);
    await draft.refresh();
    setBusy(false);
    setAnnouncement(
      inserted.ok
        ? t("template.inserted", { language: t(`summary.lang.${loaded.caseRecord.language}`) })
        : t("template.failed", { code: inserted.error.code ?? inserted.error.name })
    );
  };

  const onLink = async () => {
    if (!loaded || purpose === null) return;
    const expected = expectedRecipient(loaded.caseRecord);
    if (expected.kind === "post") return;
    setBusy(true);
    setLink({ status: "linking" });
    const existing = await readCorrelationRef();
    const ref = existing.ok && existing.value ? existing.value : services.newCorrelationRef();
    const stamped = await stampCorrelationRef(ref);
    if (!stamped.ok) {
      setLink({ status: "failed", code: String(stamped.error.code ?? stamped.error.name) });
      setBusy(false);
      return;
    }
    const effectiveDeadline = deadlinePurpose ? deadline : null;
    await writeHandoff({
      caseNumber: loaded.caseRecord.caseNumber,
      purpose,
      deadline: effectiveDeadline,
      snapshot: loaded.caseRecord,
      snapshotAt: loaded.loadedAt,
    });
    let failure: string | null = null;
    try {
      if (services.gateway === null) throw new Error("NoGateway");
      await services.gateway.recordPendingCorrespondence(
        {
          id: ref,
          caseNumber: loaded.caseRecord.caseNumber,
          purpose,
          deadline: effectiveDeadline,
          expectedRecipient: expected.address,
          language: loaded.caseRecord.language,
          subject: draft.fields?.subject || null,
        },
        { idempotencyKey: `pending-${ref}` }
      );
    } catch (error) {
      failure = reason(error);
    }
    setLink({ status: "linked", ref, recorded: failure === null, failure });
    setAnnouncement(t("link.linked", { caseNumber: loaded.caseRecord.caseNumber, ref }));
    setBusy(false);
  };

  const loadError = caseState.status === "error" ? caseState : null;
  const offline =
    loadError &&
    isGatewayError(loadError.error) &&
    ["network", "timeout"].includes(loadError.error.kind);
  const canLink = loaded !== null && expectedRecipient(loaded.caseRecord).kind !== "post";
  const canInsert =
    purpose !== null &&
    (templateKinds as readonly string[]).includes(purpose) &&
    purpose !== "transfer";

  return (
    <div className={s.root}>
      <div role="status" aria-live="polite" className="visually-hidden" data-testid="announcer">
        {announcement}
      </div>
      <section aria-labelledby="case-heading">
        <h2 id="case-heading">{t("link.heading")}</h2>
        <form
          className={s.row}
          onSubmit={(e) => {
            e.preventDefault();
            if (inputValid) void loadCase(caseInput.trim());
          }}
        >
          <Field
            label={t("link.caseNumber")}
            hint={
              typed === null && fromSubject !== null
                ? t("link.fromSubject")
                : t("link.caseNumberHint", { example: services.caseNumberExample })
            }
            validationState={caseInput !== "" && !inputValid ? "error" : "none"}
            validationMessage={
              caseInput !== "" && !inputValid
                ? t("link.invalid", { example: services.caseNumberExample })
                : undefined
            }
          >
            <Input
              value={caseInput}
              disabled={link.status === "linked"}
              onChange={(_, d) => setTyped(d.value.toUpperCase())}
              autoComplete="off"
            />
          </Field>
          <Button
            type="submit"
            disabled={!inputValid || link.status === "linked" || caseState.status === "loading"}
          >
            {t("link.load")}
          </Button>
        </form>
      </section>

      {caseState.status === "loading" && (
        <Spinner label={t("link.loading", { caseNumber: caseState.caseNumber })} />
      )}
      {loadError && offline && (
        <MessageBar intent="warning" data-testid="offline">
          <MessageBarBody>
            <MessageBarTitle>{t("offline.title")}</MessageBarTitle>
            {t("offline.body")}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => void loadCase(loadError.caseNumber)}>
              {t("offline.retry")}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {loadError && !offline && (
        <MessageBar intent="error" data-testid="case-error">
          <MessageBarBody>
            {isGatewayError(loadError.error) && loadError.error.kind === "not-found"
              ? t("link.notFound", { caseNumber: loadError.caseNumber })
              : isGatewayError(loadError.error) && loadError.error.kind === "forbidden"
                ? t("link.forbidden", { caseNumber: loadError.caseNumber })
                : t("link.error", { reason: reason(loadError.error) })}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => void loadCase(loadError.caseNumber)}>{t("link.retry")}</Button>
          </MessageBarActions>
        </MessageBar>
      )}

      {draft.readError && (
        <MessageBar intent="warning">
          <MessageBarBody>
            {t("checklist.readFailed", { code: draft.readError.code ?? draft.readError.name })}
          </MessageBarBody>
        </MessageBar>
      )}

      {loaded && (
        <>
          <CaseSummary caseRecord={loaded.caseRecord} office={loaded.office} />
          <Checklist
            findings={findings}
            checking={draft.reading && draft.fields === null}
            fixing={busy}
            onFix={(fix, label) => void onFix(fix, label)}
            onRecheck={() => void draft.refresh()}
          />
          <PurposePanel
            purpose={purpose}
            onPurpose={choosePurpose}
            deadline={deadline}
            minimum={minimum}
            minimumDays={minDays}
            onDeadline={setDeadline}
            deadlineError={deadlineError}
            onInsert={() => void onInsert()}
            onLink={() => void onLink()}
            busy={busy}
            linked={link.status === "linked"}
            canLink={canLink}
            canInsert={canInsert}
          />
          {!canLink && <p>{t("link.noRecipient")}</p>}
          {link.status === "linked" && (
            <MessageBar intent={link.recorded ? "success" : "warning"} data-testid="link-state">
              <MessageBarBody>
                {t("link.linked", { caseNumber: loaded.caseRecord.caseNumber, ref: link.ref })}{" "}
                {link.recorded
                  ? t("link.linkedPending")
                  : t("link.pendingFailed", { reason: link.failure ?? "" })}
              </MessageBarBody>
            </MessageBar>
          )}
          {link.status === "failed" && (
            <MessageBar intent="error">
              <MessageBarBody>{t("link.stampFailed", { code: link.code })}</MessageBarBody>
            </MessageBar>
          )}
        </>
      )}
    </div>
  );
}
