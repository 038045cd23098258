// The command line as node:util parseArgs reads it (strict): values given to flags, short
// options, repeated options, and --form, which the library does not take yet.
import assert from "node:assert/strict";
import { test } from "node:test";
import { analyzeBytes } from "batchlint";
import { cli, EXAMPLE } from "./helpers.mjs";

test("a flag given a value is a usage error: --version=x, --help=1", () => {
  assert.deepEqual(cli(["--version=x"]), { status: 2, stdout: "", stderr: "batchlint: Option '-V, --version' does not take an argument (see --help)\n" });
  assert.deepEqual(cli(["--help=1"]), { status: 2, stdout: "", stderr: "batchlint: Option '-h, --help' does not take an argument (see --help)\n" });
});

test("unknown options and missing or ambiguous values are one line each, exit 2", () => {
  assert.deepEqual(cli(["--bogus", EXAMPLE]), { status: 2, stdout: "", stderr: "batchlint: Unknown option '--bogus' (see --help)\n" });
  assert.deepEqual(cli(["-x", EXAMPLE]), { status: 2, stdout: "", stderr: "batchlint: Unknown option '-x' (see --help)\n" });
  assert.deepEqual(cli(["--region"]), { status: 2, stdout: "", stderr: "batchlint: Option '--region <value>' argument missing (see --help)\n" });
  assert.deepEqual(cli(["--region", "--account", "1", EXAMPLE]), {
    status: 2,
    stdout: "",
    stderr: "batchlint: Option '--region' argument is ambiguous (see --help)\n",
  });
  assert.deepEqual(cli(["--format", "xml", EXAMPLE]), {
    status: 2,
    stdout: "",
    stderr: "batchlint: unknown format `xml`: use text, json or sarif (see --help)\n",
  });
});

test("-h and -V are --help and --version, also combined; `--` ends the options", () => {
  assert.equal(cli(["-h"]).stdout, cli(["--help"]).stdout);
  assert.equal(cli(["-hV"]).stdout, cli(["--help"]).stdout);
  assert.equal(cli(["-V"]).stdout, cli(["--version"]).stdout);
  const dashed = cli(["--", "-not-an-option.json"]);
  assert.equal(dashed.status, 2);
  assert.equal(dashed.stderr, "batchlint: cannot read `-not-an-option.json`: no such file or directory\n");
});

test("--kms-key repeats, in the order given", () => {
  const { stdout } = cli(["--format", "json", "--region", "eu-west-1", "--account", "123456789012", "--kms-key", "alias/a", "--kms-key=alias/b", EXAMPLE]);
  const kms = JSON.parse(stdout).reports[0].policies[0].document.Statement.find((s) => s.Sid === "DecryptWithAliasedKeys");
  assert.deepEqual(kms.Condition["ForAnyValue:StringEquals"]["kms:ResourceAliases"], ["alias/a", "alias/b"]);
});

test("--form: checked against its values; passed to the library only when not auto", () => {
  assert.deepEqual(cli(["--form", "xml", EXAMPLE]), {
    status: 2,
    stdout: "",
    stderr: "batchlint: unknown form `xml`: use auto, api, cloudformation, terraform, terraform-plan (see --help)\n",
  });
  assert.equal(cli(["--form", "auto", EXAMPLE]).status, cli([EXAMPLE]).status);
  let takesForm = true;
  try {
    analyzeBytes(new Uint8Array(0), { form: "cloudformation" });
  } catch {
    takesForm = false;
  }
  for (const form of ["api", "cloudformation", "terraform", "terraform-plan"]) {
    const run = cli(["--form", form, EXAMPLE]);
    if (takesForm) {
      assert.notEqual(run.status, 2, run.stderr);
    } else {
      // Today's library rejects the option: a clear usage error, not a stack trace.
      assert.deepEqual(run, {
        status: 2,
        stdout: "",
        stderr: `batchlint: --form ${form}: this version of the library reads only the API JSON form and takes no form option; leave --form at auto (see --help)\n`,
      });
    }
  }
});
