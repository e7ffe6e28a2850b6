/** The case gateway client's public surface (the contract itself is `./contract`). */
export { createGatewayClient } from "./client";
export type { GatewayClient, GatewayClientOptions, ReadOptions, WriteOptions } from "./client";
export { GatewayError, gatewayErrorKinds, isGatewayError } from "./errors";
export type { GatewayErrorKind } from "./errors";
export { contentDigestHeader, sha256Hex } from "./digest";
export { newIdempotencyKey } from "./idempotency";
export { defaultRetryPolicy } from "./retry";
export type { RetryPolicy } from "./retry";
