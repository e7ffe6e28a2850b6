/** One checklist for R1-R5 and R11: each rule's status, each problem with its fix, and the fix button. */
import { Button, Spinner, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect } from "react";
import {
  CheckmarkCircle20Filled,
  DismissCircle20Filled,
  Warning20Filled,
} from "@fluentui/react-icons";
import { ruleIds, ruleStatuses, type Finding, type RuleStatus } from "../../domain/finding";
import { findingText } from "../../i18n/messages/domain";
import { fixFor, type Fix } from "../fixes";
import { markPane } from "../pane-marks";
import { usePaneText } from "../pane-text";

const useStyles = makeStyles({
  list: { listStyleType: "none", margin: 0, padding: 0, display: "grid", rowGap: "8px" },
  rule: { display: "grid", gridTemplateColumns: "20px 1fr", columnGap: "8px" },
  name: { fontWeight: tokens.fontWeightSemibold },
  pass: { color: tokens.colorPaletteGreenForeground1 },
  warn: { color: tokens.colorPaletteDarkOrangeForeground1 },
  block: { color: tokens.colorPaletteRedForeground1 },
  finding: { margin: "4px 0 0 0" },
  fix: { margin: "2px 0 4px 0", color: tokens.colorNeutralForeground2 },
});

export interface ChecklistProps {
  findings: readonly Finding[];
  checking: boolean;
  onFix: (fix: Fix, label: string) => void;
  onRecheck: () => void;
  fixing: boolean;
}

export function fixLabel(fix: Fix, t: ReturnType<typeof usePaneText>["t"]): string {
  switch (fix.kind) {
    case "replace":
      return t("fix.replace", { wrong: fix.address, right: fix.replacement });
    case "remove":
      return t("fix.remove", { address: fix.address });
    case "add-to":
    case "move-to-to":
      return t("fix.addExpected", { address: fix.address });
  }
}

function StatusIcon({ status }: { status: RuleStatus }) {
  const s = useStyles();
  if (status === "pass") return <CheckmarkCircle20Filled className={s.pass} aria-hidden />;
  if (status === "warn") return <Warning20Filled className={s.warn} aria-hidden />;
  return <DismissCircle20Filled className={s.block} aria-hidden />;
}

/** React passes the attribute through; its DOM typings do not know it yet. */
const elementTiming = { elementtiming: "casemail-checklist" } as Record<string, string>;

export function Checklist({ findings, checking, onFix, onRecheck, fixing }: ChecklistProps) {
  const s = useStyles();
  const { t, locale } = usePaneText();
  useEffect(() => markPane("checklist"), []);
  const statuses = ruleStatuses(findings);
  const blocking = findings.filter((f) => f.severity === "block").length;
  const warning = findings.filter((f) => f.severity === "warn").length;
  const summary =
    blocking > 0
      ? t("checklist.summary.block", { count: blocking })
      : warning > 0
        ? t("checklist.summary.warn", { count: warning })
        : t("checklist.summary.pass");

  return (
    <section aria-labelledby="checklist-heading" data-testid="checklist">
      {/* Element Timing: the browser records when this heading is first painted (the bench). */}
      <h2 id="checklist-heading" {...elementTiming}>
        {t("checklist.heading")}
      </h2>
      <p role="status" aria-live="polite" data-testid="checklist-summary">
        {checking ? <Spinner size="tiny" label={t("checklist.checking")} /> : summary}
      </p>
      <ul className={s.list}>
        {ruleIds.map((rule) => {
          const status = statuses[rule];
          const shown = findings.filter((f) => f.rule === rule && f.severity !== "info");
          return (
            <li key={rule} className={s.rule} data-rule={rule} data-status={status}>
              <StatusIcon status={status} />
              <div>
                <span className={s.name}>{t(`checklist.rule.${rule}`)}</span>
                {": "}
                <span>{t(`checklist.status.${status}`)}</span>
                {shown.map((f, i) => {
                  const text = findingText(f, locale);
                  const fix = fixFor(f);
                  const label = fix ? fixLabel(fix, t) : null;
                  return (
                    <div key={`${f.code}-${i}`} data-code={f.code}>
                      <p className={s.finding}>{text.message}</p>
                      <p className={s.fix}>{text.fix}</p>
                      {fix && label && (
                        <Button
                          size="small"
                          appearance="primary"
                          disabled={fixing}
                          onClick={() => onFix(fix, label)}
                        >
                          {label}
                        </Button>
                      )}
                    </div>
                  );
                })}
              </div>
            </li>
          );
        })}
      </ul>
      <Button size="small" appearance="subtle" onClick={onRecheck}>
        {t("checklist.recheck")}
      </Button>
    </section>
  );
}
