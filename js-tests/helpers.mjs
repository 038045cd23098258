// Shared by the node --test files: where the built package is, running the CLI, README snippets.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const PKG = fileURLToPath(new URL("../pkg/", import.meta.url));
export const CLI = fileURLToPath(new URL("../pkg/bin/batchlint.js", import.meta.url));
export const EXAMPLE = fileURLToPath(new URL("../examples/fargate-secrets.json", import.meta.url));

/** Runs the CLI; returns { status, stdout, stderr }. */
export function cli(args, { input, cwd, env } = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    input,
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "", ...env },
    timeout: 30_000,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The code block that follows `<!-- snippet: NAME -->` in the npm README. */
export function snippet(name) {
  const readme = readFileSync(new URL("../pkg-template/README.md", import.meta.url), "utf8");
  const match = readme.match(new RegExp(`<!-- snippet: ${name} -->\\s*\`\`\`\\w*\\n([\\s\\S]*?)\`\`\``));
  if (!match) throw new Error(`no snippet ${name} in pkg-template/README.md`);
  return match[1];
}

/** A job definition with a duplicate key (BL102, an error) after non-ASCII text. */
export const BROKEN = '{\n  "jobDefinitionName": "nightly-é😀",\r\n  "type": "container",\r  "type": "container"\n}\n';
