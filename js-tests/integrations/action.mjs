// The GitHub Action (action.yml), run as the runner runs a composite action, without `act`:
// each `run:` step in bash (`bash --noprofile --norc -eo pipefail {0}`), `${{ ... }}`
// substituted in `run`, `env` and `shell`, the inputs also as INPUT_* variables, GITHUB_OUTPUT
// read back for `steps.<id>.outputs`, against the packed tarball. scripts/test-integrations.sh
// runs it with node --test.
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { before, test } from "node:test";
import { EXAMPLE, PKG, ROOT, roleJob, tempDir, tool } from "../helpers.mjs";

const { parse } = tool("yaml");
const action = parse(readFileSync(join(ROOT, "action.yml"), "utf8"));
let tarball;

before(() => {
  const dest = tempDir("action-pack");
  const [packed] = JSON.parse(
    execFileSync("npm", ["pack", PKG, "--json", "--pack-destination", dest], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }),
  );
  tarball = join(dest, packed.filename);
});

/** `${{ expr }}` as the runner expands it, for the expressions action.yml may use. */
function expand(text, context) {
  return String(text).replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_, expr) => {
    const m = expr.match(/^(inputs|github|runner|steps)\.([\w-]+)(?:\.outputs\.([\w-]+))?$/);
    if (!m) throw new Error(`the test runner does not know the expression \`${expr}\``);
    const [, scope, name, output] = m;
    const value = scope === "steps" ? context.steps[name]?.outputs?.[output] : context[scope][name];
    if (value === undefined) throw new Error(`\`${expr}\` is not defined`);
    return value;
  });
}

/** The outputs a step wrote to GITHUB_OUTPUT: `name=value` lines and `name<<EOF` blocks. */
function readOutputs(file) {
  const outputs = {};
  const lines = existsSync(file) ? readFileSync(file, "utf8").split("\n") : [];
  for (let i = 0; i < lines.length; i++) {
    const heredoc = lines[i].match(/^([\w-]+)<<(.+)$/);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2], i + 1);
      outputs[heredoc[1]] = lines.slice(i + 1, end).join("\n");
      i = end;
    } else if (lines[i].includes("=")) {
      const at = lines[i].indexOf("=");
      outputs[lines[i].slice(0, at)] = lines[i].slice(at + 1);
    }
  }
  return outputs;
}

/** Runs the action with `inputs` in `workspace`; returns { status, log, outputs }. */
function runAction(workspace, inputs) {
  assert.equal(action.runs.using, "composite");
  for (const name of Object.keys(inputs)) assert.ok(name in action.inputs, `action.yml has no input ${name}`);
  const values = Object.fromEntries(Object.entries(action.inputs).map(([name, spec]) => [name, String(inputs[name] ?? spec.default ?? "")]));
  const temp = tempDir("runner");
  const context = {
    inputs: values,
    github: { action_path: ROOT, workspace },
    runner: { temp },
    steps: {},
  };
  const base = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    CI: "true",
    GITHUB_ACTIONS: "true",
    GITHUB_WORKSPACE: workspace,
    GITHUB_ACTION_PATH: ROOT,
    RUNNER_TEMP: temp,
    npm_config_cache: process.env.npm_config_cache ?? join(process.env.HOME ?? temp, ".npm"),
    // The runner's INPUT_ variables: the name upper-cased, spaces as underscores.
    ...Object.fromEntries(Object.entries(values).map(([name, value]) => [`INPUT_${name.replace(/ /g, "_").toUpperCase()}`, value])),
  };
  let log = "";
  let status = 0;
  for (const [index, step] of action.runs.steps.entries()) {
    assert.ok(step.run, `step ${index}: only run steps are supported here`);
    assert.equal(step.if, undefined, `step ${index}: \`if\` is not supported here`);
    assert.equal(expand(step.shell, context), "bash");
    const script = join(temp, `step-${index}.sh`);
    writeFileSync(script, expand(step.run, context));
    const outputFile = join(temp, `output-${index}`);
    const env = { ...base, GITHUB_OUTPUT: outputFile };
    for (const [name, value] of Object.entries(step.env ?? {})) env[name] = expand(value, context);
    const r = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", script], { cwd: workspace, env, encoding: "utf8", timeout: 180_000 });
    log += r.stdout + r.stderr;
    if (step.id) context.steps[step.id] = { outputs: readOutputs(outputFile) };
    if (r.status !== 0) {
      status = r.status;
      break;
    }
  }
  const outputs =
    status === 0 || context.steps.check ? Object.fromEntries(Object.entries(action.outputs).map(([name, o]) => [name, expand(o.value, context)])) : {};
  return { status, log, outputs };
}

