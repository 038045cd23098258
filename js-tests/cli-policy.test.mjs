// --policy-out and --policy-dir: never over an input, written atomically, a stable shape,
// nothing written without a policy, placeholders and IAM's size limit for merged policies.
import assert from "node:assert/strict";
import { chmodSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { test } from "node:test";
import { analyze } from "batchlint";
import { cli, EXAMPLE, roleJob, tempDir } from "./helpers.mjs";

const OPTS = ["--region", "eu-west-1", "--account", "123456789012"];
const ENOSPC = fileURLToPath(new URL("faults/enospc.mjs", import.meta.url));
const ssm = (n) => `arn:aws:ssm:eu-west-1:123456789012:parameter/${n}`;
const NO_SECRETS = JSON.stringify({
  jobDefinitionName: "plain",
  type: "container",
  containerProperties: {
    image: "x",
    resourceRequirements: [
      { type: "VCPU", value: "1" },
      { type: "MEMORY", value: "2048" },
    ],
  },
});

/** A folder with jobs a (role exec) and b (role other); returns [dir, a, b]. */
function jobs() {
  const dir = tempDir("policy");
  return [dir, roleJob(dir, "a", "exec", [ssm("a")]), roleJob(dir, "b", "other", [ssm("b")])];
}

test("--policy-out naming one of the inputs is refused before anything is read or written", () => {
  const [dir, a, b] = jobs();
  const before = readFileSync(a, "utf8");
  const link = join(dir, "link.json");
  symlinkSync(a, link);
  const rel = relative(process.cwd(), a);
  // The same file by its name, through `..`, through a symbolic link, and found by a directory walk.
  for (const [out, inputs] of [
    [a, [a, b]],
    [join(dir, "..", relative(join(dir, ".."), dir), "a.json"), [a, b]],
    [link, [a, b]],
    [rel, [dir]],
  ]) {
    const run = cli([...OPTS, "--policy-out", out, ...inputs]);
    assert.deepEqual(run, { status: 2, stdout: "", stderr: `batchlint: refusing to write the policy to \`${out}\`: it is one of the inputs (see --help)\n` });
    assert.equal(readFileSync(a, "utf8"), before);
  }
  assert.deepEqual(readdirSync(dir).sort(), ["a.json", "b.json", "link.json"], "no temporary file left");
});

test("--policy-dir refuses a policy file that is an input (a second run over the same folder)", () => {
  const [dir, a] = jobs();
  assert.equal(cli([...OPTS, "--policy-dir", dir, a]).status, 0);
  const written = readFileSync(join(dir, "exec.policy.json"), "utf8");
  const again = cli([...OPTS, "--policy-dir", dir, dir]);
  assert.equal(again.status, 2);
  assert.ok(again.stderr.includes(`batchlint: refusing to write the policy to \`${join(dir, "exec.policy.json")}\`: it is one of the inputs\n`), again.stderr);
  assert.equal(readFileSync(join(dir, "exec.policy.json"), "utf8"), written);
  assert.deepEqual(readdirSync(dir).sort(), ["a.json", "b.json", "exec.policy.json"], "nothing else written");
});

test("--policy-out is written atomically: a failed write leaves the old file as it was", () => {
  const [dir, a, b] = jobs();
  const out = join(dir, "policy.json");
  writeFileSync(out, "the old policy\n");
  const run = cli([...OPTS, "--policy-out", out, a, b], { node: ["--import", ENOSPC] });
  assert.equal(run.status, 2);
  assert.equal(run.stderr, `batchlint: cannot write \`${out}\`: no space left on device\n`);
  assert.equal(readFileSync(out, "utf8"), "the old policy\n");
  assert.deepEqual(readdirSync(dir).sort(), ["a.json", "b.json", "policy.json"], "the half-written temporary file is removed");
  // The report is still printed.
  assert.match(run.stdout, /^Policy for role arn:aws:iam::123456789012:role\/exec/m);
  // Without the fault the new content replaces the old, with the old file's permissions.
  writeFileSync(out, "old");
  chmodSync(out, 0o600);
  assert.equal(cli([...OPTS, "--policy-out", out, a, b]).status, 0);
  assert.equal(JSON.parse(readFileSync(out, "utf8")).length, 2);
  assert.equal(statSync(out).mode & 0o777, 0o600);
});

test("--policy-out - writes the array to standard output and the findings to standard error", () => {
  const [, a, b] = jobs();
  const one = cli([...OPTS, "--policy-out", "-", a]);
  assert.equal(one.status, 0);
  const [policy] = analyze(readFileSync(a, "utf8"), { region: "eu-west-1", accountId: "123456789012" }).policies;
  assert.equal(one.stdout, `${JSON.stringify([{ roleArn: policy.roleArn, files: [a], document: policy.document }], null, 2)}\n`);
  assert.match(one.stderr, /^0 errors, 0 warnings, 2 info in 1 file$/m);
  // Two roles: the same shape, one entry each.
  const two = JSON.parse(cli([...OPTS, "--policy-out", "-", a, b]).stdout);
  assert.deepEqual(
    two.map((p) => [p.roleArn, p.files]),
    [
      ["arn:aws:iam::123456789012:role/exec", [a]],
      ["arn:aws:iam::123456789012:role/other", [b]],
    ],
  );
  // JSON findings and the policy do not share a stream.
  const json = cli([...OPTS, "--format", "json", "--policy-out", "-", a]);
  assert.equal(JSON.parse(json.stderr).reports[0].file, a);
  assert.deepEqual(JSON.parse(json.stdout), JSON.parse(one.stdout));
});

test("--policy-dir writes one plain policy document per role, named after the role", () => {
  const [dir, a, b] = jobs();
  const none = roleJob(dir, "c", null, [ssm("c")]);
  const out = join(dir, "policies", "nested");
  const run = cli([...OPTS, "--policy-dir", out, a, b, none]);
  assert.equal(run.status, 1, "a secret without an execution role is an error");
  assert.deepEqual(readdirSync(out).sort(), ["exec.policy.json", "no-execution-role.policy.json", "other.policy.json"]);
  const options = { region: "eu-west-1", accountId: "123456789012" };
  assert.deepEqual(JSON.parse(readFileSync(join(out, "exec.policy.json"), "utf8")), analyze(readFileSync(a, "utf8"), options).policies[0].document);
  assert.deepEqual(JSON.parse(readFileSync(join(out, "other.policy.json"), "utf8")), analyze(readFileSync(b, "utf8"), options).policies[0].document);
  assert.equal(JSON.parse(readFileSync(join(out, "no-execution-role.policy.json"), "utf8")).Statement[0].Resource[0], ssm("c"));
});

test("--policy-dir refuses two roles of the same name (other accounts or paths), writing nothing", () => {
  const dir = tempDir("same-name");
  const a = roleJob(dir, "a", "exec", [ssm("a")]);
  const b = join(dir, "b.json");
  writeFileSync(b, readFileSync(a, "utf8").replace("role/exec", "role/team/exec"));
  const out = join(dir, "out");
  const run = cli([...OPTS, "--policy-dir", out, a, b]);
  assert.equal(run.status, 2);
  assert.ok(
    run.stderr.includes(
      "batchlint: roles `arn:aws:iam::123456789012:role/exec` and `arn:aws:iam::123456789012:role/team/exec` would both be written to `exec.policy.json`; use --policy-out\n",
    ),
    run.stderr,
  );
  assert.throws(() => readdirSync(out), { code: "ENOENT" });
});

test("no policy at all: nothing is created or overwritten, a note on standard error", () => {
  const dir = tempDir("none");
  const plain = join(dir, "plain.json");
  writeFileSync(plain, NO_SECRETS);
  const out = join(dir, "policy.json");
  writeFileSync(out, "keep me");
  const run = cli([...OPTS, "--policy-out", out, "--policy-dir", join(dir, "out"), plain]);
  assert.equal(run.status, 0);
  assert.equal(run.stderr, "batchlint: no policy to write: no secret reference in the inputs needs one; no file was written\n");
  assert.equal(readFileSync(out, "utf8"), "keep me");
  assert.deepEqual(readdirSync(dir).sort(), ["plain.json", "policy.json"]);
  // On standard output the shape stays an array.
  const stdout = cli([...OPTS, "--policy-out", "-", plain]);
  assert.equal(stdout.stdout, "[]\n");
  assert.equal(stdout.stderr.split("\n").at(-2), "batchlint: no policy to write: no secret reference in the inputs needs one");
});

test("a written policy with ${Region} or ${Account} placeholders exits 1 and names the options", () => {
  const [dir, a] = jobs();
  // A parameter by name: its ARN needs the job's region; the account comes from the role's ARN.
  const name = join(dir, "by-name.json");
  writeFileSync(name, readFileSync(a, "utf8").replace(ssm("a"), "/app/a"));
  const out = join(dir, "policy.json");
  const region = cli(["--policy-out", out, name]);
  assert.equal(region.status, 1, region.stdout);
  assert.equal(region.stderr, "batchlint: the policy written has ${Region} placeholders, as the job's region is unknown: give --region\n");
  assert.match(readFileSync(out, "utf8"), /"arn:aws:ssm:\$\{Region\}:123456789012:parameter\/app\/a"/);
  assert.equal(cli(["--policy-dir", join(dir, "out"), name]).status, 1);
  assert.equal(cli(["--policy-out", "-", name]).status, 1);
  // Not written, not a failure: the finding (BL807, a warning) says it.
  assert.equal(cli([name]).status, 0);
  assert.equal(cli(["--region", "eu-west-1", "--policy-out", out, name]).status, 0);
  // No role, no account: both placeholders (and the missing role is an error of its own).
  const none = roleJob(dir, "none", null, ["/app/a"]);
  const both = cli(["--policy-out", out, none]);
  assert.equal(both.status, 1);
  assert.equal(
    both.stderr,
    "batchlint: the policy written has ${Region} and ${Account} placeholders, as the job's region and account are unknown: give --region and --account\n",
  );
  const account = cli(["--region", "eu-west-1", "--policy-out", out, none]);
  assert.equal(account.stderr, "batchlint: the policy written has ${Account} placeholders, as the job's account is unknown: give --account\n");
});

test("one missing input among many: the others are checked and their policy written, exit 2", () => {
  const [dir, a, b] = jobs();
  const missing = join(dir, "missing.json");
  const out = join(dir, "policy.json");
  const run = cli([...OPTS, "--policy-out", out, a, missing, b]);
  assert.equal(run.status, 2);
  assert.equal(run.stderr, `batchlint: cannot read \`${missing}\`: no such file or directory\n`);
  assert.match(run.stdout, /^0 errors, 0 warnings, 4 info in 2 files$/m);
  assert.deepEqual(
    JSON.parse(readFileSync(out, "utf8")).map((p) => p.files),
    [[a], [b]],
  );
});

/** The characters IAM counts: the compact JSON without whitespace. */
const size = (document) => JSON.stringify(document).replace(/\s/g, "").length;

test("BL808 for a role whose policy is over IAM's limit only once merged over several files", () => {
  const dir = tempDir("large");
  const names = (prefix) => Array.from({ length: 90 }, (_, i) => ssm(`${prefix}/${"p".repeat(40)}-${i}`));
  const a = roleJob(dir, "a", "exec", names("a"));
  const b = roleJob(dir, "b", "exec", names("b"));
  const options = { region: "eu-west-1", accountId: "123456789012" };
  const own = [a, b].map((f) => analyze(readFileSync(f, "utf8"), options));
  for (const report of own) {
    assert.ok(size(report.policies[0].document) <= 10_240);
    assert.ok(!report.diagnostics.some((d) => d.code === "BL808"));
  }
  const run = cli([...OPTS, "--policy-out", "-", a, b]);
  const [merged] = JSON.parse(run.stdout);
  const total = size(merged.document);
  assert.ok(total > 10_240, String(total));
  const first = own[0].references[0].range.start;
  const message = `the policy for arn:aws:iam::123456789012:role/exec merged over 2 files has ${total} characters without whitespace; a role's inline policies may have 10240`;
  assert.ok(run.stderr.includes(`${a}:${first.line}:${first.column}: warning[BL808]: ${message}\n`), run.stderr);
  assert.match(run.stderr, /^0 errors, 1 warning, \d+ info in 2 files$/m);
  assert.equal(run.status, 0, "a warning");
  // The same finding in the JSON and SARIF reports, on the role's first file.
  const json = JSON.parse(cli([...OPTS, "--format", "json", a, b]).stdout);
  assert.deepEqual(
    json.reports.map((r) => r.diagnostics.filter((d) => d.code === "BL808").map((d) => d.message)),
    [[message], []],
  );
  const sarif = JSON.parse(cli([...OPTS, "--format", "sarif", a, b]).stdout);
  assert.equal(sarif.runs[0].results.filter((r) => r.ruleId === "BL808").length, 1);
  // One file whose own policy is over the limit: the library's finding, not a second one.
  const c = roleJob(dir, "c", "exec", [...names("a"), ...names("b")]);
  const single = JSON.parse(cli([...OPTS, "--format", "json", c, a]).stdout);
  assert.equal(single.reports.flatMap((r) => r.diagnostics).filter((d) => d.code === "BL808").length, 1);
});

test("the example's policy is the same through --policy-out, --policy-dir and the report", () => {
  const dir = tempDir("same");
  const [policy] = analyze(readFileSync(EXAMPLE, "utf8"), { region: "eu-west-1", accountId: "123456789012" }).policies;
  const run = cli([...OPTS, "--policy-out", join(dir, "p.json"), "--policy-dir", dir, EXAMPLE]);
  assert.equal(run.status, 0);
  const role = policy.roleArn.slice(policy.roleArn.lastIndexOf("/") + 1);
  assert.deepEqual(JSON.parse(readFileSync(join(dir, `${role}.policy.json`), "utf8")), policy.document);
  assert.deepEqual(JSON.parse(readFileSync(join(dir, "p.json"), "utf8"))[0].document, policy.document);
});
