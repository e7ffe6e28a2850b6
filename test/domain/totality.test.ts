import fc from "fast-check";
import { evaluateMessage } from "../../src/domain/evaluate-message";
import { findingCodes } from "../../src/domain/finding";
import { findingText } from "../../src/i18n/messages/domain";
import { aCase, aDraft, office, policy } from "./builders";

const text = fc.string({ maxLength: 30 });
const maybeDate = fc.oneof(text, fc.constantFrom("2027-01-04", "2027-02-30", "2026-12-04", ""));
const address = fc.oneof(
  text,
  fc.emailAddress(),
  fc.constantFrom("ana.silva@mail.example.com", "аna.silva@mail.xn--exmple-4nf.com", "@", "a@b")
);

describe("the engine is total", () => {
  test("R1-R11 any case data and draft give findings with known codes, never an exception", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            email: address,
            consent: fc.constantFrom("application-form", "applicant-initiated", null),
            recordedAt: maybeDate,
            supersededAt: fc.option(maybeDate),
          }),
          { maxLength: 4 }
        ),
        fc.option(
          fc.record({
            name: text,
            imm5476Signed: fc.boolean(),
            email: fc.option(address),
            recordedAt: maybeDate,
          })
        ),
        fc.record({
          from: fc.option(address),
          to: fc.array(fc.record({ address }), { maxLength: 5 }),
          cc: fc.array(fc.record({ address }), { maxLength: 3 }),
          bcc: fc.array(fc.record({ address }), { maxLength: 3 }),
          bodyText: text,
          purpose: fc.constantFrom("documents", "interview", "approval", "general", null),
          deadline: fc.option(maybeDate),
          readReceiptRequested: fc.option(fc.boolean()),
        }),
        fc.constantFrom("en", "fr") as fc.Arbitrary<"en" | "fr">,
        fc.boolean(),
        maybeDate,
        (addresses, representative, draft, language, bilingual, today) => {
          const findings = evaluateMessage({
            caseRecord: aCase({
              addresses,
              representative,
              language,
              bilingual,
              countryOfResidence: "zz",
            }),
            office,
            draft: aDraft(draft),
            policy,
            today,
          });
          for (const f of findings) {
            expect(findingCodes).toContain(f.code);
            expect(findingText(f, "fr").message).not.toMatch(/\{\w+Text\}/);
          }
        }
      ),
      { numRuns: 300 }
    );
  });
});
