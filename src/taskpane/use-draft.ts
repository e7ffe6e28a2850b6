/**
 * The compose item as the rules see it, kept current: read on mount, on `RecipientsChanged`, and
 * whenever the pane regains focus (Outlook has no task-pane event for a change of From).
 */
import { useCallback, useEffect, useRef, useState } from "react";
import {
  getBodyText,
  getFrom,
  getRecipients,
  getSubject,
  onRecipientsChanged,
} from "../office/compose-item";
import type { OfficeError } from "../office/result";
import type { Recipient } from "../domain/message-draft";

export interface DraftFields {
  from: string | null;
  to: Recipient[];
  cc: Recipient[];
  bcc: Recipient[];
  subject: string;
  bodyText: string;
}

export interface DraftState {
  fields: DraftFields | null;
  /** The last read that failed, with Office's error; earlier values stay shown. */
  readError: OfficeError | null;
  reading: boolean;
  refresh: () => Promise<void>;
}

export async function readDraft(): Promise<{ fields: DraftFields; error: OfficeError | null }> {
  const [from, to, cc, bcc, subject, body] = await Promise.all([
    getFrom(),
    getRecipients("to"),
    getRecipients("cc"),
    getRecipients("bcc"),
    getSubject(),
    getBodyText(),
  ]);
  // From may be unavailable (older clients): the rules then say the sender is unknown (R5).
  const failures = [to, cc, bcc, subject, body].filter((r) => !r.ok);
  const first = failures[0];
  return {
    fields: {
      from: from.ok ? from.value : null,
      to: to.ok ? to.value : [],
      cc: cc.ok ? cc.value : [],
      bcc: bcc.ok ? bcc.value : [],
      subject: subject.ok ? subject.value : "",
      bodyText: body.ok ? body.value : "",
    },
    error: first && !first.ok ? first.error : null,
  };
}

export function useDraft(): DraftState {
  const [fields, setFields] = useState<DraftFields | null>(null);
  const [readError, setReadError] = useState<OfficeError | null>(null);
  const [reading, setReading] = useState(true);
  const generation = useRef(0);

  const refresh = useCallback(async () => {
    const mine = ++generation.current;
    setReading(true);
    const r = await readDraft();
    if (mine !== generation.current) return; // a newer read started; keep the latest only
    setFields(r.fields);
    setReadError(r.error);
    setReading(false);
  }, []);

  useEffect(() => {
    let remove: (() => Promise<void>) | null = null;
    let disposed = false;
    void refresh();
    void onRecipientsChanged(() => void refresh()).then((r) => {
      if (!r.ok) return;
      if (disposed) void r.value();
      else remove = r.value;
    });
    const onFocus = () => void refresh();
    const onVisible = () => {
      if (document.visibilityState === "visible") void refresh();
    };
    window.addEventListener("focus", onFocus);
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      disposed = true;
      window.removeEventListener("focus", onFocus);
      document.removeEventListener("visibilitychange", onVisible);
      if (remove) void remove();
    };
  }, [refresh]);

  return { fields, readError, reading, refresh };
}
