/**
 * Message templates (plain text) in English and French. Placeholders: {name} the person written
 * to (the representative under R2), {applicantName}, {caseNumber}, {deadline} (a long date),
 * {officeName}, {fromOffice}, {toOffice}.
 */
import { defineMessages } from "../catalog";

export const templateMessages = defineMessages(
  {
    "documents.subject": "Request for documents - application {caseNumber}",
    "documents.body":
      "Dear {name},\n\nWe are writing about application {caseNumber} ({applicantName}).\n\nTo continue processing this application, we need additional documents, listed below. Please send them by {deadline}.\n\n[List of documents]\n\nIf the requested documents are not received by {deadline}, a decision may be made on the information on file, and the application could be refused.\n\nPlease reply to this email and keep the application number in the subject.\n\n{officeName}",
    "interview.subject": "Interview invitation - application {caseNumber}",
    "interview.body":
      "Dear {name},\n\nWe are writing about application {caseNumber} ({applicantName}).\n\nYou are invited to an interview on {deadline}.\n\n[Time and place of the interview]\n\nPlease confirm by replying to this email. If you do not attend the interview, the application could be refused.\n\n{officeName}",
    "approval.subject": "Decision on application {caseNumber}",
    "approval.body":
      "Dear {name},\n\nWe are pleased to inform you that application {caseNumber} ({applicantName}) has been approved.\n\n[Next steps]\n\n{officeName}",
    "refusal.subject": "Decision on application {caseNumber}",
    "refusal.body":
      "Dear {name},\n\nAfter careful review, application {caseNumber} ({applicantName}) has been refused. The reasons are set out in the attached letter.\n\n{officeName}",
    "transfer.subject": "Your file has been transferred - application {caseNumber}",
    "transfer.body":
      "Dear {name},\n\nApplication {caseNumber} ({applicantName}) has been transferred from {fromOffice} to {toOffice} for processing. Future correspondence about this application will come from {toOffice}.\n\nYou do not need to do anything now.\n\n{officeName}",
  },
  {
    "documents.subject": "Demande de documents - demande {caseNumber}",
    "documents.body":
      "Bonjour {name},\n\nNous vous écrivons au sujet de la demande {caseNumber} ({applicantName}).\n\nPour poursuivre le traitement de cette demande, nous avons besoin des documents supplémentaires énumérés ci-dessous. Veuillez les envoyer au plus tard le {deadline}.\n\n[Liste des documents]\n\nSi les documents demandés ne sont pas reçus au plus tard le {deadline}, une décision pourrait être prise selon les renseignements au dossier, et la demande pourrait être rejetée.\n\nVeuillez répondre à ce courriel en conservant le numéro de la demande dans l’objet.\n\n{officeName}",
    "interview.subject": "Convocation à une entrevue - demande {caseNumber}",
    "interview.body":
      "Bonjour {name},\n\nNous vous écrivons au sujet de la demande {caseNumber} ({applicantName}).\n\nVous êtes convoqué à une entrevue le {deadline}.\n\n[Heure et lieu de l’entrevue]\n\nVeuillez confirmer en répondant à ce courriel. Si vous ne vous présentez pas à l’entrevue, la demande pourrait être rejetée.\n\n{officeName}",
    "approval.subject": "Décision concernant la demande {caseNumber}",
    "approval.body":
      "Bonjour {name},\n\nNous avons le plaisir de vous informer que la demande {caseNumber} ({applicantName}) a été approuvée.\n\n[Prochaines étapes]\n\n{officeName}",
    "refusal.subject": "Décision concernant la demande {caseNumber}",
    "refusal.body":
      "Bonjour {name},\n\nAprès un examen attentif, la demande {caseNumber} ({applicantName}) a été rejetée. Les motifs sont présentés dans la lettre ci-jointe.\n\n{officeName}",
    "transfer.subject": "Transfert de votre dossier - demande {caseNumber}",
    "transfer.body":
      "Bonjour {name},\n\nLa demande {caseNumber} ({applicantName}) a été transférée de {fromOffice} à {toOffice} aux fins de traitement. La correspondance future concernant cette demande viendra de {toOffice}.\n\nVous n’avez rien à faire pour le moment.\n\n{officeName}",
  }
);
