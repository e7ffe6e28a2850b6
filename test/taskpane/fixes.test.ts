import type { Finding } from "../../src/domain/finding";
import { applyFix, changedFields, fixFor, type RecipientLists } from "../../src/taskpane/fixes";

const f = (code: string, params: Record<string, string>): Finding => ({
  rule: code.startsWith("R2") ? "R2" : "R3",
  code,
  severity: "block",
  params,
});
const lists = (to: string[], cc: string[] = [], bcc: string[] = []): RecipientLists => ({
  to: to.map((address) => ({ address })),
  cc: cc.map((address) => ({ address })),
  bcc: bcc.map((address) => ({ address })),
});

describe("fixFor", () => {
  test("maps each fixable finding to its action, and others to none", () => {
    expect(
      fixFor(f("R3.near-miss", { address: "a@x.com", expected: "b@x.com", field: "cc" }))
    ).toEqual({ kind: "replace", field: "cc", address: "a@x.com", replacement: "b@x.com" });
    expect(
      fixFor(f("R2.applicant-addressed", { address: "a@x.com", representative: "r@x.com" }))
    ).toEqual({
      kind: "replace",
      field: null,
      address: "a@x.com",
      replacement: "r@x.com",
    });
    expect(fixFor(f("R3.outside-recipient", { address: "o@y.com", field: "bcc" }))).toEqual({
      kind: "remove",
      field: "bcc",
      address: "o@y.com",
    });
    expect(fixFor(f("R3.recipient-missing", { expected: "b@x.com" }))).toEqual({
      kind: "add-to",
      address: "b@x.com",
    });
    expect(fixFor(f("R3.expected-not-in-to", { expected: "b@x.com", field: "cc" }))).toEqual({
      kind: "move-to-to",
      field: "cc",
      address: "b@x.com",
    });
    expect(fixFor(f("R5.wrong-sender", { from: "a", expected: "b" }))).toBeNull();
    expect(fixFor(f("R3.near-miss", { address: "a@x.com" }))).toBeNull();
  });
});

describe("applyFix", () => {
  test("replace touches only the exact address and removes a duplicate it creates", () => {
    const before = lists(["A@x.com", "b@x.com"], ["a@x.com"]);
    const after = applyFix(
      { kind: "replace", field: null, address: "A@x.com", replacement: "b@x.com" },
      before
    );
    expect(after.to).toEqual([{ address: "b@x.com" }]);
    expect(after.cc).toEqual([{ address: "a@x.com" }]);
    expect(changedFields(before, after)).toEqual(["to"]);
  });

  test("remove in one field leaves the others", () => {
    const before = lists(["a@x.com"], ["o@y.com"], ["o@y.com"]);
    const after = applyFix({ kind: "remove", field: "cc", address: "o@y.com" }, before);
    expect(after.cc).toEqual([]);
    expect(after.bcc).toEqual([{ address: "o@y.com" }]);
    expect(changedFields(before, after)).toEqual(["cc"]);
  });

  test("add-to does not duplicate; move-to-to empties the other field", () => {
    expect(applyFix({ kind: "add-to", address: "a@x.com" }, lists(["A@x.com"])).to).toHaveLength(1);
    const moved = applyFix(
      { kind: "move-to-to", field: "bcc", address: "a@x.com" },
      lists([], [], ["a@x.com"])
    );
    expect(moved).toEqual(lists(["a@x.com"]));
  });
});
