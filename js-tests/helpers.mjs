// Shared by the node --test files: where the built package is, running the CLI, README snippets.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const PKG = fileURLToPath(new URL("../pkg/", import.meta.url));
export const CLI = fileURLToPath(new URL("../pkg/bin/batchlint.js", import.meta.url));
export const EXAMPLE = fileURLToPath(new URL("../examples/fargate-secrets.json", import.meta.url));

/** The tools scripts/js-tools.sh installs into .tools/js/ (ajv, the SARIF schema, ...). */
export const tool = createRequire(new URL("../.tools/js/node_modules/", import.meta.url));

/** Runs the CLI; returns { status, stdout, stderr }. `node` are options for node itself. */
export function cli(args, { input, cwd, env, node = [] } = {}) {
  const result = spawnSync(process.execPath, [...node, CLI, ...args], {
    input,
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...env },
    timeout: 30_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the CLI with `stdio` as given (file descriptors, "pipe", ...); resolves to
 * { status, stdout, stderr } when it exits. `onStdout` gets the stdout pipe first. */
export function cliWith(args, stdio, { onStdout } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio, env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined } });
    let stdout = "";
    let stderr = "";
    if (onStdout) onStdout(child.stdout);
    child.stdout?.setEncoding("utf8").on("data", (d) => {
      stdout += d;
    });
    child.stderr?.setEncoding("utf8").on("data", (d) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/** A fresh temporary directory. */
export const tempDir = (name) => mkdtempSync(join(tmpdir(), `batchlint-${name}-`));

/** Writes a job definition into `dir` whose container reads `valueFroms` with the execution
 * role `role` (a name, or null for none); returns its path. */
export function roleJob(dir, name, role, valueFroms) {
  const secrets = valueFroms.map((v, i) => ({ name: `S${i}`, valueFrom: v }));
  const container = {
    image: "app:1",
    resourceRequirements: [
      { type: "VCPU", value: "1" },
      { type: "MEMORY", value: "2048" },
    ],
    secrets,
  };
  if (role !== null) container.executionRoleArn = `arn:aws:iam::123456789012:role/${role}`;
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify({ jobDefinitionName: name, type: "container", containerProperties: container }));
  return file;
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
