// What the CLI reads and how it writes: directories walked, devices refused, the 16 MiB limit
// (files, pipes, standard input), and write errors (EPIPE quiet, ENOSPC one line, exit 2).
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { closeSync, mkdirSync, openSync, rmSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { CLI, cli, cliWith, EXAMPLE, tempDir } from "./helpers.mjs";

const MiB = 1024 * 1024;
const files = (stdout) => JSON.parse(stdout).reports.map((r) => r.file);

test("a directory is walked in sorted order: job definition extensions, skipped folders, links followed once", () => {
  const dir = tempDir("walk");
  const put = (path) => {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), jobIn(path));
  };
  for (const p of ["b.json", "a.yaml", "c.yml", "d.template", "e.tf", "notes.txt", "job.json.bak", "Z.json"]) put(p);
  for (const p of ["node_modules/x.json", ".terraform/x.json", ".git/x.json", "cdk.out/asset.1234/x.json", "cdk.out/stack.template.json"]) put(p);
  for (const p of ["sub/deeper/y.json", "sub/x.json", "assets/asset.1/kept.json"]) put(p);
  symlinkSync("..", join(dir, "sub", "loop")); // a symbolic-link loop
  symlinkSync(join(dir, "sub"), join(dir, "sub-link")); // the same folder again
  const run = cli(["--format", "json", dir]);
  assert.equal(run.stderr, "");
  assert.deepEqual(
    files(run.stdout),
    [
      "Z.json",
      "a.yaml",
      "assets/asset.1/kept.json",
      "b.json",
      "c.yml",
      "cdk.out/stack.template.json",
      "d.template",
      "e.tf",
      "sub/deeper/y.json",
      "sub/x.json",
    ].map((p) => join(dir, p)),
  );
  // A file named on the command line is read whatever its extension.
  assert.deepEqual(files(cli(["--format", "json", join(dir, "notes.txt")]).stdout), [join(dir, "notes.txt")]);
});

/** A file that holds a job definition in the form its name says. */
function jobIn(path) {
  if (path.endsWith(".tf")) return 'resource "aws_batch_job_definition" "x" {\n  name = "x"\n  type = "container"\n}\n';
  if (/\.(yaml|yml|template)$/.test(path)) return "Resources:\n  Job:\n    Type: AWS::Batch::JobDefinition\n    Properties:\n      Type: container\n";
  return '{"jobDefinitionName": "x", "type": "container"}';
}

