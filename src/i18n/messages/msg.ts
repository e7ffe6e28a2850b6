/** What the officer reads when the sent message cannot be written as `.msg`, one per error code. */
import { defineMessages } from "../catalog";
import type { MsgErrorCode } from "../../msg/errors";

type MsgMessageKey = MsgErrorCode | "overLimitEarly";

const en: Record<MsgMessageKey, string> = {
  "empty-input": "Outlook returned an empty message, so no e-document could be made. Try again.",
  "not-a-message":
    "What Outlook returned is not an email message, so no e-document could be made. Try again; if it persists, add the fallback note (R8).",
  "malformed-mime":
    "The sent message could not be read to make the e-document. CaseMail will add the fallback note (R8) with its date, recipient and content.",
  "too-many-attachments":
    "The message has more attachments than an Outlook file can hold (2,048). Print it for the paper file (R7).",
  "too-many-recipients":
    "The message has more recipients than an Outlook file can hold (2,048). Print it for the paper file (R7).",
  internal:
    "The e-document could not be written because of an internal error. CaseMail will add the fallback note (R8).",
  overLimitEarly:
    "The attachments alone are already larger than {limit} MB: the e-document will be too large, and the message will have to be printed for the paper file (R7).",
};

const fr: Record<MsgMessageKey, string> = {
  "empty-input":
    "Outlook a renvoyé un message vide; aucun document électronique n'a pu être créé. Réessayez.",
  "not-a-message":
    "Ce qu'Outlook a renvoyé n'est pas un courriel; aucun document électronique n'a pu être créé. Réessayez; si le problème persiste, ajoutez la note de remplacement (R8).",
  "malformed-mime":
    "Le message envoyé n'a pas pu être lu pour créer le document électronique. CaseMail ajoutera la note de remplacement (R8) avec sa date, son destinataire et son contenu.",
  "too-many-attachments":
    "Le message compte plus de pièces jointes qu'un fichier Outlook ne peut en contenir (2 048). Imprimez-le pour le dossier papier (R7).",
  "too-many-recipients":
    "Le message compte plus de destinataires qu'un fichier Outlook ne peut en contenir (2 048). Imprimez-le pour le dossier papier (R7).",
  internal:
    "Le document électronique n'a pas pu être écrit à cause d'une erreur interne. CaseMail ajoutera la note de remplacement (R8).",
  overLimitEarly:
    "Les pièces jointes dépassent déjà {limit} Mo : le document électronique sera trop volumineux et le message devra être imprimé pour le dossier papier (R7).",
};

export const msgMessages = defineMessages<MsgMessageKey>(en, fr);
