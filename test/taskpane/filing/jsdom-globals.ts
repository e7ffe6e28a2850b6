// jsdom lacks what the filing code uses from the platform: TextEncoder/TextDecoder (the MIME
// parser) and structuredClone (the in-memory job store). Node's have the same behaviour.
import { deserialize, serialize } from "node:v8";
import { TextDecoder, TextEncoder } from "node:util";

const g = globalThis as Record<string, unknown>;
g.TextEncoder ??= TextEncoder;
g.TextDecoder ??= TextDecoder;
g.structuredClone ??= (value: unknown): unknown => deserialize(serialize(value));
