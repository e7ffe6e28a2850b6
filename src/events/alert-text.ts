/**
 * The Smart Alerts dialog text: a heading and one line per problem with its fix, in plain text
 * (`errorMessage`) and Markdown (`errorMessageMarkdown`, Mailbox 1.15), each at most 500
 * characters as Outlook requires. When everything does not fit, the lines shorten to their fix,
 * then the last ones give way to "and N more", so the dialog never loses the first problem.
 */
export const alertLimit = 500;

export interface AlertItem {
  message: string;
  fix: string;
}

export interface AlertParts {
  heading: string;
  items: readonly AlertItem[];
  /** The "and N more" line for a count. */
  more: (count: number) => string;
  /** The "Fix: ..." wording for a fix. */
  fixLine: (fix: string) => string;
}

type Style = "text" | "markdown";

/** Markdown's special characters in an address or a name must not become formatting. */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_{}[\]()#+\-.!|<>~])/g, "\\$1");
}

/** The heading and each item's two possible lines, escaped once for the style. */
function lines(parts: AlertParts, style: Style) {
  const esc = style === "markdown" ? escapeMarkdown : (t: string) => t;
  const bullet = style === "markdown" ? "- " : "• ";
  return {
    heading: style === "markdown" ? `**${esc(parts.heading)}**` : parts.heading,
    // Markdown needs a blank line between the heading paragraph and the list.
    gap: style === "markdown" ? "\n\n" : "\n",
    full: parts.items.map((i) => `${bullet}${esc(i.message)} ${esc(parts.fixLine(i.fix))}`),
    fixOnly: parts.items.map((i) => `${bullet}${esc(i.fix)}`),
    more: (count: number) => esc(parts.more(count)),
  };
}

function join(heading: string, gap: string, body: readonly string[]): string {
  return body.length === 0 ? heading : `${heading}${gap}${body.join("\n")}`;
}

/** Cuts at a word boundary with an ellipsis: the last resort for one overlong line. */
export function clip(text: string, limit = alertLimit): string {
  if (text.length <= limit) return text;
  const cut = text.slice(0, limit - 1);
  const space = cut.lastIndexOf(" ");
  return `${space > limit * 0.6 ? cut.slice(0, space) : cut}…`;
}

export function composeAlert(parts: AlertParts, style: Style, limit = alertLimit): string {
  const l = lines(parts, style);
  for (const body of [l.full, l.fixOnly]) {
    const text = join(l.heading, l.gap, body);
    if (text.length <= limit) return text;
  }
  // As many fixes as fit beside the "and N more" line, in one pass.
  const n = l.fixOnly.length;
  let used = l.heading.length + l.gap.length;
  let shown = 0;
  while (shown < n - 1) {
    const next = used + (shown > 0 ? 1 : 0) + (l.fixOnly[shown] as string).length;
    const moreLine = 1 + l.more(n - shown - 1).length;
    if (next + moreLine > limit) break;
    used = next;
    shown++;
  }
  if (shown === 0) {
    // One line too long even alone: clip its end (the bold heading comes first, so it stays whole).
    return clip(
      join(l.heading, l.gap, [l.fixOnly[0] as string, l.more(n - 1)].slice(0, n > 1 ? 2 : 1)),
      limit
    );
  }
  return join(l.heading, l.gap, [...l.fixOnly.slice(0, shown), l.more(n - shown)]);
}
