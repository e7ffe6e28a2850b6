/** The case as the rules read it: office, language, who receives mail (R1, R2), address on file. */
import { makeStyles, tokens } from "@fluentui/react-components";
import type { CaseRecord, Office } from "../../domain/case-record";
import { currentApplicantAddress, expectedRecipient } from "../../domain/expected-recipient";
import { formatLongDate } from "../../domain/long-date";
import { usePaneText } from "../pane-text";

const useStyles = makeStyles({
  list: {
    display: "grid",
    gridTemplateColumns: "max-content 1fr",
    columnGap: "8px",
    rowGap: "4px",
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0, overflowWrap: "anywhere" },
});

export function CaseSummary({
  caseRecord,
  office,
}: {
  caseRecord: CaseRecord;
  office: Office | null;
}) {
  const s = useStyles();
  const { t, locale } = usePaneText();
  const expected = expectedRecipient(caseRecord);
  const langName = t(`summary.lang.${caseRecord.language}`);
  const dateOf = (iso: string) => formatLongDate(iso.slice(0, 10), locale);

  let recipient: string;
  let address: string;
  if (expected.kind === "representative") {
    recipient = t("summary.recipient.representative", {
      name: caseRecord.representative?.name ?? "",
    });
    const rep = caseRecord.representative;
    address = `${expected.address} (${t("summary.sourceDate", {
      source: t("summary.source.imm5476"),
      date: rep ? dateOf(rep.recordedAt) : "",
    })})`;
  } else if (expected.kind === "applicant") {
    recipient = t("summary.recipient.applicant");
    const current = currentApplicantAddress(caseRecord);
    address = `${expected.address} (${t("summary.sourceDate", {
      source: t(`summary.source.${expected.consent}`),
      date: current ? dateOf(current.recordedAt) : "",
    })})`;
  } else {
    recipient = t("summary.recipient.post");
    address = t("summary.addressNone");
  }

  return (
    <section aria-labelledby="summary-heading" data-testid="case-summary">
      <h2 id="summary-heading">{t("summary.heading", { caseNumber: caseRecord.caseNumber })}</h2>
      <dl className={s.list}>
        <dt className={s.term}>{t("summary.office")}</dt>
        <dd className={s.value}>
          {office
            ? office.name[locale]
            : t("summary.officeUnknown", { officeId: caseRecord.officeId })}
        </dd>
        <dt className={s.term}>{t("summary.language")}</dt>
        <dd className={s.value}>
          {caseRecord.bilingual ? t("summary.lang.bilingual", { first: langName }) : langName}
        </dd>
        <dt className={s.term}>{t("summary.recipient")}</dt>
        <dd className={s.value}>{recipient}</dd>
        <dt className={s.term}>{t("summary.addressOnFile")}</dt>
        <dd className={s.value} data-testid="address-on-file">
          {address}
        </dd>
      </dl>
    </section>
  );
}
