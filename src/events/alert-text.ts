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

function render(
  parts: AlertParts,
  style: Style,
  shape: "full" | "fix-only",
  shown: number
): string {
  const esc = style === "markdown" ? escapeMarkdown : (t: string) => t;
  const heading = style === "markdown" ? `**${esc(parts.heading)}**` : parts.heading;
  const lines = parts.items.slice(0, shown).map((item) => {
    const body =
      shape === "full" ? `${esc(item.message)} ${esc(parts.fixLine(item.fix))}` : esc(item.fix);
    return style === "markdown" ? `- ${body}` : `• ${body}`;
  });
  const hidden = parts.items.length - shown;
  if (hidden > 0) lines.push(esc(parts.more(hidden)));
  // Markdown needs a blank line between the heading paragraph and the list.
  return style === "markdown"
    ? `${heading}\n\n${lines.join("\n")}`
    : [heading, ...lines].join("\n");
}

/** Cuts at a word boundary with an ellipsis: the last resort for one overlong line. */
export function clip(text: string, limit = alertLimit): string {
  if (text.length <= limit) return text;
  const cut = text.slice(0, limit - 1);
  const space = cut.lastIndexOf(" ");
  return `${space > limit * 0.6 ? cut.slice(0, space) : cut}…`;
}

export function composeAlert(parts: AlertParts, style: Style, limit = alertLimit): string {
  const n = parts.items.length;
  for (const shape of ["full", "fix-only"] as const) {
    const text = render(parts, style, shape, n);
    if (text.length <= limit) return text;
  }
  for (let shown = n - 1; shown >= 1; shown--) {
    const text = render(parts, style, "fix-only", shown);
    if (text.length <= limit) return text;
  }
  // One line too long even alone: clip its end (the bold heading comes first, so it stays whole).
  return clip(render(parts, style, "fix-only", Math.min(1, n)), limit);
}
