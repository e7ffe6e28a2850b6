import { renderTemplate, templateKinds, type TemplateKind } from "../../src/domain/templates";
import { textToHtml } from "../../src/domain/plain-text";
import { evaluateMessage } from "../../src/domain/evaluate-message";
import { aCase, aDraft, office, policy, today } from "./builders";

const montreal = {
  id: "office-east",
  name: { en: "Eastern Processing Office", fr: "Bureau de traitement de l'Est" },
  genericMailbox: "casework.east@example.org",
};

function render(kind: TemplateKind, overrides: Parameters<typeof renderTemplate>[0] | object = {}) {
  const result = renderTemplate({
    kind,
    caseRecord: aCase(),
    office,
    deadline: "2027-01-04",
    fromOffice: montreal,
    ...overrides,
  });
  if (!result.ok) throw new Error(result.error);
  return result.message;
}

describe("templates", () => {
  test.each(templateKinds)(
    "R4 %s in English and in French names the case and the office",
    (kind) => {
      const en = render(kind);
      const fr = render(kind, { caseRecord: aCase({ language: "fr" }) });
      for (const m of [en, fr]) {
        expect(m.subject).toContain("B012345678");
        expect(m.body).toContain("Ana Silva");
      }
      expect(en.body).toContain("Western Processing Office");
      expect(fr.body).toContain("Bureau de traitement de l'Ouest");
      expect(en.body).not.toEqual(fr.body);
    }
  );

  test("R4 the request for documents writes its deadline as a long date and passes R4", () => {
    const en = render("documents");
    expect(en.subject).toBe("Request for documents - application B012345678");
    expect(en.body).toContain("Please send them by January 4, 2027.");
    const findings = evaluateMessage({
      caseRecord: aCase(),
      office,
      draft: aDraft({ subject: en.subject, bodyText: en.body }),
      policy,
      today,
    });
    expect(findings).toEqual([]);
  });

  test("R4 interview invitation in French, with 1er", () => {
    const fr = render("interview", {
      caseRecord: aCase({ language: "fr" }),
      deadline: "2027-02-01",
    });
    expect(fr.subject).toBe("Convocation à une entrevue - demande B012345678");
    expect(fr.body).toContain("Vous êtes convoqué à une entrevue le 1er février 2027.");
  });

  test("R4 bilingual: the applicant's language first, both deadlines, passes R4", () => {
    const caseRecord = aCase({ language: "fr", bilingual: true });
    const m = render("documents", { caseRecord });
    expect(m.subject).toBe(
      "Demande de documents - demande B012345678 / Request for documents - application B012345678"
    );
    expect(m.body.indexOf("Bonjour")).toBeLessThan(m.body.indexOf("Dear"));
    expect(m.body).toContain("4 janvier 2027");
    expect(m.body).toContain("January 4, 2027");
    const findings = evaluateMessage({
      caseRecord,
      office,
      draft: aDraft({ bodyText: m.body }),
      policy,
      today,
    });
    expect(findings.filter((f) => f.rule === "R4")).toEqual([]);
  });

  test("R4 an explicit language list overrides the case", () => {
    const m = render("approval", { languages: ["en", "fr"] });
    expect(m.body.indexOf("Dear")).toBeLessThan(m.body.indexOf("Bonjour"));
  });

  test("R2 under a representative the greeting names the representative", () => {
    const caseRecord = aCase({
      representative: {
        name: "Jordan Lee",
        imm5476Signed: true,
        email: "jordan.lee@lawfirm.example.net",
        recordedAt: "2026-05-10T09:00:00Z",
      },
    });
    const m = render("refusal", { caseRecord });
    expect(m.body.startsWith("Dear Jordan Lee,")).toBe(true);
    expect(m.body).toContain("(Ana Silva)");
  });

  test("R12 the transfer notice names both offices in each language", () => {
    const m = render("transfer", { caseRecord: aCase({ bilingual: true }) });
    expect(m.body).toContain(
      "transferred from Eastern Processing Office to Western Processing Office"
    );
    expect(m.body).toContain(
      "transférée de Bureau de traitement de l'Est à Bureau de traitement de l'Ouest"
    );
  });

  test.each([
    ["documents", { deadline: null }, "deadline-required"],
    ["interview", { deadline: undefined }, "deadline-required"],
    ["documents", { deadline: "2027-02-30" }, "deadline-invalid"],
    ["transfer", { fromOffice: null }, "from-office-required"],
  ] as const)("R4 %s with %j is refused: %s", (kind, overrides, error) => {
    const result = renderTemplate({
      kind,
      caseRecord: aCase(),
      office,
      deadline: "2027-01-04",
      fromOffice: montreal,
      ...overrides,
    });
    expect(result).toEqual({ ok: false, error });
  });

  test("R3 hostile case data comes out as plain text, on one line, never as markup", () => {
    const caseRecord = aCase({
      applicantName: '<img src=x onerror="alert(1)">\r\nBcc: evil@example.net\u202e',
      caseNumber: "B012345678\n<script>",
    });
    const m = render("approval", { caseRecord });
    expect(m.subject).not.toMatch(/[\r\n]/);
    expect(m.body).toContain('Dear <img src=x onerror="alert(1)"> Bcc: evil@example.net,');
    expect(m.body).not.toContain("\u202e");
    expect(m.body).not.toContain("\r");
    const html = textToHtml(m.body);
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
  });

  test("R3 placeholders in case data are not expanded", () => {
    const m = render("documents", {
      caseRecord: aCase({ applicantName: "{deadline} {officeName}" }),
    });
    expect(m.body).toContain("Dear {deadline} {officeName},");
  });
});
