#!/usr/bin/env node
// Runs the command line from its TypeScript source through tsx, so `npx casemail` needs no build step.
require("tsx/cjs");
require("../src/cli/main.ts");
