/**
 * The rules engine's findings in English and French: for each code, what is wrong (`code`) and how
 * to fix it (`code.fix`), plus the words the messages put in (fields, purposes, near-miss kinds).
 */
import { isIsoDate } from "../../domain/calendar-date";
import type { Finding, FindingCode } from "../../domain/finding";
import { formatLongDate } from "../../domain/long-date";
import { defineMessages, formatMessage, type Locale, type MessageParams } from "../catalog";

type FindingKey = FindingCode | `${FindingCode}.fix`;
type WordKey =
  | "field.to"
  | "field.cc"
  | "field.bcc"
  | "purpose.documents"
  | "purpose.interview"
  | "reason.no-address"
  | "reason.no-consent"
  | "kind.confusable"
  | "kind.punycode"
  | "kind.domain-typo"
  | "kind.edit"
  | "language.en"
  | "language.fr"
  | "unknown"
  | "unknown.fix";

export const domainMessages = defineMessages<FindingKey | WordKey>(
  {
    "R1.no-consent":
      "The applicant has not consented to email ({reasonText}). Email may not be used for this case.",
    "R1.no-consent.fix":
      "Send this correspondence by post, or record the applicant's consent (an address on the application form, an IMM 5476 with the representative's email, or an exchange the applicant started).",
    "R1.address-bounced":
      "Mail to {address} was undeliverable on {date}, and it is still the address on file.",
    "R1.address-bounced.fix":
      "Check the case for a newer address. If there is none and this message bounces again, send the correspondence by post.",
    "R2.applicant-addressed":
      "{address} belongs to the applicant, but a signed IMM 5476 names a representative with an email: all correspondence goes to the representative.",
    "R2.applicant-addressed.fix": "Remove {address} and address the message to {representative}.",
    "R2.imm5476-unsigned":
      "A representative's email ({representative}) is on file, but the IMM 5476 is not signed: the message goes to the applicant.",
    "R2.imm5476-unsigned.fix":
      "Write to the applicant, or obtain the signed IMM 5476 before writing to the representative.",
    "R2.representative-without-email":
      "The signed IMM 5476 gives no email for the representative: email goes to the applicant's address.",
    "R2.representative-without-email.fix":
      "Nothing to do, unless the representative gives an email on an IMM 5476.",
    "R3.recipient-missing": "The address on file, {expected}, is not among the recipients.",
    "R3.recipient-missing.fix": "Put {expected} in the To field, exactly as it is on file.",
    "R3.expected-not-in-to": "The address on file, {expected}, is in {fieldText} rather than To.",
    "R3.expected-not-in-to.fix": "Move {expected} to the To field.",
    "R3.local-part-case":
      "{address} differs from the address on file, {expected}, in upper and lower case letters.",
    "R3.local-part-case.fix":
      "Use the address exactly as on file: {expected}. Most mail systems ignore case, but the proof must show the address given.",
    "R3.near-miss":
      "{address} ({fieldText}) is not the address on file but looks like it: {kindText}. On file: {expected}.",
    "R3.near-miss.fix": "Replace {address} with {expected}.",
    "R3.superseded-address":
      "{address} ({fieldText}) is an older address of the applicant, replaced since. The latest address on file is {expected}.",
    "R3.superseded-address.fix": "Replace {address} with the latest address, {expected}.",
    "R3.outside-recipient":
      "{address} ({fieldText}) is outside the department and is not the address on file: no one else may see this message.",
    "R3.outside-recipient.fix": "Remove {address} from {fieldText}.",
    "R3.invalid-address": "{address} ({fieldText}) is not a valid email address.",
    "R3.invalid-address.fix": "Correct or remove {address}.",
    "R4.purpose-unknown":
      "The purpose of the message is not set, so the response deadline cannot be checked.",
    "R4.purpose-unknown.fix":
      "Choose the purpose (request for documents, interview invitation, approval, refusal, transfer or other).",
    "R4.today-invalid":
      "Today's date could not be read ({today}), so the deadline cannot be checked.",
    "R4.today-invalid.fix": "Reload CaseMail; if this persists, contact your administrator.",
    "R4.deadline-missing": "This {purposeText} needs a response deadline, and none is set.",
    "R4.deadline-missing.fix":
      "Set a deadline on or after {minimum} ({days} days minimum) and write it in the message.",
    "R4.deadline-invalid": "The deadline {deadline} is not a valid date.",
    "R4.deadline-invalid.fix": "Choose the deadline again from the calendar.",
    "R4.deadline-too-soon":
      "The deadline {deadline} is too soon: this {purposeText} needs at least {days} days.",
    "R4.deadline-too-soon.fix": "Set the deadline on or after {minimum}.",
    "R4.deadline-not-business-day": "The deadline {deadline} falls on a weekend or a holiday.",
    "R4.deadline-not-business-day.fix": "Move the deadline to the next business day, {next}.",
    "R4.date-not-in-body": "The deadline is not written in the {languageText} text as {date}.",
    "R4.date-not-in-body.fix": "Write the deadline in the message as {date}.",
    "R5.wrong-sender":
      "The message is sent from {from}, not from the generic mailbox of the office that holds the case.",
    "R5.wrong-sender.fix": "Send from {expected} (change the From field to the generic mailbox).",
    "R5.sender-unknown": "The sending mailbox could not be read.",
    "R5.sender-unknown.fix": "Make sure the From field shows the generic mailbox {expected}.",
    "R5.office-unknown":
      "The office that holds the case ({officeId}) is not configured, so the sender cannot be checked.",
    "R5.office-unknown.fix":
      "Ask your administrator to add office {officeId} and its generic mailbox to the configuration.",
    "R11.read-receipt":
      "A read receipt is requested. Read receipts are not used and never prove receipt.",
    "R11.read-receipt.fix": "Turn off the read receipt request in the message options.",
    "R11.read-receipt-unknown": "Whether a read receipt is requested could not be checked.",
    "R11.read-receipt-unknown.fix": "Make sure the read receipt option is off.",
    "field.to": "To",
    "field.cc": "Cc",
    "field.bcc": "Bcc",
    "purpose.documents": "request for documents",
    "purpose.interview": "interview invitation",
    "reason.no-address": "no email address on file",
    "reason.no-consent": "the address on file was not given with consent",
    "kind.confusable": "it uses look-alike characters",
    "kind.punycode": "its domain is an encoded look-alike (xn--)",
    "kind.domain-typo": "its domain is a common misspelling",
    "kind.edit": "a letter is missing, added, swapped or mistyped",
    "language.en": "English",
    "language.fr": "French",
    unknown: "Rule {rule}: {code}.",
    "unknown.fix": "Contact your administrator.",
  },
  {
    "R1.no-consent":
      "Le demandeur n’a pas consenti au courriel ({reasonText}). Le courriel ne peut pas être utilisé pour ce dossier.",
    "R1.no-consent.fix":
      "Envoyez cette correspondance par la poste, ou consignez le consentement du demandeur (une adresse dans le formulaire de demande, un IMM 5476 avec le courriel du représentant, ou un échange engagé par le demandeur).",
    "R1.address-bounced":
      "Le courriel envoyé à {address} n’a pu être livré le {date}, et c’est toujours l’adresse au dossier.",
    "R1.address-bounced.fix":
      "Vérifiez si le dossier contient une adresse plus récente. Sinon, si ce message échoue de nouveau, envoyez la correspondance par la poste.",
    "R2.applicant-addressed":
      "{address} est l’adresse du demandeur, mais un IMM 5476 signé désigne un représentant avec un courriel : toute la correspondance va au représentant.",
    "R2.applicant-addressed.fix": "Retirez {address} et adressez le message à {representative}.",
    "R2.imm5476-unsigned":
      "Le courriel d’un représentant ({representative}) est au dossier, mais l’IMM 5476 n’est pas signé : le message va au demandeur.",
    "R2.imm5476-unsigned.fix":
      "Écrivez au demandeur, ou obtenez l’IMM 5476 signé avant d’écrire au représentant.",
    "R2.representative-without-email":
      "L’IMM 5476 signé ne donne aucun courriel pour le représentant : le courriel va à l’adresse du demandeur.",
    "R2.representative-without-email.fix":
      "Rien à faire, sauf si le représentant fournit un courriel dans un IMM 5476.",
    "R3.recipient-missing":
      "L’adresse au dossier, {expected}, ne figure pas parmi les destinataires.",
    "R3.recipient-missing.fix":
      "Inscrivez {expected} dans le champ À, exactement comme au dossier.",
    "R3.expected-not-in-to":
      "L’adresse au dossier, {expected}, est dans le champ {fieldText} plutôt que dans À.",
    "R3.expected-not-in-to.fix": "Déplacez {expected} dans le champ À.",
    "R3.local-part-case":
      "{address} diffère de l’adresse au dossier, {expected}, par des majuscules et minuscules.",
    "R3.local-part-case.fix":
      "Utilisez l’adresse exactement comme au dossier : {expected}. La plupart des systèmes ignorent la casse, mais la preuve doit montrer l’adresse fournie.",
    "R3.near-miss":
      "{address} ({fieldText}) n’est pas l’adresse au dossier, mais lui ressemble : {kindText}. Au dossier : {expected}.",
    "R3.near-miss.fix": "Remplacez {address} par {expected}.",
    "R3.superseded-address":
      "{address} ({fieldText}) est une ancienne adresse du demandeur, remplacée depuis. L’adresse la plus récente au dossier est {expected}.",
    "R3.superseded-address.fix": "Remplacez {address} par l’adresse la plus récente, {expected}.",
    "R3.outside-recipient":
      "{address} ({fieldText}) est externe au ministère et n’est pas l’adresse au dossier : personne d’autre ne peut voir ce message.",
    "R3.outside-recipient.fix": "Retirez {address} du champ {fieldText}.",
    "R3.invalid-address": "{address} ({fieldText}) n’est pas une adresse de courriel valide.",
    "R3.invalid-address.fix": "Corrigez ou retirez {address}.",
    "R4.purpose-unknown":
      "L’objet du message n’est pas indiqué : le délai de réponse ne peut pas être vérifié.",
    "R4.purpose-unknown.fix":
      "Choisissez l’objet (demande de documents, convocation à une entrevue, approbation, refus, transfert ou autre).",
    "R4.today-invalid":
      "La date du jour n’a pas pu être lue ({today}) : le délai ne peut pas être vérifié.",
    "R4.today-invalid.fix":
      "Rechargez CaseMail; si le problème persiste, communiquez avec votre administrateur.",
    "R4.deadline-missing": "Cette {purposeText} exige un délai de réponse, et aucun n’est fixé.",
    "R4.deadline-missing.fix":
      "Fixez un délai au {minimum} ou après ({days} jours au minimum) et inscrivez-le dans le message.",
    "R4.deadline-invalid": "Le délai {deadline} n’est pas une date valide.",
    "R4.deadline-invalid.fix": "Choisissez de nouveau le délai dans le calendrier.",
    "R4.deadline-too-soon":
      "Le délai du {deadline} est trop court : cette {purposeText} exige au moins {days} jours.",
    "R4.deadline-too-soon.fix": "Fixez le délai au {minimum} ou après.",
    "R4.deadline-not-business-day":
      "Le délai du {deadline} tombe une fin de semaine ou un jour férié.",
    "R4.deadline-not-business-day.fix": "Reportez le délai au jour ouvrable suivant, le {next}.",
    "R4.date-not-in-body":
      "Le délai n’est pas écrit dans le texte {languageText} sous la forme {date}.",
    "R4.date-not-in-body.fix": "Écrivez le délai dans le message sous la forme {date}.",
    "R5.wrong-sender":
      "Le message est envoyé de {from}, et non de la boîte de courriel générique du bureau qui détient le dossier.",
    "R5.wrong-sender.fix":
      "Envoyez à partir de {expected} (choisissez la boîte générique dans le champ De).",
    "R5.sender-unknown": "La boîte d’envoi n’a pas pu être lue.",
    "R5.sender-unknown.fix":
      "Assurez-vous que le champ De indique la boîte de courriel générique {expected}.",
    "R5.office-unknown":
      "Le bureau qui détient le dossier ({officeId}) n’est pas configuré : l’expéditeur ne peut pas être vérifié.",
    "R5.office-unknown.fix":
      "Demandez à votre administrateur d’ajouter le bureau {officeId} et sa boîte générique à la configuration.",
    "R11.read-receipt":
      "Un accusé de lecture est demandé. Les accusés de lecture ne sont pas utilisés et ne prouvent jamais la réception.",
    "R11.read-receipt.fix":
      "Désactivez la demande d’accusé de lecture dans les options du message.",
    "R11.read-receipt-unknown": "La demande d’accusé de lecture n’a pas pu être vérifiée.",
    "R11.read-receipt-unknown.fix": "Assurez-vous que l’option d’accusé de lecture est désactivée.",
    "field.to": "À",
    "field.cc": "Cc",
    "field.bcc": "Cci",
    "purpose.documents": "demande de documents",
    "purpose.interview": "convocation à une entrevue",
    "reason.no-address": "aucune adresse de courriel au dossier",
    "reason.no-consent": "l’adresse au dossier n’a pas été fournie avec consentement",
    "kind.confusable": "elle contient des caractères trompeurs",
    "kind.punycode": "son domaine est un sosie encodé (xn--)",
    "kind.domain-typo": "son domaine est une faute de frappe courante",
    "kind.edit": "une lettre manque, est ajoutée, inversée ou erronée",
    "language.en": "anglais",
    "language.fr": "français",
    unknown: "Règle {rule} : {code}.",
    "unknown.fix": "Communiquez avec votre administrateur.",
  }
);

