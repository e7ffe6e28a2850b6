#!/usr/bin/env node
// Runs the command line from its TypeScript source through tsx's own launcher, so `npx casemail`
// needs no build step (the commands load with dynamic import(), which needs tsx's ESM hooks too).
const { spawnSync } = require("node:child_process");
const path = require("node:path");

const result = spawnSync(
  process.execPath,
  [
    require.resolve("tsx/cli"),
    path.join(__dirname, "..", "src", "cli", "main.ts"),
    ...process.argv.slice(2),
  ],
  { stdio: "inherit" }
);
process.exitCode = result.status ?? 70;
