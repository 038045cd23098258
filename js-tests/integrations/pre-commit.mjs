// The pre-commit hook (.pre-commit-hooks.yaml), run by pre-commit itself: `pre-commit try-repo`
// of this repository on a temporary git repository with job definitions, with the CLI from the
// packed tarball on PATH (the hook is `language: system`). scripts/test-integrations.sh installs
// pre-commit into .tools/venv/ and runs this with node --test.
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { before, test } from "node:test";
import { EXAMPLE, PKG, ROOT, tempDir } from "../helpers.mjs";

const PRE_COMMIT = join(ROOT, ".tools", "venv", "bin", "pre-commit");
const home = tempDir("pre-commit-home");
let env;
let repo;

const git = (...args) => execFileSync("git", args, { cwd: repo, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

before(() => {
  // The CLI, installed from the tarball as a user would, first on PATH.
  const cli = tempDir("pre-commit-cli");
  const [packed] = JSON.parse(execFileSync("npm", ["pack", PKG, "--json", "--pack-destination", cli], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }));
  execFileSync("npm", ["install", "--prefix", cli, "--offline", "--no-audit", "--no-fund", "--loglevel=error", join(cli, packed.filename)], {
    stdio: "ignore",
  });
  env = {
    PATH: `${join(cli, "node_modules", ".bin")}:${process.env.PATH}`,
    HOME: home,
    PRE_COMMIT_HOME: join(home, "cache"),
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_AUTHOR_NAME: "test",
    GIT_AUTHOR_EMAIL: "test@example.com",
    GIT_COMMITTER_NAME: "test",
    GIT_COMMITTER_EMAIL: "test@example.com",
    NO_COLOR: "1",
  };
  repo = tempDir("pre-commit-repo");
  git("init", "-q");
  mkdirSync(join(repo, "batch"));
  writeFileSync(join(repo, "batch", "good.json"), readFileSync(EXAMPLE));
  writeFileSync(join(repo, "batch", "bad.json"), '{"jobDefinitionName": "x", "type": "container", "type": "container"}\n');
  writeFileSync(join(repo, "package.json"), '{"name": "not-a-job-definition"}\n');
  git("add", ".");
});

/** `pre-commit try-repo ROOT batchlint ARGS...` in the temporary repository. */
function tryRepo(...args) {
  const r = spawnSync(PRE_COMMIT, ["try-repo", ROOT, "batchlint", "--color", "never", ...args], { cwd: repo, env, encoding: "utf8", timeout: 300_000 });
  if (r.error) throw r.error;
  return { status: r.status, output: r.stdout + r.stderr };
}

test("the hook fails on a job definition with an error, and prints the finding", () => {
  const run = tryRepo("--files", "batch/bad.json");
  assert.equal(run.status, 1, run.output);
  assert.match(run.output, /batchlint \(AWS Batch job definitions\)\.+Failed/);
  assert.match(run.output, /batch\/bad\.json:1:\d+: error\[BL102\]: `type` appears twice in this object/);
});

test("the hook passes on a good job definition", () => {
  const run = tryRepo("--files", "batch/good.json");
  assert.equal(run.status, 0, run.output);
  assert.match(run.output, /batchlint \(AWS Batch job definitions\)\.+Passed/);
});

test("files: narrows the hook to the job definitions, as README.md says to write it", () => {
  // try-repo takes no per-hook options, so the configuration README.md shows is run with
  // `pre-commit run`, from a repository holding this tree's .pre-commit-hooks.yaml (all that a
  // `language: system` hook needs), committed as a tag would be.
  const hooks = tempDir("pre-commit-hooks");
  const inHooks = (...args) => execFileSync("git", args, { cwd: hooks, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  inHooks("init", "-q");
  writeFileSync(join(hooks, ".pre-commit-hooks.yaml"), readFileSync(join(ROOT, ".pre-commit-hooks.yaml")));
  inHooks("add", ".");
  inHooks("commit", "-q", "-m", "hooks");
  const rev = inHooks("rev-parse", "HEAD").trim();
  writeFileSync(
    join(repo, ".pre-commit-config.yaml"),
    [
      "repos:",
      `  - repo: ${hooks}`,
      `    rev: ${rev}`,
      "    hooks:",
      "      - id: batchlint",
      "        files: ^batch/",
      "        args: [--region, eu-west-1]",
      "",
    ].join("\n"),
  );
  writeFileSync(join(repo, "batch", "bad.json"), readFileSync(EXAMPLE));
  git("add", ".");
  const r = spawnSync(PRE_COMMIT, ["run", "--all-files", "--color", "never"], { cwd: repo, env, encoding: "utf8", timeout: 300_000 });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.doesNotMatch(r.stdout, /package\.json/, "package.json is not a job definition and is left alone");
});
