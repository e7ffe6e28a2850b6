import {
  bounceNextStep,
  bounceNote,
  fallbackNote,
  noResponseNote,
  printToFileNote,
  reconsiderationNote,
  type ApplicantResponse,
  type NoResponseOutcome,
} from "../../src/domain/notes";
import { aCase } from "./builders";

describe("R9 no-response note", () => {
  // The bulletin's sentence, bracketed choices kept, exactly as it is printed (typographic apostrophes).
  const bulletin =
    "Un courriel a été envoyé au demandeur dans le but [d’obtenir des documents supplémentaires/de le convoquer à une entrevue]. Le demandeur a également été informé qu’à défaut [de fournir les documents requis/de se présenter à l’entrevue], sa demande pourrait être [rejetée/abandonnée]. Le demandeur [a omis de se conformer à la demande/a demandé un délai supplémentaire pour fournir les renseignements demandés].";
  const brief =
    "An email was sent to the applicant to [obtain additional documents/invite them to an interview]. The applicant was also informed that failing to [provide the required documents/attend the interview], their application could be [refused/abandoned]. The applicant [did not comply/requested more time to provide the information].";

  /** Picks one side of each bracket, in order: 0 = first choice, 1 = second. */
  function choose(text: string, picks: number[]): string {
    let n = 0;
    return text.replace(/\[([^\]]*)\]/g, (_whole, inner: string) => {
      const options = inner.split("/");
      return options[picks[n++] as number] as string;
    });
  }

  const combos: Array<
    [string, "documents" | "interview", NoResponseOutcome, ApplicantResponse, number[]]
  > = [];
  for (const purpose of ["documents", "interview"] as const) {
    for (const outcome of ["refused", "abandoned"] as const) {
      for (const response of ["did-not-comply", "requested-more-time"] as const) {
        const p = purpose === "documents" ? 0 : 1;
        const picks = [p, p, outcome === "refused" ? 0 : 1, response === "did-not-comply" ? 0 : 1];
        combos.push([`R9 ${purpose}, ${outcome}, ${response}`, purpose, outcome, response, picks]);
      }
    }
  }

  test.each(combos)(
    "%s: French exactly as the bulletin, English as the brief",
    (_n, purpose, outcome, response, picks) => {
      expect(noResponseNote({ purpose, outcome, response }, "fr")).toBe(choose(bulletin, picks));
      expect(noResponseNote({ purpose, outcome, response }, "en")).toBe(choose(brief, picks));
    }
  );
});

describe("R7 print-to-file note", () => {
  test("R7 names the date, time, recipient, sizes, in both languages", () => {
    const input = {
      sentAt: "2027-01-15T19:05:00Z",
      timeZone: "America/Toronto",
      recipient: "ana.silva@mail.example.com",
      subject: "Request for documents - application B012345678",
      sizeBytes: 5_123_456,
      limitBytes: 4_000_000,
    };
    expect(printToFileNote(input, "en")).toBe(
      "The email sent on January 15, 2027 at 14:05 (America/Toronto) to ana.silva@mail.example.com (subject: Request for documents - application B012345678) is 5123456 bytes as an e-document, over the limit of 4000000 bytes. It was printed with its attachments and placed on the paper file."
    );
    expect(printToFileNote(input, "fr")).toContain(
      "Le courriel envoyé le 15 janvier 2027 à 14 h 05 (America/Toronto) à ana.silva@mail.example.com"
    );
  });
});

describe("R8 fallback note", () => {
  const input = {
    sentAt: "2027-01-15T19:05:00Z",
    timeZone: "America/Vancouver",
    from: "casework.west@example.org",
    recipient: "ana.silva@mail.example.com",
    subject: "Request\r\nfor documents",
    content: "Dear Ana,\r\n\r\nPlease send <b>the documents</b>.\u0007",
  };

  test("R8 holds the date and time, the recipient and the content", () => {
    const en = fallbackNote(input, "en");
    expect(en).toContain("Sent on: January 15, 2027 at 11:05 (America/Vancouver)");
    expect(en).toContain("To: ana.silva@mail.example.com");
    expect(en).toContain("Subject: Request for documents");
    expect(en.endsWith("Dear Ana,\n\nPlease send <b>the documents</b>.")).toBe(true);
    const fr = fallbackNote(input, "fr");
    expect(fr).toContain("Envoyé le : 15 janvier 2027 à 11 h 05 (America/Vancouver)");
    expect(fr).toContain("À : ana.silva@mail.example.com");
  });

  test("R8 an unreadable instant or zone is shown as given rather than lost", () => {
    expect(fallbackNote({ ...input, sentAt: "yesterday" }, "en")).toContain(
      "Sent on: yesterday at"
    );
    expect(fallbackNote({ ...input, timeZone: "Mars/Olympus" }, "en")).toContain(
      "Sent on: 2027-01-15T19:05:00Z"
    );
  });
});

