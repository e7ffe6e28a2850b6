/** Deployment configuration: schema, embedded defaults, loading, and the policy it gives the rules. */
export * from "./schema";
export * from "./default-config";
export * from "./load-config";
export * from "./policy-from-config";
