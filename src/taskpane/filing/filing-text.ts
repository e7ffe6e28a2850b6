/** The filing area's translator for the pane's locale, and a job's state as the officer reads it. */
import { useMemo } from "react";
import { translator, type Locale } from "../../i18n/catalog";
import { filingMessages, type FilingMessageKey } from "../../i18n/messages/filing";
import type { FilingJob } from "../../filing/filing-job";
import { GraphError } from "../../graph/graph-client";
import { usePaneText } from "../pane-text";

export type FilingT = (key: FilingMessageKey, params?: Record<string, string | number>) => string;

const stages = new Set(["fetch", "parse", "convert", "upload", "print-task", "note"]);

/** `upload.network` -> "the upload to the case failed (network)"; the code is never personal data. */
export function failureText(f: FilingT, code: string): string {
  const stage = code.split(".")[0] ?? "";
  const what = stages.has(stage) ? f(`failure.${stage}` as FilingMessageKey) : f("failure.unknown");
  return f("failure.withCode", { what, code });
}

export function stateText(f: FilingT, job: FilingJob | null): string {
  if (job === null) return f("state.pending");
  if (job.state === "retrying") {
    return f("state.retrying", {
      failure:
        job.lastFailure === null ? f("failure.unknown") : failureText(f, job.lastFailure.code),
    });
  }
  return f(`state.${job.state}`);
}

/** A failure of a whole step (loading the list, filing): Graph's in this area's words. */
export function errorText(f: FilingT, reason: (error: unknown) => string, error: unknown): string {
  return error instanceof GraphError ? f("failure.graph", { code: error.kind }) : reason(error);
}

export function filingTranslator(locale: Locale): FilingT {
  return translator(filingMessages, locale);
}

export function useFilingText(): { f: FilingT; locale: Locale } {
  const { locale } = usePaneText();
  const f = useMemo(() => filingTranslator(locale), [locale]);
  return { f, locale };
}