test("a walk checks only the files that hold job definitions; files named on the command line always", () => {
  const dir = tempDir("walk-unrelated");
  writeFileSync(join(dir, "package.json"), '{"name": "app", "version": "1.0.0"}');
  writeFileSync(join(dir, "ci.yml"), "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n");
  writeFileSync(join(dir, "network.yaml"), "Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n");
  writeFileSync(join(dir, "s3.tf"), 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n');
  writeFileSync(join(dir, "job.json"), jobIn("job.json"));
  const run = cli(["--format", "json", dir]);
  assert.equal(run.stderr, "");
  assert.deepEqual(files(run.stdout), [join(dir, "job.json")]);
  // Named, each is checked and reported.
  assert.deepEqual(files(cli(["--format", "json", join(dir, "ci.yml")]).stdout), [join(dir, "ci.yml")]);
  // A walk that finds nothing to check says so.
  rmSync(join(dir, "job.json"));
  const none = cli([dir]);
  assert.equal(none.status, 2);
  assert.equal(none.stderr, "batchlint: none of the 4 files found holds a job definition, a template or a Terraform module with one\n");
});

test("a broken link found by a walk is reported; the other files are checked", () => {
  const dir = tempDir("broken-link");
  writeFileSync(join(dir, "a.json"), jobIn("a.json"));
  symlinkSync(join(dir, "gone.json"), join(dir, "b.json"));
  const run = cli(["--format", "json", dir]);
  assert.equal(run.status, 2);
  assert.equal(run.stderr, `batchlint: cannot read \`${join(dir, "b.json")}\`: no such file or directory\n`);
  assert.deepEqual(files(run.stdout), [join(dir, "a.json")]);
});

test("character devices are refused at once: /dev/zero is not read", () => {
  for (const device of ["/dev/zero", "/dev/null"]) {
    assert.deepEqual(cli([device, EXAMPLE]).stderr, `batchlint: cannot read \`${device}\`: not a file, a directory or a pipe\n`);
  }
  const run = cli(["--format", "json", "/dev/zero", EXAMPLE]);
  assert.equal(run.status, 2);
  assert.deepEqual(files(run.stdout), [EXAMPLE]);
});

test("an input over 16 MiB is refused with a message for that file; 16 MiB exactly is read", () => {
  const dir = tempDir("large");
  const exact = join(dir, "exact.json");
  const prefix = '{"jobDefinitionName":"j","type":"container","parameters":{"p":"';
  const suffix = '"}}';
  writeFileSync(exact, prefix + "x".repeat(16 * MiB - prefix.length - suffix.length) + suffix);
  const over = join(dir, "over.json");
  writeFileSync(over, "{}");
  truncateSync(over, 16 * MiB + 1);
  const run = cli(["--format", "json", over, exact]);
  assert.equal(run.status, 2);
  assert.equal(run.stderr, `batchlint: cannot read \`${over}\`: larger than 16 MiB, the limit for one input; not checked\n`);
  const [report] = JSON.parse(run.stdout).reports;
  assert.equal(report.file, exact);
  assert.ok(
    report.diagnostics.some((d) => d.code === "BL210"),
    "read and checked: larger than a job definition may be",
  );
});

test("standard input stops at the limit: `batchlint - < /dev/zero` ends", async () => {
  const zero = openSync("/dev/zero", "r");
  try {
    const run = await cliWith(["-"], [zero, "ignore", "pipe"]);
    assert.equal(run.status, 2);
    assert.equal(run.stderr, "batchlint: cannot read `<stdin>`: larger than 16 MiB, the limit for one input; not checked\n");
  } finally {
    closeSync(zero);
  }
});

test("a named pipe is read like a file, with the same limit", async () => {
  const dir = tempDir("fifo");
  const fifo = join(dir, "job.json");
  assert.equal(spawnSync("mkfifo", [fifo]).status, 0);
  const writer = spawn("sh", ["-c", 'cat "$1" > "$2"', "sh", EXAMPLE, fifo], { stdio: "ignore" });
  const run = await cliWith(["--format", "json", fifo], ["ignore", "pipe", "pipe"]);
  await new Promise((resolve) => (writer.exitCode === null ? writer.on("close", resolve) : resolve()));
  assert.equal(run.stderr, "");
  assert.deepEqual(files(run.stdout), [fifo]);
  assert.equal(run.status, 0);
  const endless = spawn("sh", ["-c", 'cat /dev/zero > "$1"', "sh", fifo], { stdio: "ignore" });
  const refused = await cliWith([fifo], ["ignore", "ignore", "pipe"]);
  endless.kill();
  assert.equal(refused.status, 2);
  assert.equal(refused.stderr, `batchlint: cannot read \`${fifo}\`: larger than 16 MiB, the limit for one input; not checked\n`);
});

/** A file with enough findings for a report larger than a pipe's buffer. */
function manyFindings() {
  const dir = tempDir("many");
  const file = join(dir, "many.json");
  writeFileSync(file, `{"jobDefinitionName":"j","type":"container",${Array.from({ length: 3000 }, () => '"type":"container"').join(",\n")}}`);
  return file;
}

test("a reader that goes away (`batchlint ... | head -1`): a quiet end, no stack trace", () => {
  const file = manyFindings();
  const r = spawnSync("bash", ["-c", '"$0" "$1" "$2" | head -1; echo "status ${PIPESTATUS[0]}" >&2', process.execPath, CLI, file], {
    encoding: "utf8",
    cwd: tempDir("epipe"),
  });
  assert.equal(r.stdout.split("\n").length, 2, "one line through head");
  assert.equal(r.stderr, "status 1\n", "errors were found: exit 1, and nothing on standard error");
});

test("EPIPE on standard output ends the run with its own status, nothing on standard error", async () => {
  const run = await cliWith([manyFindings()], ["ignore", "pipe", "pipe"], {
    onStdout: (stdout) => stdout.once("data", () => stdout.destroy()),
  });
  assert.equal(run.stderr, "");
  assert.equal(run.status, 1);
});

test("a full disk on standard output (ENOSPC): one line, exit 2", async () => {
  const full = openSync("/dev/full", "w");
  try {
    const run = await cliWith([EXAMPLE], ["ignore", full, "pipe"]);
    assert.equal(run.stderr, "batchlint: cannot write standard output: no space left on device\n");
    assert.equal(run.status, 2);
    const help = await cliWith(["--help"], ["ignore", full, "pipe"]);
    assert.deepEqual([help.status, help.stderr], [2, "batchlint: cannot write standard output: no space left on device\n"]);
  } finally {
    closeSync(full);
  }
});

test("--policy-out refuses what is not a regular file (a device is never replaced)", () => {
  const run = cli(["--region", "eu-west-1", "--account", "123456789012", "--policy-out", "/dev/full", EXAMPLE]);
  assert.equal(run.status, 2);
  assert.equal(run.stderr, "batchlint: cannot write `/dev/full`: not a regular file\n");
  const dir = tempDir("target-dir");
  const intoDir = cli(["--region", "eu-west-1", "--account", "123456789012", "--policy-out", dir, EXAMPLE]);
  assert.equal(intoDir.stderr, `batchlint: cannot write \`${dir}\`: not a regular file\n`);
});
