// The batchlint command line: formats, exit codes, --policy-out, stdin, several files, escaping.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { analyze, rules, version } from "batchlint";
import { BROKEN, EXAMPLE, cli, roleJob, tempDir } from "./helpers.mjs";

const dir = mkdtempSync(join(tmpdir(), "batchlint-cli-"));
const broken = join(dir, "broken.json");
writeFileSync(broken, BROKEN);
const OPTS = ["--region", "eu-west-1", "--account", "123456789012"];

test("text: compiler-style findings with the source line, a caret, help and a summary", () => {
  const { status, stdout, stderr } = cli([broken]);
  assert.equal(status, 1);
  assert.equal(stderr, "");
  const d = analyze(BROKEN).diagnostics.find((x) => x.code === "BL102");
  const lines = stdout.split("\n");
  const at = lines.findIndex((l) => l.startsWith(`${broken}:${d.range.start.line}:${d.range.start.column}: error[BL102]: `));
  assert.ok(at >= 0, stdout);
  assert.equal(lines[at + 2], `4 |   "type": "container"`);
  assert.equal(lines[at + 3], `  |   ${"^".repeat('"type"'.length)}`);
  assert.match(lines[at + 4], /^ {2}= help: /);
  const count = (severity) => analyze(BROKEN).diagnostics.filter((x) => x.severity === severity).length;
  const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
  assert.ok(stdout.includes(`\n${plural(count("error"), "error")}, ${plural(count("warning"), "warning")}, ${count("info")} info in 1 file\n`), stdout);
  assert.doesNotMatch(stdout, /\u001b/, "no colour when stdout is not a terminal");
});

test("text: the caret sits under the span on lines with wide and astral characters", () => {
  const text = '{"jobDefinitionName": "x", "type": "container",\n "日本😀é": 1, "type": "container"}';
  const file = join(dir, "wide.json");
  writeFileSync(file, text);
  const { stdout } = cli([file]);
  const lines = stdout.split("\n");
  const header = lines.findIndex((l) => l.startsWith(`${file}:2:14: error[BL102]`));
  assert.ok(header >= 0, stdout);
  assert.ok(lines[header + 2].startsWith("2 | "), stdout);
  const caret = lines[header + 3];
  // 日 and 本 take two columns each, 😀 two (and two UTF-16 units), é one.
  const prefix = ' "日本😀é": 1, ';
  const width = 1 + 1 + 2 + 2 + 2 + 1 + 1 + 1 + 1 + 1 + 1 + 1; // one per character of the prefix
  assert.equal(caret, `  | ${" ".repeat(width)}^^^^^^`, `${prefix}\n${stdout}`);
});

test("exit status 0 without error findings; the policy is printed with its role", () => {
  const { status, stdout } = cli([...OPTS, EXAMPLE]);
  assert.equal(status, 0, stdout);
  const [policy] = analyze(readFileSync(EXAMPLE, "utf8"), { region: "eu-west-1", accountId: "123456789012" }).policies;
  assert.ok(stdout.includes(`Policy for role ${policy.roleArn} (${EXAMPLE}):\n${JSON.stringify(policy.document, null, 2)}\n`), stdout);
});

test("exit status 2 with a one-line message for usage and I/O problems", () => {
  const empty = tempDir("empty");
  for (const args of [["--bogus", EXAMPLE], [join(dir, "missing.json")], [empty], [], ["--format", "xml", EXAMPLE], ["--region"], ["-", "-"]]) {
    const { status, stdout, stderr } = cli(args, { input: "{}" });
    assert.equal(status, 2, `${args.join(" ")}: ${stderr}`);
    assert.equal(stdout, "");
    assert.match(stderr, /^batchlint: [^\n]+\n$/, `${args.join(" ")}: ${stderr}`);
  }
  assert.equal(cli([empty]).stderr, `batchlint: no .json, .yaml, .yml, .template, .tf files in \`${empty}\`\n`);
  assert.equal(cli([join(dir, "missing.json")]).stderr, `batchlint: cannot read \`${join(dir, "missing.json")}\`: no such file or directory\n`);
});

test("--help and --version", () => {
  const help = cli(["--help"]);
  assert.equal(help.status, 0);
  for (const text of [
    "--region",
    "--account",
    "--partition",
    "--kms-key",
    "--form",
    "--format",
    "--policy-out",
    "--policy-dir",
    "a directory",
    "16 MiB",
    "Exit status",
  ]) {
    assert.ok(help.stdout.includes(text), text);
  }
  assert.deepEqual(cli(["-h"]), help);
  assert.deepEqual(cli(["--version"]), { status: 0, stdout: `batchlint ${version()}\n`, stderr: "" });
  assert.deepEqual(cli(["-V"]), cli(["--version"]));
});

