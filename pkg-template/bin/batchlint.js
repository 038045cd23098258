#!/usr/bin/env node
// @ts-check
// The batchlint command line; cli/main.js does the work and returns the exit status.
import { main } from "../cli/main.js";

main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (err) => {
    // A bug, not a finding: never exit 1, which means "errors found".
    process.stderr.write(`batchlint: internal error: ${err?.stack ?? err}\n`);
    process.exitCode = 2;
  },
);
