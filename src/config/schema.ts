/**
 * The deployment file `config.json`, validated at load. Every field has a default, so an empty
 * object (or no file at all) runs the product locally on the embedded demo settings.
 */
import { z } from "zod";
import { defaultCaseNumberPattern } from "../domain/case-number";
import { isoDateSchema, officeSchema } from "../domain/schemas";

const domainName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/, "expected a domain name");

const days = z.number().int().min(1).max(3650);

const regexSource = z.string().refine(
  (source) => {
    try {
      new RegExp(source);
      return true;
    } catch {
      return false;
    }
  },
  { message: "expected a valid regular expression" }
);

export const defaultGatewayBaseUrl = "http://localhost:8787";
export const defaultEDocumentLimitBytes = 4_000_000;

export const configSchema = z
  .object({
    /** Documentation inside the JSON file itself; ignored. */
    $comment: z.unknown().optional(),
    gateway: z
      .object({ baseUrl: z.url({ protocol: /^https?$/ }).default(defaultGatewayBaseUrl) })
      .strict()
      .prefault({}),
    signIn: z
      .object({
        /** Entra ID tenant (GUID or domain); "common" lets any work account sign in. */
        tenantId: z.string().min(1).default("common"),
        clientId: z.uuid().default("00000000-0000-0000-0000-000000000000"),
        scopes: z
          .array(z.string().min(1))
          .min(1)
          .default(["api://casemail-gateway/Cases.ReadWrite"]),
        /** Delegated Microsoft Graph scopes: sent items and reports of the generic mailbox. */
        graphScopes: z
          .array(z.string().min(1))
          .min(1)
          .default(["Mail.Read", "Mail.Read.Shared", "Mail.ReadWrite"]),
      })
      .strict()
      .prefault({}),
    addIn: z
      .object({ id: z.uuid().default("9cb558f8-5fbc-4d22-a92d-d4634cf340d2") })
      .strict()
      .prefault({}),
    offices: z
      .array(officeSchema.strict())
      .min(1)
      .refine((list) => new Set(list.map((o) => o.id)).size === list.length, {
        message: "office ids must be unique",
      })
      .default(() => [
        {
          id: "office-west",
          name: { en: "Western Processing Office", fr: "Bureau de traitement de l'Ouest" },
          genericMailbox: "casework.west@example.org",
          timeZone: "America/Vancouver",
        },
        {
          id: "office-east",
          name: { en: "Eastern Processing Office", fr: "Bureau de traitement de l'Est" },
          genericMailbox: "casework.east@example.org",
          timeZone: "America/Toronto",
        },
      ]),
    internalDomains: z.array(domainName).default(["example.org"]),
    deadlines: z
      .object({
        minimumDays: z
          .object({ documents: days.default(30), interview: days.default(30) })
          .strict()
          .prefault({}),
        byCountry: z
          .record(
            z.string().regex(/^[A-Z]{2}$/, "expected an ISO 3166-1 alpha-2 code in upper case"),
            z.object({ documents: days.optional(), interview: days.optional() }).strict()
          )
          // The embedded (demo) defaults: longer minimums where mail or access is slower; the
          // gateway's demo cases in these countries show them. A real config.json sets its own.
          .default(() => ({ CM: { documents: 45, interview: 45 }, PH: { documents: 40 } })),
      })
      .strict()
      .prefault({}),
    holidays: z.array(isoDateSchema).default([]),
    eDocumentLimitBytes: z.number().int().positive().default(defaultEDocumentLimitBytes),
    noCaseLinked: z.enum(["block", "prompt"]).default("prompt"),
    caseNumberPattern: regexSource.default(defaultCaseNumberPattern),
  })
  .strict();

export type CasemailConfig = z.output<typeof configSchema>;
export type CasemailConfigInput = z.input<typeof configSchema>;