test("json: the core's reports, one per file, in order; stdin is `-`", () => {
  const { status, stdout } = cli(["--format", "json", ...OPTS, EXAMPLE, "-", broken], { input: BROKEN });
  assert.equal(status, 1);
  const out = JSON.parse(stdout);
  assert.equal(out.version, version());
  assert.deepEqual(
    out.reports.map((r) => r.file),
    [EXAMPLE, "<stdin>", broken],
  );
  const options = { region: "eu-west-1", accountId: "123456789012" };
  assert.deepEqual(out.reports[0], { file: EXAMPLE, ...analyze(readFileSync(EXAMPLE, "utf8"), options) });
  assert.deepEqual(out.reports[1], { file: "<stdin>", ...analyze(BROKEN, options) });
});

test("options reach the core: --partition and repeated --kms-key", () => {
  const { stdout } = cli(["--format", "json", "--region", "eu-west-1", "--partition", "aws-cn", "--kms-key", "nope", "--kms-key=alias/app", EXAMPLE]);
  const report = JSON.parse(stdout).reports[0];
  const expected = analyze(readFileSync(EXAMPLE, "utf8"), { region: "eu-west-1", partition: "aws-cn", kmsKeys: ["nope", "alias/app"] });
  assert.deepEqual(report.diagnostics, expected.diagnostics);
  assert.ok(
    report.diagnostics.some((d) => d.code === "BL803"),
    "partition disagrees with region",
  );
});

/** The checks GitHub code scanning needs from a SARIF 2.1.0 log. */
function checkSarif(log) {
  assert.equal(log.version, "2.1.0");
  assert.match(log.$schema, /sarif-2\.1\.0/);
  assert.equal(log.runs.length, 1);
  const run = log.runs[0];
  const driver = run.tool.driver;
  assert.equal(driver.name, "batchlint");
  assert.equal(typeof driver.version, "string");
  assert.match(driver.informationUri, /^https:\/\//);
  const ids = driver.rules.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length, "rule ids are unique");
  for (const r of driver.rules) {
    assert.match(r.id, /^BL\d{3}$/);
    for (const key of ["name"]) assert.equal(typeof r[key], "string");
    for (const key of ["shortDescription", "fullDescription", "help"]) assert.equal(typeof r[key].text, "string");
    assert.ok(["error", "warning", "note"].includes(r.defaultConfiguration.level));
  }
  for (const result of run.results) {
    assert.ok(ids.includes(result.ruleId), result.ruleId);
    assert.equal(driver.rules[result.ruleIndex].id, result.ruleId);
    assert.ok(["error", "warning", "note", "none"].includes(result.level));
    assert.equal(typeof result.message.text, "string");
    assert.ok(result.locations.length >= 1);
    for (const { physicalLocation: loc } of result.locations) {
      assert.equal(typeof loc.artifactLocation.uri, "string");
      assert.doesNotMatch(loc.artifactLocation.uri, /[\s\\]/);
      const r = loc.region;
      for (const key of ["startLine", "startColumn", "endLine", "endColumn"]) assert.ok(Number.isInteger(r[key]) && r[key] >= 1, key);
      assert.ok(r.endLine > r.startLine || (r.endLine === r.startLine && r.endColumn >= r.startColumn));
    }
  }
  return run;
}

test("sarif: SARIF 2.1.0 with the rule catalogue and 1-based regions", () => {
  const { status, stdout } = cli(["--format", "sarif", broken, "-"], { input: '{"a": 1,}' });
  assert.equal(status, 1);
  const run = checkSarif(JSON.parse(stdout));
  assert.deepEqual(
    run.tool.driver.rules.map((r) => r.id),
    rules().map((r) => r.code),
  );
  const levels = { error: "error", warning: "warning", info: "note" };
  for (const r of rules()) assert.equal(run.tool.driver.rules.find((x) => x.id === r.code).defaultConfiguration.level, levels[r.severity]);
  const dup = run.results.find((r) => r.ruleId === "BL102");
  assert.deepEqual(dup.locations[0].physicalLocation.region, { startLine: 4, startColumn: 3, endLine: 4, endColumn: 9 });
  assert.ok(run.results.some((r) => r.ruleId === "BL101" && r.locations[0].physicalLocation.artifactLocation.uri === "stdin"));
});

