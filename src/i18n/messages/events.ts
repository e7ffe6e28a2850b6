/**
 * The send-time handler's own words (the findings themselves come from the `domain` catalogue):
 * the Smart Alerts dialog around them, the outage and no-case prompts, and the info bar that sums
 * up the check state while the officer writes.
 */
import { defineMessages } from "../catalog";

export const eventsMessages = defineMessages(
  {
    "send.blocked": "CaseMail stopped this message (case {caseNumber}):",
    "send.fix": "Fix: {fix}",
    "send.more": "And {count} more: open CaseMail to see them.",
    "send.take-action": "Open CaseMail",
    "send.no-case.block":
      "No case is linked to this message, and it goes outside the department ({address}). Open CaseMail and link the case, or remove the outside recipients.",
    "send.no-case.prompt":
      "No case is linked to this message, and it goes outside the department ({address}). If it is case correspondence, link the case in CaseMail before sending.",
    "send.unreachable":
      "CaseMail could not check this message against case {caseNumber}: {reason}. Send it only if you have checked the address on file, the deadline and the sender yourself.",
    "send.case-not-found":
      "Case {caseNumber} was not found in the case system, or you have no access to it. Check the case number in CaseMail.",
    "send.check-failed":
      "CaseMail could not finish its checks (an internal error). Send the message only if you have checked it yourself.",
    "send.stamp-failed":
      "CaseMail could not mark this message for filing. If you send it, file it afterwards from Sent Items with CaseMail.",
    "reason.timeout": "the case system did not answer in time",
    "reason.network": "the case system could not be reached",
    "reason.sign-in": "CaseMail could not sign in to the case system without asking you",
    "reason.server": "the case system reported an error",
    "notify.blocked":
      "CaseMail, case {caseNumber}: {count} problem(s) to fix before sending. {first}",
    "notify.ready": "CaseMail, case {caseNumber}: the checks pass.",
    "notify.no-case": "CaseMail: no case is linked. Open CaseMail to link the case.",
    "notify.unchecked":
      "CaseMail, case {caseNumber}: the case record is not at hand; it is checked when you send.",
  },
  {
    "send.blocked": "CaseMail a arrêté ce message (dossier {caseNumber}) :",
    "send.fix": "Correction : {fix}",
    "send.more": "Et {count} de plus : ouvrez CaseMail pour les voir.",
    "send.take-action": "Ouvrir CaseMail",
    "send.no-case.block":
      "Aucun dossier n'est lié à ce message, et il sort du ministère ({address}). Ouvrez CaseMail et liez le dossier, ou retirez les destinataires externes.",
    "send.no-case.prompt":
      "Aucun dossier n'est lié à ce message, et il sort du ministère ({address}). S'il s'agit de correspondance d'un dossier, liez le dossier dans CaseMail avant l'envoi.",
    "send.unreachable":
      "CaseMail n'a pas pu vérifier ce message au regard du dossier {caseNumber} : {reason}. Envoyez-le seulement si vous avez vérifié vous-même l'adresse au dossier, le délai et l'expéditeur.",
    "send.case-not-found":
      "Le dossier {caseNumber} est introuvable dans le système des dossiers, ou vous n'y avez pas accès. Vérifiez le numéro de dossier dans CaseMail.",
    "send.check-failed":
      "CaseMail n'a pas pu terminer ses vérifications (erreur interne). Envoyez le message seulement si vous l'avez vérifié vous-même.",
    "send.stamp-failed":
      "CaseMail n'a pas pu marquer ce message pour le classement. Si vous l'envoyez, classez-le ensuite depuis les Éléments envoyés avec CaseMail.",
    "reason.timeout": "le système des dossiers n'a pas répondu à temps",
    "reason.network": "le système des dossiers est injoignable",
    "reason.sign-in":
      "CaseMail n'a pas pu se connecter au système des dossiers sans vous le demander",
    "reason.server": "le système des dossiers a signalé une erreur",
    "notify.blocked":
      "CaseMail, dossier {caseNumber} : {count} problème(s) à corriger avant l'envoi. {first}",
    "notify.ready": "CaseMail, dossier {caseNumber} : les vérifications sont réussies.",
    "notify.no-case": "CaseMail : aucun dossier n'est lié. Ouvrez CaseMail pour lier le dossier.",
    "notify.unchecked":
      "CaseMail, dossier {caseNumber} : le dossier n'est pas à portée; il sera vérifié à l'envoi.",
  }
);

export type EventsMessageKey = keyof typeof eventsMessages.en;
