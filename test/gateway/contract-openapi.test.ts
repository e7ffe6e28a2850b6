/**
 * docs/api/openapi.yaml is the contract's zod schemas and operations table, generated: this test
 * fails when they drift apart. Regenerate with `UPDATE_OPENAPI=1 npx jest test/gateway/contract-openapi`.
 */
import fs from "node:fs";
import { parse, stringify } from "yaml";
import { operations, routes } from "../../src/gateway/contract";
import { openApiDocument, openApiPath } from "../../src/server/openapi";
import { OpenApiValidator, openApiFile } from "../server/helpers/openapi-validator";

const header =
  "# Generated from src/gateway/contract.ts by test/gateway/contract-openapi.test.ts.\n";

describe("docs/api/openapi.yaml", () => {
  const generated = openApiDocument();

  if (process.env.UPDATE_OPENAPI === "1") {
    fs.writeFileSync(openApiFile, header + stringify(generated, { lineWidth: 100 }));
  }

  it("is exactly the document generated from the zod contract", () => {
    const published = parse(fs.readFileSync(openApiFile, "utf8")) as unknown;
    expect(published).toEqual(JSON.parse(JSON.stringify(generated)));
  });

  it("declares every operation of the contract once, on its route and method", () => {
    const doc = generated as { paths: Record<string, Record<string, { operationId: string }>> };
    for (const spec of operations) {
      const op = doc.paths[openApiPath(spec.route)]?.[spec.method.toLowerCase()];
      expect(op?.operationId).toBe(spec.operationId);
    }
    const ids = operations.map((o) => o.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("requires an Idempotency-Key on every creating operation and a digest on the upload", () => {
    const doc = generated as {
      paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
    };
    for (const spec of operations.filter((o) => o.creates)) {
      const op = doc.paths[openApiPath(spec.route)]?.[spec.method.toLowerCase()];
      const names = (op?.parameters ?? []).filter((p) => p.in === "header").map((p) => p.name);
      expect(names).toContain("Idempotency-Key");
      if (spec.request === "msg") expect(names).toContain("Content-Digest");
    }
  });

  it("is readable by the response validator the integration suites use", () => {
    const validator = new OpenApiValidator();
    expect(validator.operationIds().sort()).toEqual(operations.map((o) => o.operationId).sort());
    // A body that breaks the published schema is refused, so the suites' checks can fail.
    expect(() =>
      validator.check({
        method: "GET",
        path: routes.me,
        status: 200,
        contentType: "application/json",
        body: { officerId: "officer-a", offices: "office-east" },
      })
    ).toThrow(/does not match/);
    expect(() =>
      validator.check({
        method: "GET",
        path: routes.me,
        status: 201,
        contentType: "application/json",
        body: {},
      })
    ).toThrow(/does not declare status 201/);
  });
});
