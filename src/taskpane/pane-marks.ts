/**
 * Performance marks on the way to the first checklist (`casemail:<name>`), which
 * `npm run bench -- pane` reads to say where the time goes. No personal information in them.
 */
export type PaneMark = "bundle" | "office-ready" | "render" | "checklist";

export function markPane(name: PaneMark): void {
  // Absent in some test environments; a mark is never worth an error.
  globalThis.performance?.mark?.(`casemail:${name}`);
}
