/**
 * Purpose, deadline and template (R4), then the link. The date field cannot go below the minimum:
 * `min` stops the picker and a typed earlier date is refused with the reason.
 */
import { Button, Field, Input, Select, makeStyles } from "@fluentui/react-components";
import { useId } from "react";
import { formatLongDate } from "../../domain/long-date";
import { purposes, type Purpose } from "../../domain/message-draft";
import { usePaneText } from "../pane-text";

const useStyles = makeStyles({
  form: { display: "grid", rowGap: "12px" },
  actions: { display: "flex", flexWrap: "wrap", gap: "8px" },
});

export interface PurposePanelProps {
  purpose: Purpose | null;
  onPurpose: (p: Purpose | null) => void;
  deadline: string | null;
  /** The earliest deadline R4 allows, where the purpose has one. */
  minimum: string | null;
  minimumDays: number | null;
  onDeadline: (d: string | null) => void;
  deadlineError: boolean;
  onInsert: () => void;
  onLink: () => void;
  busy: boolean;
  linked: boolean;
  canLink: boolean;
  /** A template exists for the purpose (not for general correspondence or transfers here). */
  canInsert: boolean;
}

export function PurposePanel(props: PurposePanelProps) {
  const s = useStyles();
  const { t, locale } = usePaneText();
  const purposeId = useId();
  const needsDeadline = props.minimum !== null;
  const ready =
    props.purpose !== null && (!needsDeadline || (props.deadline !== null && !props.deadlineError));
  const minText = props.minimum ? formatLongDate(props.minimum, locale) : "";

  return (
    <section aria-labelledby="purpose-heading" data-testid="purpose-panel">
      <h2 id="purpose-heading">{t("purpose.heading")}</h2>
      <div className={s.form}>
        <Field label={t("purpose.label")}>
          <Select
            id={purposeId}
            value={props.purpose ?? ""}
            disabled={props.linked}
            onChange={(_, d) => props.onPurpose(d.value === "" ? null : (d.value as Purpose))}
          >
            <option value="">{t("purpose.choose")}</option>
            {purposes.map((p) => (
              <option key={p} value={p}>
                {t(`purpose.${p}`)}
              </option>
            ))}
          </Select>
        </Field>
        {needsDeadline && (
          <Field
            label={t("deadline.label")}
            hint={t("deadline.hint", { days: props.minimumDays ?? "", date: minText })}
            validationState={props.deadlineError ? "error" : "none"}
            validationMessage={
              props.deadlineError ? t("deadline.tooSoon", { date: minText }) : undefined
            }
          >
            <Input
              type="date"
              value={props.deadline ?? ""}
              min={props.minimum ?? undefined}
              disabled={props.linked}
              onChange={(_, d) => props.onDeadline(d.value === "" ? null : d.value)}
            />
          </Field>
        )}
        <div className={s.actions}>
          <Button onClick={props.onInsert} disabled={!ready || props.busy || !props.canInsert}>
            {t("template.insert")}
          </Button>
          {!props.linked && (
            <Button
              appearance="primary"
              onClick={props.onLink}
              disabled={!ready || props.busy || !props.canLink}
            >
              {props.busy ? t("link.stamping") : t("link.stamp")}
            </Button>
          )}
        </div>
        {!ready && !props.linked && <p>{t("link.needPurpose")}</p>}
      </div>
    </section>
  );
}