export type DomainMessageKey = keyof typeof domainMessages.en;

function isKey(key: string): key is DomainMessageKey {
  return Object.prototype.hasOwnProperty.call(domainMessages.en, key);
}

/** Words derived from coded params (`field: "cc"` gives `fieldText: "Cc"`), in the locale. */
function wordParams(finding: Finding, locale: Locale): MessageParams {
  const table = domainMessages[locale];
  const word = (prefix: string, value: string | number | undefined): string | undefined => {
    const key = `${prefix}.${String(value)}`;
    return value !== undefined && isKey(key) ? table[key] : undefined;
  };
  const extra: Record<string, string> = {};
  const pairs: Array<[string, string]> = [
    ["field", "fieldText"],
    ["purpose", "purposeText"],
    ["reason", "reasonText"],
    ["kind", "kindText"],
    ["language", "languageText"],
  ];
  for (const [param, name] of pairs) {
    const text = word(param, finding.params[param]);
    if (text !== undefined) extra[name] = text;
  }
  // ISO dates in params are written as long dates in the reader's language.
  for (const name of ["minimum", "deadline", "next", "date"]) {
    const value = finding.params[name];
    if (typeof value === "string" && isIsoDate(value)) extra[name] = formatLongDate(value, locale);
  }
  return { ...finding.params, ...extra };
}

export interface FindingText {
  message: string;
  fix: string;
}

/** What a finding says in a locale: the problem, and the fix. */
export function findingText(finding: Finding, locale: Locale): FindingText {
  const table = domainMessages[locale];
  const params = { ...wordParams(finding, locale), rule: finding.rule, code: finding.code };
  const fixKey = `${finding.code}.fix`;
  if (!isKey(finding.code) || !isKey(fixKey)) {
    return {
      message: formatMessage(table.unknown, params),
      fix: formatMessage(table["unknown.fix"], params),
    };
  }
  return {
    message: formatMessage(table[finding.code], params),
    fix: formatMessage(table[fixKey], params),
  };
}
