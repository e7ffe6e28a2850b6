/** The browser test's bundle entry: the client as the task pane would load it, on `window`. */
import { staticTokenProvider } from "../../src/auth/token-provider";
import { createGatewayClient, GatewayError } from "../../src/gateway";
import { correspondenceSchema, isoDate } from "../../src/gateway/contract";

Object.assign(globalThis, {
  casemailGateway: {
    createGatewayClient,
    staticTokenProvider,
    GatewayError,
    isoDate,
    correspondenceSchema,
  },
});
