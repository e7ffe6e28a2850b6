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

/**
 * The Smart Alerts dialog formats only emphasis (`*`, `_`), lists and links, and honours a
 * backslash escape: those characters (and the backslash) in an address or a name are escaped.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]~])/g, "\\$1");
}

/**
 * The heading and each item's two possible lines, escaped once for the style. Outlook's dialog
 * Markdown ends each list item with `\r` and separates paragraphs with a blank line.
 */
function lines(parts: AlertParts, style: Style) {
  const md = style === "markdown";
  const esc = md ? escapeMarkdown : (t: string) => t;
  const item = (text: string) => (md ? `- ${text}\r` : `• ${text}`);
  return {
    heading: md ? `**${esc(parts.heading)}**` : parts.heading,
    gap: md ? "\n\n" : "\n",
    separator: md ? "" : "\n",
    full: parts.items.map((i) => item(`${esc(i.message)} ${esc(parts.fixLine(i.fix))}`)),
    fixOnly: parts.items.map((i) => item(esc(i.fix))),
    more: (count: number) => `${md ? "\n" : ""}${esc(parts.more(count))}`,
  };
}

function join(l: ReturnType<typeof lines>, body: readonly string[], more: string | null): string {
  const list = body.join(l.separator);
  const tail = more === null ? "" : `${body.length > 0 ? "\n" : ""}${more}`;
  return body.length === 0 && more === null ? l.heading : `${l.heading}${l.gap}${list}${tail}`;
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
    const text = join(l, body, null);
    if (text.length <= limit) return text;
  }
  // As many fixes as fit beside the "and N more" line, in one pass.
  const n = l.fixOnly.length;
  let used = l.heading.length + l.gap.length;
  let shown = 0;
  while (shown < n - 1) {
    const next = used + (shown > 0 ? l.separator.length : 0) + (l.fixOnly[shown] as string).length;
    if (next + 1 + l.more(n - shown - 1).length > limit) break;
    used = next;
    shown++;
  }
  if (shown === 0) {
    // One line too long even alone: clip its end (the bold heading comes first, so it stays whole).
    return clip(join(l, l.fixOnly.slice(0, 1), n > 1 ? l.more(n - 1) : null), limit);
  }
  return join(l, l.fixOnly.slice(0, shown), l.more(n - shown));
}