test("--policy-out writes a JSON array of {roleArn, files, document}, also for one role", () => {
  const out = join(dir, "policy.json");
  const { status, stdout } = cli(["--format", "json", ...OPTS, "--policy-out", out, EXAMPLE]);
  assert.equal(status, 0);
  const policies = JSON.parse(stdout).reports.flatMap((r) => r.policies.map((p) => ({ file: r.file, ...p })));
  assert.equal(policies.length, 1, "the example has one execution role");
  const written = JSON.parse(readFileSync(out, "utf8"));
  assert.deepEqual(written, [{ roleArn: policies[0].roleArn, files: [EXAMPLE], document: policies[0].document }]);
  assert.equal(written[0].document.Version, "2012-10-17");
  // The same role in several files is one policy, not one per file.
  const twice = join(dir, "twice.json");
  cli(["--format", "json", ...OPTS, "--policy-out", twice, EXAMPLE, EXAMPLE]);
  assert.deepEqual(JSON.parse(readFileSync(twice, "utf8")), written);
  const bad = cli([...OPTS, "--policy-out", join(dir, "no", "such", "dir.json"), EXAMPLE]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /^batchlint: cannot write `[^`]+dir\.json`: no such file or directory\n$/);
});

test("--policy-out merges a role shared by several files into one policy", () => {
  const sm = (n) => `arn:aws:secretsmanager:eu-west-1:123456789012:secret:${n}-AbCdEf`;
  const a = roleJob(dir, "a", "exec", ["/app/b", "/app/a"]);
  const b = roleJob(dir, "b", "exec", ["/app/c", "/app/a", sm("db")]);
  const c = roleJob(dir, "c", "other", [sm("token")]);
  const kms = ["--kms-key", "1234abcd-12ab-34cd-56ef-1234567890ab"];
  const ssm = (n) => `arn:aws:ssm:eu-west-1:123456789012:parameter/app/${n}`;
  const shared = {
    Version: "2012-10-17",
    Statement: [
      { Sid: "ReadSsmParameters", Effect: "Allow", Action: ["ssm:GetParameters"], Resource: [ssm("a"), ssm("b"), ssm("c")] },
      { Sid: "ReadSecretsManagerSecrets", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: [sm("db")] },
      {
        Sid: "DecryptWithCustomerManagedKeys",
        Effect: "Allow",
        Action: ["kms:Decrypt"],
        Resource: ["arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"],
        Condition: { StringEquals: { "kms:ViaService": ["secretsmanager.eu-west-1.amazonaws.com", "ssm.eu-west-1.amazonaws.com"] } },
      },
    ],
  };
  // One role over all files: one entry, whole (applying per-file parts with put-role-policy
  // would make the last overwrite the others).
  const one = join(dir, "one.json");
  assert.equal(cli([...OPTS, ...kms, "--policy-out", one, a, b]).status, 0);
  assert.deepEqual(JSON.parse(readFileSync(one, "utf8")), [{ roleArn: "arn:aws:iam::123456789012:role/exec", files: [a, b], document: shared }]);
  // Several roles: one entry per role, with the files that use it.
  const many = join(dir, "many.json");
  const run = cli([...OPTS, ...kms, "--policy-out", many, a, c, b]);
  assert.equal(run.status, 0);
  const written = JSON.parse(readFileSync(many, "utf8"));
  assert.deepEqual(
    written.map((p) => [p.roleArn, p.files]),
    [
      ["arn:aws:iam::123456789012:role/exec", [a, b]],
      ["arn:aws:iam::123456789012:role/other", [c]],
    ],
  );
  assert.deepEqual(written[0].document, shared);
  assert.deepEqual(
    written[1].document.Statement.map((s) => [s.Sid, s.Resource]),
    [
      ["ReadSecretsManagerSecrets", [sm("token")]],
      ["DecryptWithCustomerManagedKeys", ["arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"]],
    ],
  );
  // The text report shows the same merged policies, each with its files.
  assert.ok(run.stdout.includes(`Policy for role arn:aws:iam::123456789012:role/exec (${a}, ${b}):\n${JSON.stringify(shared, null, 2)}\n`), run.stdout);
});

test("file names and values with terminal escapes and control characters are printed escaped", () => {
  const file = join(dir, "evil\u001b]0;pwned\u0007\u009b31m.json");
  writeFileSync(file, '{"jobDefinitionName": "x", "type": "container", "type\u202e": 1, "\u001b[2J": "\u001b[2J", "type": "container"}');
  const { status, stdout, stderr } = cli([file]);
  assert.equal(status, 1);
  assert.doesNotMatch(stdout + stderr, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/u, "no raw control characters");
  assert.ok(stdout.includes("evil\\u{001B}]0;pwned\\u{0007}\\u{009B}31m.json:"), stdout);
  const json = cli(["--format", "json", file]).stdout;
  assert.doesNotMatch(json, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/u);
  assert.equal(JSON.parse(json).reports[0].file, file);
  const missing = cli([join(dir, "gone\u001b[31m.json")]);
  assert.equal(missing.status, 2);
  assert.doesNotMatch(missing.stderr, /\u001b/);
});

test("a CloudFormation template: findings at the template's lines and columns, the policy as its Policies entry", () => {
  const template = join(dir, "template.yaml");
  writeFileSync(
    template,
    [
      "Resources:",
      "  ExecRole:",
      "    Type: AWS::IAM::Role",
      "  NightlyJob:",
      "    Type: AWS::Batch::JobDefinition",
      "    Properties:",
      "      Type: container",
      "      ContainerProperties:",
      "        Image: busybox",
      "        ExecutionRoleArn: !GetAtt ExecRole.Arn",
      "        ResourceRequirements: [{Type: VCPU, Value: 1}, {Type: MEMORY, Value: 2048}]",
      "        Secrets:",
      "          - Name: DB_PASSWORD",
      '            ValueFrom: !Sub "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter:/prod/db"',
      "          - Name: TOKEN",
      "            ValueFrom: /prod/token",
      "",
    ].join("\n"),
  );
  const run = cli([template]);
  assert.equal(run.status, 1);
  // The colon of `parameter:` inside the !Sub string, where the template has it.
  assert.match(run.stdout, new RegExp(`^${template.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}:14:98: error\\[BL308\\]`, "m"));
  assert.match(run.stdout, /^Policy for role \$\{ExecRole\.Arn\} \(.*template\.yaml\), as CloudFormation:$/m);
  assert.match(run.stdout, /^# In the `Properties` of Resources\.ExecRole, with its other policies:\nPolicies:\n  - PolicyName: "read-job-secrets"$/m);
  assert.match(run.stdout, /^ {12}- !Sub "arn:\$\{AWS::Partition\}:ssm:\$\{AWS::Region\}:\$\{AWS::AccountId\}:parameter\/prod\/token"$/m);
});

test("a Terraform module: the files it reads are given, findings in them point into them; the policy as aws_iam_role_policy", () => {
  const module = tempDir("module");
  mkdirSync(join(module, "props"));
  writeFileSync(
    join(module, "main.tf"),
    'resource "aws_iam_role" "exec" {\n  name = "nightly-exec"\n}\n\nresource "aws_batch_job_definition" "nightly" {\n  name                 = "nightly"\n  type                 = "container"\n  container_properties = file("${path.module}/props/container.json")\n}\n',
  );
  writeFileSync(
    join(module, "props", "container.json"),
    '{\n  "image": "busybox",\n  "executionRoleArn": "arn:aws:iam::123456789012:role/nightly-exec",\n  "secrets": [{"name": "DB", "valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter//db"}, {"name": "T", "valueFrom": "/prod/token"}]\n}\n',
  );
  const run = cli(["--format", "sarif", join(module, "main.tf")]);
  const results = JSON.parse(run.stdout).runs[0].results;
  const doubleSlash = results.find((r) => r.ruleId === "BL309");
  assert.match(doubleSlash.locations[0].physicalLocation.artifactLocation.uri, /props\/container\.json$/);
  assert.deepEqual(doubleSlash.locations[0].physicalLocation.region, { startLine: 4, startColumn: 88, endLine: 4, endColumn: 90 });
  const text = cli([join(module, "main.tf")]).stdout;
  assert.match(text, /props\/container\.json:4:88: error\[BL309\]/);
  assert.match(
    text,
    /^Policy for role arn:aws:iam::123456789012:role\/nightly-exec \(.*main\.tf\), as Terraform:\nresource "aws_iam_role_policy" "read_job_secrets" \{\n  name = "read-job-secrets"\n  role = aws_iam_role\.exec\.id$/m,
  );
});