/** A workspace with good job definitions in batch/, and optionally a broken one. */
function workspace({ broken = false } = {}) {
  const dir = tempDir("workspace");
  mkdirSync(join(dir, "batch"));
  roleJob(join(dir, "batch"), "nightly", "batch-exec", ["arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db"]);
  writeFileSync(join(dir, "batch", "fargate.json"), readFileSync(EXAMPLE));
  if (broken) writeFileSync(join(dir, "batch", "broken.json"), '{"jobDefinitionName": "x", "type": "container", "type": "container"}');
  return dir;
}

test("good job definitions: the step passes, SARIF is written, the policies too", () => {
  const dir = workspace();
  const run = runAction(dir, {
    paths: "batch\n",
    region: "eu-west-1",
    account: "123456789012",
    "kms-keys": "alias/app-secrets,\n  1234abcd-12ab-34cd-56ef-1234567890ab",
    "policy-dir": "policies",
    package: tarball,
  });
  assert.equal(run.status, 0, run.log);
  assert.deepEqual(run.outputs, { "exit-code": "0", "sarif-file": "batchlint.sarif" });
  const sarif = JSON.parse(readFileSync(join(dir, "batchlint.sarif"), "utf8"));
  assert.equal(sarif.version, "2.1.0");
  assert.deepEqual([...new Set(sarif.runs[0].results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri))].sort(), [
    "batch/fargate.json",
    "batch/nightly.json",
  ]);
  assert.ok(!sarif.runs[0].results.some((r) => r.level === "error"));
  assert.match(run.log, /^0 errors, /m);
  const policy = JSON.parse(readFileSync(join(dir, "policies", "batch-exec.policy.json"), "utf8"));
  // Both KMS keys reached the CLI: the key ID and the alias.
  assert.deepEqual(
    policy.Statement.map((s) => s.Sid),
    ["ReadSsmParameters", "DecryptWithCustomerManagedKeys", "DecryptWithAliasedKeys"],
  );
});

test("an error finding fails the step after writing SARIF; fail-on-error: false lets it pass", () => {
  const dir = workspace({ broken: true });
  const run = runAction(dir, { paths: "batch", region: "eu-west-1", account: "123456789012", package: tarball });
  assert.equal(run.status, 1);
  assert.equal(run.outputs["exit-code"], "1");
  assert.match(run.log, /batch\/broken\.json:1:\d+: error\[BL102\]/);
  const sarif = JSON.parse(readFileSync(join(dir, "batchlint.sarif"), "utf8"));
  const error = sarif.runs[0].results.find((r) => r.ruleId === "BL102");
  assert.deepEqual(error.locations[0].physicalLocation.artifactLocation, { uri: "batch/broken.json", uriBaseId: "%SRCROOT%" });
  const lenient = runAction(dir, { paths: "batch", "fail-on-error": "false", format: "json", "sarif-file": "", package: tarball });
  assert.equal(lenient.status, 0, lenient.log);
  assert.equal(lenient.outputs["exit-code"], "1");
  assert.equal(lenient.outputs["sarif-file"], "");
  assert.match(lenient.log, /"reports": \[/);
});

test("inputs are data, not shell: a path with $(...) is a file name", () => {
  const dir = workspace();
  const run = runAction(dir, { paths: "batch/$(touch pwned).json", package: tarball });
  assert.equal(run.status, 2);
  assert.match(run.log, /cannot read `batch\/\$\(touch pwned\)\.json`: no such file or directory/);
  assert.equal(existsSync(join(dir, "pwned")), false);
});