describe("R10 bounce", () => {
  const updated = aCase({
    addresses: [
      {
        email: "old@old.example.com",
        consent: "application-form",
        recordedAt: "2025-01-01T00:00:00Z",
        supersededAt: "2026-06-01T00:00:00Z",
      },
      {
        email: "ana.silva@mail.example.com",
        consent: "applicant-initiated",
        recordedAt: "2026-06-01T00:00:00Z",
        supersededAt: null,
      },
    ],
  });

  test.each([
    [
      "R10 the old address bounced: resend to the current one",
      updated,
      "old@old.example.com",
      { action: "resend", to: "ana.silva@mail.example.com" },
    ],
    [
      "R10 the current address bounced: post",
      updated,
      " ANA.SILVA@mail.example.com",
      { action: "post" },
    ],
    [
      "R10 no consented address left: post",
      aCase({ addresses: [] }),
      "x@example.net",
      { action: "post" },
    ],
  ])("%s", (_name, caseRecord, bounced, step) => {
    expect(bounceNextStep(caseRecord, bounced)).toEqual(step);
  });

  test("R10 notes for each next step, in both languages", () => {
    const resend = {
      sentOn: "2027-01-04",
      bounced: "old@old.example.com",
      step: { action: "resend" as const, to: "ana.silva@mail.example.com" },
    };
    expect(bounceNote(resend, "en")).toBe(
      "The email sent on January 4, 2027 to old@old.example.com was undeliverable. The address on file has been updated since; the message was sent again to the current address, ana.silva@mail.example.com."
    );
    expect(bounceNote(resend, "fr")).toContain(
      "renvoyé à l’adresse à jour, ana.silva@mail.example.com"
    );
    const post = {
      sentOn: "2027-01-04",
      bounced: "ana.silva@mail.example.com",
      step: { action: "post" as const },
    };
    expect(bounceNote(post, "en")).toContain("will be sent by another method (post)");
    expect(bounceNote(post, "fr")).toContain("par une autre méthode (la poste)");
    expect(bounceNote({ ...post, sentOn: "last week" }, "en")).toContain("sent on last week");
  });
});

describe("R13 reconsideration note", () => {
  test("R13 reopened after a department error, with reasons and documents", () => {
    const note = reconsiderationNote(
      {
        emailDate: "2027-01-04",
        decision: { reopened: true, error: "old-address" },
        reasons: "The applicant gave a new address on 2026-12-01;\nthe email went to the old one.",
        documents: ["Proof of sending c-102", " ", "Applicant's letter of 2027-03-01"],
      },
      "en"
    );
    expect(note).toBe(
      "Request for reconsideration: the applicant states that the email of January 4, 2027 was not received.\nDecision: the application is reopened, because the department made an error (the email was sent to an old address); the applicant is given the opportunity to provide the requested documents.\nReasons: The applicant gave a new address on 2026-12-01;\nthe email went to the old one.\nSupporting documents: Proof of sending c-102; Applicant's letter of 2027-03-01"
    );
  });

  test("R13 not reopened, no documents, in French", () => {
    const note = reconsiderationNote(
      {
        emailDate: "2027-01-04",
        decision: { reopened: false },
        reasons: "Envoyé à la bonne adresse.",
        documents: [],
      },
      "fr"
    );
    expect(note).toContain("le demandeur déclare ne pas avoir reçu le courriel du 4 janvier 2027");
    expect(note).toContain("Décision : la demande n’est pas rouverte.");
    expect(note).toContain("Documents justificatifs : aucun");
  });

  test("R13 the error kind 'not sent' in French", () => {
    const note = reconsiderationNote(
      {
        emailDate: "unknown",
        decision: { reopened: true, error: "not-sent" },
        reasons: "",
        documents: [],
      },
      "fr"
    );
    expect(note).toContain("(le courriel n’a pas été envoyé)");
    expect(note).toContain("courriel du unknown");
  });

  test("R13 reopened at the decision maker's discretion, no department error, in both languages", () => {
    const input = {
      emailDate: "2027-01-04",
      decision: { reopened: true, error: null },
      reasons: "Hospitalised during the response period.",
      documents: ["Hospital letter"],
    } as const;
    expect(reconsiderationNote(input, "en")).toContain(
      "Decision: the application is reopened at the decision maker's discretion (the record shows no error by the department)"
    );
    expect(reconsiderationNote(input, "fr")).toContain(
      "Décision : la demande est rouverte en vertu du pouvoir discrétionnaire du décideur"
    );
  });
});
