/**
 * The follow-up work of the pane: Overdue responses (R9), Transfers (R12), the reconsideration
 * decision (R13) and the notes a proof of sending lists. The notes' own texts are the domain's
 * (domain-notes.ts), in the case's language; these are the pane's, in the officer's.
 */
import { defineMessages } from "../catalog";

export const followupMessages = defineMessages(
  {
    "language.en": "English",
    "language.fr": "French",
    "languages.both": "English and French",
    "languages.bothFr": "French and English",

    "overdue.row": "{caseNumber}: {purpose}",
    "overdue.deadline": "Deadline {date}",
    "overdue.recipient": "Sent to {address}",
    "overdue.sentOn": "Sent on {date}",
    "overdue.noResponse": "No response…",
    "overdue.responseReceived": "Response received",
    "overdue.outcome.legend": "Failing to respond, the application could be",
    "overdue.outcome.refused": "refused",
    "overdue.outcome.abandoned": "abandoned",
    "overdue.response.legend": "The applicant",
    "overdue.response.did-not-comply": "did not comply",
    "overdue.response.requested-more-time": "requested more time to provide the information",
    "overdue.preview": "The note, in the case's language ({language})",
    "overdue.previewPending": "Pick both choices to see the note.",
    "overdue.save": "Add the note to {caseNumber}",
    "overdue.cancel": "Cancel",
    "overdue.saved": "{caseNumber}: the no-response note is on the case.",
    "overdue.responded": "{caseNumber}: the response is recorded.",
    "overdue.noStandardText":
      "The standard no-response note covers requests for documents and interview invitations only; record the response when it comes.",

    "transfers.row": "{caseNumber}: transferred from {from} to {to} on {date}",
    "transfers.to.applicant": "The notice goes to the applicant, {address}.",
    "transfers.to.representative": "The notice goes to the representative (IMM 5476), {address}.",
    "transfers.languages": "Written in {languages}.",
    "transfers.subject": "Subject: {subject}",
    "transfers.write": "Write the notice for {caseNumber}",
    "transfers.opened":
      "{caseNumber}: the notice opened in a new message. Link it to the case as a file transfer notice and send it; once it is filed, the transfer counts as notified.",
    "transfers.post":
      "No email consent on file for {caseNumber}: tell the applicant of the transfer by another method (post).",
    "transfers.officeUnknown": "{caseNumber}: the office {office} is unknown to the case system.",
    "transfers.caseUnavailable": "{caseNumber}: the case could not be loaded ({reason}).",
    "transfers.reconciled":
      "{count} transfer notices already sent were recorded; those transfers are off the list.",

    "recon.open": "Record a reconsideration decision",
    "recon.heading": "Reconsideration decision (R13)",
    "recon.record": "What the record shows",
    "recon.finding.not-sent":
      "The record shows this message as never sent (status {status}). If it was sent, file it from the Pending list first.",
    "recon.finding.old-address":
      "The message went to {sentTo}, but the latest address on file at the time was {onFile}: it went to an old address.",
    "recon.finding.bounced":
      "A delivery report came back for this message ({count}): it may not have reached the applicant (R10).",
    "recon.finding.correct":
      "The message was sent to {address}, the latest address on file at the time.",
    "recon.error.yes": "The department made an error: under R13 the application is reopened.",
    "recon.error.no": "The record shows no error by the department.",
    "recon.reasons": "Reasons for the decision",
    "recon.documents": "Supporting documents, one per line",
    "recon.decision": "Decision",
    "recon.reopen": "Reopen the application",
    "recon.notReopen": "Do not reopen the application",
    "recon.reopenExpected":
      "The record shows an error by the department, and R13 says the application is then reopened. Give the reasons if it is not.",
    "recon.preview": "The note, in the case's language ({language})",
    "recon.save": "Save the decision to the case file",
    "recon.cancel": "Cancel",
    "recon.saved": "The reconsideration decision is on the case file.",

    "notes.heading": "Notes on this correspondence",
    "notes.none": "No notes.",
    "notes.meta": "{kind}, {date}, {author}",
    "notes.kind.print-to-file": "Printed to the paper file (R7)",
    "notes.kind.fallback-filing": "Fallback note (R8)",
    "notes.kind.no-response": "No response (R9)",
    "notes.kind.bounce": "Bounce (R10)",
    "notes.kind.transfer-notice": "Transfer notice (R12)",
    "notes.kind.reconsideration": "Reconsideration decision (R13)",
    "notes.kind.general": "Note",

    "error.choices-required": "Pick both bracketed choices before adding the note.",
    "error.no-standard-text":
      "There is no standard no-response note for this purpose (R9 covers documents and interviews).",
    "error.reasons-required": "Enter the reasons for the decision.",
    "error.reasons-too-long": "The reasons are too long: at most {max} characters.",
    "error.documents-too-long": "The list of documents is too long: at most {max} characters.",
    "error.no-email-consent": "No email consent on file: no notice can be emailed (R1).",
    "error.office-unknown": "An office of this transfer is unknown to the case system.",
    "error.template-failed": "The notice template could not be prepared ({code}).",
    "error.form-failed": "Outlook could not open a new message ({code}).",
  },
  {
    "language.en": "anglais",
    "language.fr": "français",
    "languages.both": "anglais et en français",
    "languages.bothFr": "français et en anglais",

    "overdue.row": "{caseNumber} : {purpose}",
    "overdue.deadline": "Date limite le {date}",
    "overdue.recipient": "Envoyé à {address}",
    "overdue.sentOn": "Envoyé le {date}",
    "overdue.noResponse": "Aucune réponse…",
    "overdue.responseReceived": "Réponse reçue",
    "overdue.outcome.legend": "À défaut de réponse, la demande pourrait être",
    "overdue.outcome.refused": "rejetée",
    "overdue.outcome.abandoned": "abandonnée",
    "overdue.response.legend": "Le demandeur",
    "overdue.response.did-not-comply": "a omis de se conformer à la demande",
    "overdue.response.requested-more-time":
      "a demandé un délai supplémentaire pour fournir les renseignements demandés",
    "overdue.preview": "La note, dans la langue du dossier ({language})",
    "overdue.previewPending": "Faites les deux choix pour voir la note.",
    "overdue.save": "Ajouter la note au dossier {caseNumber}",
    "overdue.cancel": "Annuler",
    "overdue.saved": "{caseNumber} : la note d’absence de réponse est au dossier.",
    "overdue.responded": "{caseNumber} : la réponse est consignée.",
    "overdue.noStandardText":
      "La note type d’absence de réponse ne vise que les demandes de documents et les convocations à une entrevue; consignez la réponse quand elle arrive.",

    "transfers.row": "{caseNumber} : transféré de {from} à {to} le {date}",
    "transfers.to.applicant": "L’avis est adressé au demandeur, {address}.",
    "transfers.to.representative": "L’avis est adressé au représentant (IMM 5476), {address}.",
    "transfers.languages": "Rédigé en {languages}.",
    "transfers.subject": "Objet : {subject}",
    "transfers.write": "Rédiger l’avis pour {caseNumber}",
    "transfers.opened":
      "{caseNumber} : l’avis s’est ouvert dans un nouveau message. Liez-le au dossier comme avis de transfert et envoyez-le; une fois joint au dossier, le transfert compte comme annoncé.",
    "transfers.post":
      "Aucun consentement au courriel au dossier {caseNumber} : informez le demandeur du transfert par une autre méthode (la poste).",
    "transfers.officeUnknown":
      "{caseNumber} : le bureau {office} est inconnu du système de gestion des cas.",
    "transfers.caseUnavailable": "{caseNumber} : le dossier n’a pas pu être chargé ({reason}).",
    "transfers.reconciled":
      "{count} avis de transfert déjà envoyés ont été consignés; ces transferts ne sont plus dans la liste.",

    "recon.open": "Consigner une décision de réexamen",
    "recon.heading": "Décision de réexamen (R13)",
    "recon.record": "Ce que montre le dossier",
    "recon.finding.not-sent":
      "Selon le dossier, ce message n’a jamais été envoyé (état {status}). S’il a été envoyé, joignez-le d’abord au dossier depuis la liste En attente.",
    "recon.finding.old-address":
      "Le message a été envoyé à {sentTo}, alors que la toute dernière adresse au dossier à ce moment était {onFile} : il a été envoyé à une ancienne adresse.",
    "recon.finding.bounced":
      "Un rapport de non-remise est revenu pour ce message ({count}) : il n’a peut-être pas joint le demandeur (R10).",
    "recon.finding.correct":
      "Le message a été envoyé à {address}, la toute dernière adresse au dossier à ce moment.",
    "recon.error.yes": "Le ministère a commis une erreur : selon R13, la demande est rouverte.",
    "recon.error.no": "Le dossier ne montre aucune erreur du ministère.",
    "recon.reasons": "Motifs de la décision",
    "recon.documents": "Documents justificatifs, un par ligne",
    "recon.decision": "Décision",
    "recon.reopen": "Rouvrir la demande",
    "recon.notReopen": "Ne pas rouvrir la demande",
    "recon.reopenExpected":
      "Le dossier montre une erreur du ministère, et R13 prévoit alors la réouverture de la demande. Donnez les motifs si elle n’est pas rouverte.",
    "recon.preview": "La note, dans la langue du dossier ({language})",
    "recon.save": "Consigner la décision au dossier",
    "recon.cancel": "Annuler",
    "recon.saved": "La décision de réexamen est au dossier.",

    "notes.heading": "Notes sur cette correspondance",
    "notes.none": "Aucune note.",
    "notes.meta": "{kind}, {date}, {author}",
    "notes.kind.print-to-file": "Imprimé pour le dossier papier (R7)",
    "notes.kind.fallback-filing": "Note de rechange (R8)",
    "notes.kind.no-response": "Absence de réponse (R9)",
    "notes.kind.bounce": "Retour de courriel (R10)",
    "notes.kind.transfer-notice": "Avis de transfert (R12)",
    "notes.kind.reconsideration": "Décision de réexamen (R13)",
    "notes.kind.general": "Note",

    "error.choices-required": "Faites les deux choix entre crochets avant d’ajouter la note.",
    "error.no-standard-text":
      "Il n’existe pas de note type d’absence de réponse pour cet objet (R9 vise les documents et les entrevues).",
    "error.reasons-required": "Indiquez les motifs de la décision.",
    "error.reasons-too-long": "Les motifs sont trop longs : au plus {max} caractères.",
    "error.documents-too-long":
      "La liste des documents est trop longue : au plus {max} caractères.",
    "error.no-email-consent":
      "Aucun consentement au courriel au dossier : l’avis ne peut pas être envoyé par courriel (R1).",
    "error.office-unknown": "Un bureau de ce transfert est inconnu du système de gestion des cas.",
    "error.template-failed": "Le modèle d’avis n’a pas pu être préparé ({code}).",
    "error.form-failed": "Outlook n’a pas pu ouvrir un nouveau message ({code}).",
  }
);

export type FollowupMessageKey = keyof typeof followupMessages.en;
