/**
 * Typed message catalogues. Each area of the product keeps its messages in one module under
 * `messages/`, declared with `defineMessages`, whose type forces the French table to have exactly
 * the English keys: a missing translation is a compile error, not a runtime surprise.
 * Plain objects and a tiny formatter, because the send-time handler must stay small and
 * dependency-free (no React, no ICU runtime) and shares these messages with the pane.
 */
export type Locale = "en" | "fr";
export const locales: readonly Locale[] = ["en", "fr"];

export type MessageParams = Readonly<Record<string, string | number>>;
export type MessageTable<K extends string> = Readonly<Record<K, string>>;

export interface MessageArea<K extends string> {
  readonly en: MessageTable<K>;
  readonly fr: MessageTable<K>;
}

/** Declares one area; `fr` must name every key of `en` and no other. */
export function defineMessages<K extends string>(
  en: MessageTable<K>,
  fr: MessageTable<NoInfer<K>>
): MessageArea<K> {
  return { en, fr };
}

/** Replaces `{name}` placeholders; an unknown placeholder is left visible rather than dropped. */
export function formatMessage(template: string, params: MessageParams = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** Outlook's display language (`fr-CA`, `en-US`, ...) to a catalogue: French for any `fr-*`. */
export function localeFromLanguageTag(tag: string | null | undefined): Locale {
  return typeof tag === "string" && /^fr(\b|[-_])/i.test(tag.trim()) ? "fr" : "en";
}

export function translator<K extends string>(area: MessageArea<K>, locale: Locale) {
  const table = area[locale];
  return (key: K, params?: MessageParams): string => formatMessage(table[key], params);
}
