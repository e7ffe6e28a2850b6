/** What the officer reads when a case gateway call fails, one message per `GatewayErrorKind`. */
import { defineMessages } from "../catalog";
import type { GatewayErrorKind } from "../../gateway/errors";

type GatewayMessageKey = GatewayErrorKind;

const en: Record<GatewayMessageKey, string> = {
  network:
    "The case system could not be reached. Check your connection; CaseMail will try again and nothing has been lost.",
  timeout:
    "The case system took too long to answer. CaseMail will try again; the message stays on the Pending list until it is filed.",
  cancelled: "The request to the case system was cancelled.",
  "token-unavailable": "Sign in again to reach the case system.",
  unauthorized: "The case system did not accept your sign-in. Sign in again, then retry.",
  forbidden: "This case belongs to an office you are not a member of.",
  "not-found": "The case system has no such case or correspondence. Check the case number.",
  conflict:
    "The case system refused the change because the record has changed (for example it is already filed). Reload the case.",
  "idempotency-mismatch":
    "The case system already received a different request under the same reference. Reload the case before trying again.",
  "bad-request":
    "The case system refused the request as invalid (for example the e-document did not arrive intact).",
  "too-large":
    "The e-document is larger than the case system accepts. Print the message for the paper file (R7).",
  unsupported: "The case system accepts only Outlook messages (.msg) as e-documents.",
  "rate-limited": "The case system is busy. Try again in a minute.",
  server: "The case system had a problem. CaseMail tried several times; try again later.",
  http: "The case system answered with an unexpected error (HTTP {status}).",
  "invalid-response":
    "The case system sent an answer CaseMail does not understand. Nothing was changed on this side; tell your administrator.",
};

const fr: Record<GatewayMessageKey, string> = {
  network:
    "Impossible de joindre le système de gestion des cas. Vérifiez votre connexion; CaseMail réessaiera et rien n’a été perdu.",
  timeout:
    "Le système de gestion des cas a mis trop de temps à répondre. CaseMail réessaiera; le message reste dans la liste En attente jusqu’à ce qu’il soit joint au dossier.",
  cancelled: "La demande au système de gestion des cas a été annulée.",
  "token-unavailable": "Reconnectez-vous pour joindre le système de gestion des cas.",
  unauthorized:
    "Le système de gestion des cas n’a pas accepté votre connexion. Reconnectez-vous, puis réessayez.",
  forbidden: "Ce dossier appartient à un bureau dont vous n’êtes pas membre.",
  "not-found":
    "Le système de gestion des cas ne connaît pas ce dossier ou cette correspondance. Vérifiez le numéro de dossier.",
  conflict:
    "Le système de gestion des cas a refusé la modification, car le dossier a changé (par exemple, le document électronique est déjà joint). Rechargez le dossier.",
  "idempotency-mismatch":
    "Le système de gestion des cas a déjà reçu une autre demande sous la même référence. Rechargez le dossier avant de réessayer.",
  "bad-request":
    "Le système de gestion des cas a refusé la demande comme invalide (par exemple, le document électronique n’est pas arrivé intact).",
  "too-large":
    "Le document électronique dépasse la taille acceptée par le système de gestion des cas. Imprimez le message pour le dossier papier (R7).",
  unsupported:
    "Le système de gestion des cas n’accepte que des messages Outlook (.msg) comme documents électroniques.",
  "rate-limited": "Le système de gestion des cas est occupé. Réessayez dans une minute.",
  server:
    "Le système de gestion des cas a eu un problème. CaseMail a réessayé plusieurs fois; réessayez plus tard.",
  http: "Le système de gestion des cas a répondu par une erreur inattendue (HTTP {status}).",
  "invalid-response":
    "Le système de gestion des cas a envoyé une réponse que CaseMail ne comprend pas. Rien n’a été modifié de ce côté; avisez votre administrateur.",
};

export const gatewayMessages = defineMessages<GatewayMessageKey>(en, fr);
