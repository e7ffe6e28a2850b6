/**
 * Case notes in English and French. R9's sentence and its bracketed choices follow the bulletin
 * word for word (French) and the design brief (English); the choices are separate keys so that
 * the sentence itself is never rephrased.
 */
import { defineMessages } from "../catalog";

export const noteMessages = defineMessages(
  {
    "r7.printToFile":
      "The email sent on {date} at {time} to {recipient} (subject: {subject}) is {size} bytes as an e-document, over the limit of {limit} bytes. It was printed with its attachments and placed on the paper file.",
    "r8.fallback":
      "The sent email could not be attached as an e-document for technical reasons; its content is recorded in this note.\nSent on: {date} at {time}\nFrom: {from}\nTo: {recipient}\nSubject: {subject}\n\n{content}",
    "r9.sentence":
      "An email was sent to the applicant to {aim}. The applicant was also informed that failing to {failing}, their application could be {outcome}. The applicant {response}.",
    "r9.aim.documents": "obtain additional documents",
    "r9.aim.interview": "invite them to an interview",
    "r9.failing.documents": "provide the required documents",
    "r9.failing.interview": "attend the interview",
    "r9.outcome.refused": "refused",
    "r9.outcome.abandoned": "abandoned",
    "r9.response.did-not-comply": "did not comply",
    "r9.response.requested-more-time": "requested more time to provide the information",
    "r10.resend":
      "The email sent on {date} to {bounced} was undeliverable. The address on file has been updated since; the message was sent again to the current address, {current}.",
    "r10.post":
      "The email sent on {date} to {bounced}, the current address on file, was undeliverable. The correspondence will be sent by another method (post).",
    "r13.decision":
      "Request for reconsideration: the applicant states that the email of {date} was not received.\nDecision: {decision}\nReasons: {reasons}\nSupporting documents: {documents}",
    "r13.decision.reopened":
      "the application is reopened, because the department made an error ({error}); the applicant is given the opportunity to provide the requested documents.",
    "r13.decision.reopened-discretion":
      "the application is reopened at the decision maker's discretion (the record shows no error by the department); the applicant is given the opportunity to provide the requested documents.",
    "r13.decision.not-reopened": "the application is not reopened.",
    "r13.error.not-sent": "the email was not sent",
    "r13.error.old-address": "the email was sent to an old address",
    "r13.noDocuments": "none",
  },
  {
    "r7.printToFile":
      "Le courriel envoyé le {date} à {time} à {recipient} (objet : {subject}) fait {size} octets comme document électronique, au-delà de la limite de {limit} octets. Il a été imprimé avec ses pièces jointes et versé au dossier papier.",
    "r8.fallback":
      "Le courriel envoyé n’a pas pu être joint comme document électronique en raison de difficultés techniques; son contenu est consigné dans cette note.\nEnvoyé le : {date} à {time}\nDe : {from}\nÀ : {recipient}\nObjet : {subject}\n\n{content}",
    "r9.sentence":
      "Un courriel a été envoyé au demandeur dans le but {aim}. Le demandeur a également été informé qu’à défaut {failing}, sa demande pourrait être {outcome}. Le demandeur {response}.",
    "r9.aim.documents": "d’obtenir des documents supplémentaires",
    "r9.aim.interview": "de le convoquer à une entrevue",
    "r9.failing.documents": "de fournir les documents requis",
    "r9.failing.interview": "de se présenter à l’entrevue",
    "r9.outcome.refused": "rejetée",
    "r9.outcome.abandoned": "abandonnée",
    "r9.response.did-not-comply": "a omis de se conformer à la demande",
    "r9.response.requested-more-time":
      "a demandé un délai supplémentaire pour fournir les renseignements demandés",
    "r10.resend":
      "Le courriel envoyé le {date} à {bounced} n’a pu être livré. L’adresse au dossier a été mise à jour depuis; le message a été renvoyé à l’adresse à jour, {current}.",
    "r10.post":
      "Le courriel envoyé le {date} à {bounced}, l’adresse à jour au dossier, n’a pu être livré. La correspondance sera envoyée par une autre méthode (la poste).",
    "r13.decision":
      "Demande de réexamen : le demandeur déclare ne pas avoir reçu le courriel du {date}.\nDécision : {decision}\nMotifs : {reasons}\nDocuments justificatifs : {documents}",
    "r13.decision.reopened":
      "la demande est rouverte, car le ministère a commis une erreur ({error}); le demandeur a la possibilité de fournir les documents demandés.",
    "r13.decision.reopened-discretion":
      "la demande est rouverte en vertu du pouvoir discrétionnaire du décideur (le dossier ne montre aucune erreur du ministère); le demandeur a la possibilité de fournir les documents demandés.",
    "r13.decision.not-reopened": "la demande n’est pas rouverte.",
    "r13.error.not-sent": "le courriel n’a pas été envoyé",
    "r13.error.old-address": "le courriel a été envoyé à une ancienne adresse",
    "r13.noDocuments": "aucun",
  }
);
