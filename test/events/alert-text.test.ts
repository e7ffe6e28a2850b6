import { alertLimit, clip, composeAlert, escapeMarkdown } from "../../src/events/alert-text";

const parts = (n: number, length = 60) => ({
  heading: "CaseMail stopped this message (case B012345678):",
  items: Array.from({ length: n }, (_, i) => ({
    message: `Problem ${i} ${"x".repeat(length)}.`,
    fix: `Fix ${i} ${"y".repeat(length / 2)}.`,
  })),
  more: (count: number) => `And ${count} more.`,
  fixLine: (fix: string) => `Fix: ${fix}`,
});

describe("the Smart Alerts text", () => {
  it("gives each problem and its fix when they fit", () => {
    const text = composeAlert(parts(2), "text");
    expect(text.split("\n")).toHaveLength(3);
    expect(text).toContain("Problem 1");
    expect(text).toContain("Fix: Fix 1");
  });

  it("shortens to the fixes, then hides the last ones behind a count", () => {
    const shorter = composeAlert(parts(4, 80), "text");
    expect(shorter.length).toBeLessThanOrEqual(alertLimit);
    expect(shorter).not.toContain("Problem 0");
    expect(shorter).toContain("Fix 3");
    const counted = composeAlert(parts(12, 80), "text");
    expect(counted.length).toBeLessThanOrEqual(alertLimit);
    expect(counted).toContain("Fix 0");
    expect(counted).toMatch(/And \d+ more\.$/);
  });

  it("clips one line that is too long alone", () => {
    const text = composeAlert(parts(1, 900), "markdown");
    expect(text.length).toBeLessThanOrEqual(alertLimit);
    expect(text.endsWith("…")).toBe(true);
    expect(clip("short")).toBe("short");
  });

  it("writes Outlook's Markdown: a bold heading, a blank line, items ended by \\r, escapes", () => {
    const md = composeAlert(
      { ...parts(0), items: [{ message: "Mail to a_b@x.org.", fix: "Use *c*@x.org." }] },
      "markdown"
    );
    expect(md.startsWith("**CaseMail stopped")).toBe(true);
    expect(md).toContain("\n\n- ");
    expect(md).toContain("a\\_b@x.org");
    expect(md).toContain("\\*c\\*@x.org.\r");
    expect(escapeMarkdown("[x](y)")).toBe("\\[x\\](y)");
  });
});
