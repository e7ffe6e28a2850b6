/**
 * The FunctionName of each LaunchEvent in manifest.xml. The bundle associates every one of them
 * (`Office.actions.associate`; without it Outlook blocks every send) and `validate-manifest`
 * checks the manifest names no other.
 */
export const handlerNames = {
  send: "onMessageSendHandler",
  recipientsChanged: "onMessageRecipientsChangedHandler",
  fromChanged: "onMessageFromChangedHandler",
} as const;

export const allHandlerNames: readonly string[] = Object.values(handlerNames);
