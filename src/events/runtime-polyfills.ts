/**
 * Classic Outlook on Windows runs event handlers in its own sandbox that supports JavaScript up to
 * ECMAScript 2016 (Microsoft, OfficeDev/Office-Add-in-samples#747). The build brings the syntax
 * down to ES2016; these are the few newer built-ins the bundle calls (the rules engine, zod/mini),
 * installed only where missing, non-enumerable like the real ones. `globalThis` comes from the
 * bundle's banner (webpack.config.js), because the bundle needs it before any module runs.
 * Imported first by entry.ts.
 */
function define(target: object, name: string, value: unknown): void {
  if (name in target) return;
  Object.defineProperty(target, name, { value, writable: true, configurable: true });
}

define(Object, "values", (o: object) =>
  Object.keys(o).map((k) => (o as Record<string, unknown>)[k])
);
define(Object, "entries", (o: object) =>
  Object.keys(o).map((k) => [k, (o as Record<string, unknown>)[k]])
);
define(Object, "fromEntries", (pairs: Iterable<readonly [PropertyKey, unknown]>) => {
  const out: Record<PropertyKey, unknown> = {};
  for (const [k, v] of Array.from(pairs)) out[k] = v;
  return out;
});
define(Array.prototype, "flatMap", function flatMap<
  T,
  U,
>(this: T[], fn: (v: T, i: number, a: T[]) => U | U[], thisArg?: unknown) {
  const out: U[] = [];
  this.forEach((v, i, a) => {
    const r = fn.call(thisArg, v, i, a);
    if (Array.isArray(r)) out.push(...r);
    else out.push(r);
  });
  return out;
});
define(String.prototype, "padStart", function padStart(this: string, length: number, fill = " ") {
  const text = String(this);
  if (text.length >= length || fill === "") return text;
  const pad = fill.repeat(Math.ceil((length - text.length) / fill.length));
  return pad.slice(0, length - text.length) + text;
});
