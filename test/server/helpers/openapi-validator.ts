/**
 * Validates gateway responses against docs/api/openapi.yaml (not against the zod schemas, so the
 * published document itself is what is checked): each response's status must be declared for its
 * operation and its JSON body must match the declared schema (Ajv, JSON Schema 2020-12).
 */
import fs from "node:fs";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import type { ValidateFunction } from "ajv";
import { parse } from "yaml";

export const openApiFile = path.resolve(__dirname, "../../../docs/api/openapi.yaml");

type Json = Record<string, unknown>;

export interface ResponseCheck {
  method: string;
  path: string;
  status: number;
  contentType: string | null;
  body: unknown;
}

export class OpenApiValidator {
  readonly document: Json;
  private readonly ajv: Ajv2020;
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly templates: { regex: RegExp; template: string }[];
  /** Every (operation, status) seen, for the coverage check. */
  readonly seen = new Set<string>();

  constructor(file = openApiFile) {
    this.document = parse(fs.readFileSync(file, "utf8")) as Json;
    this.ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(this.ajv);
    this.ajv.addSchema({ ...this.document, $id: "openapi" });
    this.templates = Object.keys(this.document.paths as Json).map((template) => ({
      template,
      regex: new RegExp(`^${template.replace(/\{\w+\}/g, "[^/]+")}$`),
    }));
  }

  /** Throws with a readable message when the response is not what the document declares. */
  check(response: ResponseCheck): void {
    const pathname = response.path.split("?")[0] ?? "";
    const match = this.templates.find((t) => t.regex.test(pathname));
    if (match === undefined) throw new Error(`OpenAPI: no path for ${pathname}`);
    const method = response.method.toLowerCase();
    const operation = (this.document.paths as Record<string, Json>)[match.template]?.[method] as
      Json | undefined;
    if (operation === undefined) throw new Error(`OpenAPI: no ${method} on ${match.template}`);
    const responses = operation.responses as Record<string, Json>;
    let declared = responses[String(response.status)];
    if (declared === undefined) {
      throw new Error(
        `OpenAPI: ${String(operation.operationId)} does not declare status ${response.status}`
      );
    }
    let pointer = `openapi#/paths/${escape(match.template)}/${method}/responses/${response.status}`;
    if (typeof declared.$ref === "string") {
      const name = declared.$ref.replace("#/components/responses/", "");
      declared = (this.document.components as Record<string, Record<string, Json>>).responses?.[
        name
      ] as Json;
      pointer = `openapi#/components/responses/${name}`;
    }
    this.seen.add(`${String(operation.operationId)} ${response.status}`);
    const content = declared.content as Record<string, Json> | undefined;
    const type = (response.contentType ?? "").split(";")[0]?.trim() ?? "";
    if (content === undefined) return;
    if (content[type] === undefined) {
      throw new Error(
        `OpenAPI: ${String(operation.operationId)} ${response.status} is not ${type}`
      );
    }
    if (type !== "application/json") return;
    const key = `${pointer}/content/${escape(type)}/schema`;
    let validate = this.compiled.get(key);
    if (validate === undefined) {
      validate = this.ajv.compile({ $ref: key });
      this.compiled.set(key, validate);
    }
    if (!validate(response.body)) {
      throw new Error(
        `OpenAPI: ${String(operation.operationId)} ${response.status} body does not match: ` +
          this.ajv.errorsText(validate.errors)
      );
    }
  }

  operationIds(): string[] {
    const ids: string[] = [];
    for (const item of Object.values(this.document.paths as Record<string, Json>)) {
      for (const op of Object.values(item)) ids.push(String((op as Json).operationId));
    }
    return ids;
  }
}

function escape(segment: string): string {
  return segment
    .replace(/~/g, "~0")
    .replace(/\//g, "~1")
    .replace(/\{/g, "%7B")
    .replace(/\}/g, "%7D");
}
