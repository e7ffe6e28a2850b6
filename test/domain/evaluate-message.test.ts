import { evaluateMessage, type EvaluationInput } from "../../src/domain/evaluate-message";
import { blocks, ruleStatuses, type Finding } from "../../src/domain/finding";
import { aCase, aDraft, anInput, office, policy, to } from "./builders";

const representative = {
  name: "Jordan Lee",
  imm5476Signed: true,
  email: "jordan.lee@lawfirm.example.net",
  recordedAt: "2026-05-10T09:00:00Z",
};

interface Row {
  name: string;
  input: EvaluationInput;
  /** Codes of the findings expected, in order. */
  codes: string[];
  blocks: boolean;
  /** Params expected on the first finding of that code. */
  params?: Record<string, Record<string, string | number>>;
}

const rows: Row[] = [
  // Everything in order.
  {
    name: "R1-R11 pass: a compliant request for documents",
    input: anInput(),
    codes: [],
    blocks: false,
  },

  // R1 consent.
  {
    name: "R1 pass: consent from an exchange the applicant started",
    input: anInput({
      caseRecord: aCase({
        addresses: [
          {
            email: "ana.silva@mail.example.com",
            consent: "applicant-initiated",
            recordedAt: "2026-03-02T15:04:00Z",
            supersededAt: null,
          },
        ],
      }),
    }),
    codes: [],
    blocks: false,
  },
  {
    name: "R1 block: the current address carries no consent",
    input: anInput({
      caseRecord: aCase({
        addresses: [
          {
            email: "ana.silva@mail.example.com",
            consent: null,
            recordedAt: "2026-03-02T15:04:00Z",
            supersededAt: null,
          },
        ],
      }),
    }),
    codes: ["R1.no-consent"],
    blocks: true,
    params: { "R1.no-consent": { reason: "no-consent" } },
  },
  {
    name: "R1 block: no address at all (post)",
    input: anInput({ caseRecord: aCase({ addresses: [] }) }),
    codes: ["R1.no-consent"],
    blocks: true,
    params: { "R1.no-consent": { reason: "no-address" } },
  },
  {
    name: "R1 block: only superseded addresses remain",
    input: anInput({
      caseRecord: aCase({
        addresses: [
          {
            email: "ana.silva@mail.example.com",
            consent: "application-form",
            recordedAt: "2026-03-02T15:04:00Z",
            supersededAt: "2026-04-01T00:00:00Z",
          },
        ],
      }),
    }),
    codes: ["R1.no-consent"],
    blocks: true,
  },
  {
    name: "R1 pass: a signed IMM 5476 with email gives consent even without an applicant address",
    input: anInput({
      caseRecord: aCase({ addresses: [], representative }),
      draft: aDraft({ to: to("jordan.lee@lawfirm.example.net") }),
    }),
    codes: [],
    blocks: false,
  },
  {
    name: "R1 warn: the address on file bounced permanently (latest bounce named)",
    input: anInput({
      caseRecord: aCase({
        bounces: [
          {
            address: "ana.silva@mail.example.com",
            occurredAt: "2026-10-01T10:00:00Z",
            permanent: true,
            correspondenceId: null,
          },
          {
            address: "ANA.SILVA@mail.example.com",
            occurredAt: "2026-11-02T10:00:00Z",
            permanent: true,
            correspondenceId: "c-1",
          },
        ],
      }),
    }),
    codes: ["R1.address-bounced"],
    blocks: false,
    params: { "R1.address-bounced": { date: "2026-11-02", address: "ana.silva@mail.example.com" } },
  },
  {
    name: "R1 pass: a temporary bounce, or a bounce of another address, is no warning",
    input: anInput({
      caseRecord: aCase({
        bounces: [
          {
            address: "ana.silva@mail.example.com",
            occurredAt: "2026-11-02T10:00:00Z",
            permanent: false,
            correspondenceId: null,
          },
          {
            address: "old@old.example.com",
            occurredAt: "2026-11-02T10:00:00Z",
            permanent: true,
            correspondenceId: null,
          },
        ],
      }),
    }),
    codes: [],
    blocks: false,
  },

  // R2 representative routing.
  {
    name: "R2 pass: addressed to the representative",
    input: anInput({
      caseRecord: aCase({ representative }),
      draft: aDraft({ to: to("jordan.lee@lawfirm.example.net") }),
    }),
    codes: [],
    blocks: false,
  },
  {
    name: "R2 block: the applicant in Cc while the representative is on file",
    input: anInput({
      caseRecord: aCase({ representative }),
      draft: aDraft({
        to: to("jordan.lee@lawfirm.example.net"),
        cc: to("Ana.Silva@mail.example.com"),
      }),
    }),
    codes: ["R2.applicant-addressed"],
    blocks: true,
    params: {
      "R2.applicant-addressed": {
        address: "Ana.Silva@mail.example.com",
        representative: "jordan.lee@lawfirm.example.net",
        field: "cc",
      },
    },
  },
  {
    name: "R2 block: the applicant instead of the representative (also R3: on-file address missing), reported once",
    input: anInput({
      caseRecord: aCase({ representative }),
      draft: aDraft({ to: to("ana.silva@mail.example.com", "ana.silva@mail.example.com") }),
    }),
    codes: ["R2.applicant-addressed", "R3.recipient-missing"],
    blocks: true,
  },
  {
    name: "R2 warn: the representative's email is on file but the IMM 5476 is unsigned",
    input: anInput({
      caseRecord: aCase({ representative: { ...representative, imm5476Signed: false } }),
    }),
    codes: ["R2.imm5476-unsigned"],
    blocks: false,
  },
  {
    name: "R2 info: a signed IMM 5476 without email leaves the applicant's address",
    input: anInput({ caseRecord: aCase({ representative: { ...representative, email: null } }) }),
    codes: ["R2.representative-without-email"],
    blocks: false,
  },
  {
    name: "R2 pass: an unsigned form without email says nothing",
    input: anInput({
      caseRecord: aCase({
        representative: { ...representative, email: " ", imm5476Signed: false },
      }),
    }),
    codes: [],
    blocks: false,
  },

  // R3 identical recipient.
  {
    name: "R3 pass: trimmed and domain case-folded address is identical",
    input: anInput({ draft: aDraft({ to: to("  ana.silva@MAIL.EXAMPLE.COM ") }) }),
    codes: [],
    blocks: false,
  },
  {
    name: "R3 warn: local part differs in case only",
    input: anInput({ draft: aDraft({ to: to("Ana.Silva@mail.example.com") }) }),
    codes: ["R3.local-part-case"],
    blocks: false,
    params: {
      "R3.local-part-case": {
        address: "Ana.Silva@mail.example.com",
        expected: "ana.silva@mail.example.com",
      },
    },
  },
  {
    name: "R3 warn: the address on file only in Cc",
    input: anInput({ draft: aDraft({ to: [], cc: to("ana.silva@mail.example.com") }) }),
    codes: ["R3.expected-not-in-to"],
    blocks: false,
    params: { "R3.expected-not-in-to": { field: "cc" } },
  },
  {
    name: "R3 warn: the address on file only in Bcc",
    input: anInput({ draft: aDraft({ to: [], bcc: to("ana.silva@mail.example.com") }) }),
    codes: ["R3.expected-not-in-to"],
    blocks: false,
    params: { "R3.expected-not-in-to": { field: "bcc" } },
  },
  {
    name: "R3 pass: internal domains and their subdomains may be copied",
    input: anInput({
      draft: aDraft({ cc: to("case.review@example.org"), bcc: to("audit@records.example.org") }),
    }),
    codes: [],
    blocks: false,
  },
  {
    name: "R3 block: no recipients at all",
    input: anInput({ draft: aDraft({ to: [] }) }),
    codes: ["R3.recipient-missing"],
    blocks: true,
    params: { "R3.recipient-missing": { expected: "ana.silva@mail.example.com" } },
  },
  {
    name: "R3 block: an outside recipient in Bcc beside the right address",
    input: anInput({ draft: aDraft({ bcc: to("friend@example.net") }) }),
    codes: ["R3.outside-recipient"],
    blocks: true,
    params: { "R3.outside-recipient": { address: "friend@example.net", field: "bcc" } },
  },
  {
    name: "R3 block: a lookalike of an internal domain is outside",
    input: anInput({ draft: aDraft({ cc: to("case.review@notexample.org") }) }),
    codes: ["R3.outside-recipient"],
    blocks: true,
  },
  {
    name: "R3 block: a transposed letter is a near miss named with the address on file",
    input: anInput({ draft: aDraft({ to: to("ana.slivа@mail.example.com".replace("а", "a")) }) }),
    codes: ["R3.recipient-missing", "R3.near-miss"],
    blocks: true,
    params: {
      "R3.near-miss": {
        address: "ana.sliva@mail.example.com",
        expected: "ana.silva@mail.example.com",
        kind: "edit",
        field: "to",
      },
    },
  },
  {
    name: "R3 block: a common webmail domain typo",
    input: anInput({
      caseRecord: aCase({
        addresses: [
          {
            email: "ana.silva@gmail.com",
            consent: "application-form",
            recordedAt: "2026-03-02T15:04:00Z",
            supersededAt: null,
          },
        ],
      }),
      draft: aDraft({ to: to("ana.silva@gmial.com") }),
    }),
    codes: ["R3.recipient-missing", "R3.near-miss"],
    blocks: true,
    params: { "R3.near-miss": { kind: "domain-typo", expected: "ana.silva@gmail.com" } },
  },
  {
    name: "R3 block: a Cyrillic look-alike letter",
    input: anInput({ draft: aDraft({ to: to("аna.silva@mail.example.com") }) }),
    codes: ["R3.recipient-missing", "R3.near-miss"],
    blocks: true,
    params: { "R3.near-miss": { kind: "confusable" } },
  },
  {
    name: "R3 block: a punycode look-alike domain",
    input: anInput({ draft: aDraft({ to: to("ana.silva@mail.xn--exmple-4nf.com") }) }),
    codes: ["R3.recipient-missing", "R3.near-miss"],
    blocks: true,
    params: { "R3.near-miss": { kind: "punycode" } },
  },
  {
    name: "R3 block: the applicant's superseded address",
    input: anInput({
      caseRecord: aCase({
        addresses: [
          {
            email: "a.silva@old.example.com",
            consent: "application-form",
            recordedAt: "2025-11-20T12:00:00Z",
            supersededAt: "2026-06-01T08:30:00Z",
          },
          {
            email: "ana.silva@mail.example.com",
            consent: "applicant-initiated",
            recordedAt: "2026-06-01T08:30:00Z",
            supersededAt: null,
          },
        ],
      }),
      draft: aDraft({ to: to("ana.silva@mail.example.com"), cc: to("a.silva@old.example.com") }),
    }),
    codes: ["R3.superseded-address"],
    blocks: true,
    params: {
      "R3.superseded-address": {
        address: "a.silva@old.example.com",
        expected: "ana.silva@mail.example.com",
        field: "cc",
      },
    },
  },
  {
    name: "R3 block: an invalid address, reported once even when repeated",
    input: anInput({ draft: aDraft({ cc: to("not an address", "not an address") }) }),
    codes: ["R3.invalid-address"],
    blocks: true,
  },
  {
    name: "R3 pass: no R3 findings when R1 already says post",
    input: anInput({
      caseRecord: aCase({ addresses: [] }),
      draft: aDraft({ to: to("x@example.net") }),
    }),
    codes: ["R1.no-consent"],
    blocks: true,
  },

  // R4 deadline.
  {
    name: "R4 pass: purposes without a deadline need none",
    input: anInput({
      draft: aDraft({ purpose: "approval", deadline: null, bodyText: "Approved." }),
    }),
    codes: [],
    blocks: false,
  },
  {
    name: "R4 pass: a later deadline written in the body, interview in French with 1er",
    input: anInput({
      caseRecord: aCase({ language: "fr" }),
      draft: aDraft({
        purpose: "interview",
        deadline: "2027-02-01",
        bodyText: "Vous êtes convoqué à une entrevue le 1er\u00a0février 2027.",
      }),
    }),
    codes: [],
    blocks: false,
  },
  {
    name: "R4 warn: no purpose chosen",
    input: anInput({ draft: aDraft({ purpose: null }) }),
    codes: ["R4.purpose-unknown"],
    blocks: false,
  },
  {
    name: "R4 block: documents without a deadline (the minimum named)",
    input: anInput({ draft: aDraft({ deadline: null }) }),
    codes: ["R4.deadline-missing"],
    blocks: true,
    params: { "R4.deadline-missing": { minimum: "2027-01-04", days: 30, purpose: "documents" } },
  },
  {
    name: "R4 block: a deadline that is not a date",
    input: anInput({ draft: aDraft({ deadline: "2027-02-30" }) }),
    codes: ["R4.deadline-invalid"],
    blocks: true,
  },
  {
    name: "R4 block: an unreadable today",
    input: anInput({ today: "04/12/2026" }),
    codes: ["R4.today-invalid"],
    blocks: true,
  },
  {
    name: "R4 block: one day short of the minimum",
    input: anInput({
      draft: aDraft({ deadline: "2027-01-01", bodyText: "by January 1, 2027" }),
    }),
    codes: ["R4.deadline-too-soon"],
    blocks: true,
    params: { "R4.deadline-too-soon": { deadline: "2027-01-01", minimum: "2027-01-04", days: 30 } },
  },
  {
    name: "R4 block: a country override raises the minimum",
    input: anInput({
      caseRecord: aCase({ countryOfResidence: "in" }),
      policy: { ...policy, deadlineDaysByCountry: { IN: { documents: 45 } } },
    }),
    codes: ["R4.deadline-too-soon"],
    blocks: true,
    params: { "R4.deadline-too-soon": { minimum: "2027-01-18", days: 45 } },
  },
  {
    name: "R4 block: a deadline on a Saturday, next business day named",
    input: anInput({ draft: aDraft({ deadline: "2027-01-09", bodyText: "by January 9, 2027" }) }),
    codes: ["R4.deadline-not-business-day"],
    blocks: true,
    params: { "R4.deadline-not-business-day": { next: "2027-01-11" } },
  },
  {
    name: "R4 block: a deadline on a configured holiday",
    input: anInput({
      policy: { ...policy, holidays: ["2027-01-11"] },
      draft: aDraft({ deadline: "2027-01-11", bodyText: "by January 11, 2027" }),
    }),
    codes: ["R4.deadline-not-business-day"],
    blocks: true,
    params: { "R4.deadline-not-business-day": { next: "2027-01-12" } },
  },
  {
    name: "R4 block: the body gives the date in another form",
    input: anInput({ draft: aDraft({ bodyText: "Please reply by 2027-01-04." }) }),
    codes: ["R4.date-not-in-body"],
    blocks: true,
    params: { "R4.date-not-in-body": { date: "January 4, 2027", language: "en" } },
  },
  {
    name: "R4 block: a bilingual message lacks the English date",
    input: anInput({
      caseRecord: aCase({ language: "fr", bilingual: true }),
      draft: aDraft({ bodyText: "au plus tard le 4 janvier 2027" }),
    }),
    codes: ["R4.date-not-in-body"],
    blocks: true,
    params: { "R4.date-not-in-body": { language: "en" } },
  },
  {
    name: "R4 pass: a bilingual message with both dates",
    input: anInput({
      caseRecord: aCase({ language: "fr", bilingual: true }),
      draft: aDraft({ bodyText: "le 4 janvier 2027\n\nby January 4, 2027" }),
    }),
    codes: [],
    blocks: false,
  },

  // R5 generic mailbox.
  {
    name: "R5 pass: the generic mailbox in any case",
    input: anInput({ draft: aDraft({ from: "CaseWork.West@example.org" }) }),
    codes: [],
    blocks: false,
  },
  {
    name: "R5 block: a personal mailbox",
    input: anInput({ draft: aDraft({ from: "j.tremblay@example.org" }) }),
    codes: ["R5.wrong-sender"],
    blocks: true,
    params: {
      "R5.wrong-sender": {
        from: "j.tremblay@example.org",
        expected: "casework.west@example.org",
      },
    },
  },
  {
    name: "R5 warn: the sender could not be read",
    input: anInput({ draft: aDraft({ from: null }) }),
    codes: ["R5.sender-unknown"],
    blocks: false,
  },
  {
    name: "R5 warn: the office is not configured",
    input: anInput({ office: null }),
    codes: ["R5.office-unknown"],
    blocks: false,
    params: { "R5.office-unknown": { officeId: "office-west" } },
  },
  {
    name: "R5 warn: the office given is not the one holding the case",
    input: anInput({ office: { ...office, id: "office-east" } }),
    codes: ["R5.office-unknown"],
    blocks: false,
  },

  // R11 read receipt.
  {
    name: "R11 block: a read receipt requested",
    input: anInput({ draft: aDraft({ readReceiptRequested: true }) }),
    codes: ["R11.read-receipt"],
    blocks: true,
  },
  {
    name: "R11 info: the flag could not be read",
    input: anInput({ draft: aDraft({ readReceiptRequested: null }) }),
    codes: ["R11.read-receipt-unknown"],
    blocks: false,
  },
];

const codesOf = (findings: Finding[]): string[] => findings.map((f) => f.code);

describe("evaluateMessage", () => {
  test.each(rows)("$name", (row) => {
    const findings = evaluateMessage(row.input);
    expect(codesOf(findings)).toEqual(row.codes);
    expect(blocks(findings)).toBe(row.blocks);
    for (const f of findings) expect(f.code.startsWith(`${f.rule}.`)).toBe(true);
    for (const [code, params] of Object.entries(row.params ?? {})) {
      expect(findings.find((f) => f.code === code)?.params).toMatchObject(params);
    }
  });

  test("R1-R11 many problems at once come in rule order", () => {
    const findings = evaluateMessage(
      anInput({
        draft: aDraft({
          from: "me@example.net",
          to: to("friend@example.net"),
          deadline: null,
          readReceiptRequested: true,
        }),
      })
    );
    expect(findings.map((f) => f.rule)).toEqual(["R3", "R3", "R4", "R5", "R11"]);
    expect(ruleStatuses(findings)).toEqual({
      R1: "pass",
      R2: "pass",
      R3: "block",
      R4: "block",
      R5: "block",
      R11: "block",
    });
  });

  test("R3 ruleStatuses: a warning stays a warning, info counts as a pass", () => {
    const findings = evaluateMessage(
      anInput({
        draft: aDraft({ to: to("Ana.Silva@mail.example.com"), readReceiptRequested: null }),
      })
    );
    expect(ruleStatuses(findings).R3).toBe("warn");
    expect(ruleStatuses(findings).R11).toBe("pass");
  });

  test("R3 the input is not modified", () => {
    const input = anInput({ draft: aDraft({ cc: to("friend@example.net") }) });
    const copy = JSON.parse(JSON.stringify(input)) as unknown;
    evaluateMessage(input);
    expect(input).toEqual(copy);
  });
});
