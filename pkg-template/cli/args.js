// @ts-check
// The command line: options (node:util parseArgs, strict), their checks, and --help.
import { parseArgs as parse } from "node:util";
import { escapeText } from "./terminal.js";
import { MAX_INPUT_MIB } from "./files.js";

export const FORMATS = ["text", "json", "sarif"];
export const FORMS = ["auto", "api", "cloudformation", "terraform", "terraform-plan"];

/** A mistake in the command line: one line on standard error, exit status 2. */
export class UsageError extends Error {}

export function help(/** @type {string} */ version) {
  return `batchlint ${version}: checks AWS Batch job definitions offline and writes the
least-privilege IAM policy for their execution role.

Usage: batchlint [OPTIONS] PATH... | -

Arguments:
  PATH...                a file of job definitions: RegisterJobDefinition JSON or the output
                         of \`aws batch describe-job-definitions\`, a CloudFormation template
                         (JSON or YAML; SAM; CDK's cdk.out), a Terraform .tf file (with the
                         files next to it that it reads) or \`terraform show -json\` output;
                         or a directory, whose .json, .yaml, .yml, .template and .tf files
                         that hold job definitions are checked in sorted order, recursively
                         (not in node_modules, .terraform, .git or cdk.out/asset.*); \`-\`
                         reads standard input. An input may have at most ${MAX_INPUT_MIB} MiB.

Options:
  --region REGION        the region the job runs in, e.g. eu-west-1
  --account ID           the 12-digit account the job runs in
  --partition P          aws, aws-cn, aws-us-gov, ... (derived from --region when omitted)
  --kms-key KEY          a customer-managed KMS key that encrypts the secrets (key ARN,
                         key ID, alias/NAME or alias ARN); repeat for several keys
  --form FORM            the form of the inputs: auto (the default: told from each file's
                         content), api, cloudformation, terraform or terraform-plan
  --format FORMAT        text (default), json or sarif (SARIF 2.1.0, for code scanning)
  --policy-out FILE      write the policies, merged by execution role over all inputs, as a
                         JSON array of {"roleArn", "files", "document"}; \`-\` is standard
                         output (the findings then go to standard error)
  --policy-dir DIR       write one IAM policy document per execution role into DIR, named
                         after the role: ROLE.policy.json (no-execution-role.policy.json)
  -h, --help             print this help
  -V, --version          print the version

Exit status: 0 when no finding is an error, 1 when one is or when a written policy has
\${Region} or \${Account} placeholders, 2 for usage or I/O problems (the other inputs are
still checked). Colour is used when the output is a terminal that has it; NO_COLOR,
FORCE_COLOR and TERM=dumb are honoured.`;
}

/** @type {import("node:util").ParseArgsConfig["options"]} */
const OPTIONS = {
  region: { type: "string" },
  account: { type: "string" },
  "account-id": { type: "string" }, // the option's name in the library
  partition: { type: "string" },
  "kms-key": { type: "string", multiple: true },
  form: { type: "string", default: "auto" },
  format: { type: "string", default: "text" },
  "policy-out": { type: "string" },
  "policy-dir": { type: "string" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "V" },
};

/**
 * @typedef {object} Args
 * @property {"help" | "version" | null} action
 * @property {import("../batchlint.js").AnalyzeOptions} options what goes to the library
 * @property {string} form
 * @property {"text" | "json" | "sarif"} format
 * @property {string | null} policyOut
 * @property {string | null} policyDir
 * @property {string[]} paths
 */

/** The parsed command line; throws a UsageError. */
export function parseArgs(/** @type {string[]} */ argv) {
  /** @type {{ values: Record<string, string | string[] | boolean | undefined>, positionals: string[] }} */
  let parsed;
  try {
    parsed = parse({ args: argv, options: OPTIONS, strict: true, allowPositionals: true });
  } catch (err) {
    // Node's messages run over several lines; the first says what is wrong.
    const message = String(/** @type {Error} */ (err).message)
      .split("\n")[0]
      .replace(/\. To specify .*$|\.$/, "");
    throw new UsageError(escapeText(message));
  }
  const { values, positionals } = parsed;
  const text = (/** @type {string} */ name) => /** @type {string | undefined} */ (values[name]);
  const format = /** @type {string} */ (values.format);
  if (!FORMATS.includes(format)) throw new UsageError(`unknown format \`${escapeText(format)}\`: use text, json or sarif`);
  const form = /** @type {string} */ (values.form);
  if (!FORMS.includes(form)) throw new UsageError(`unknown form \`${escapeText(form)}\`: use ${FORMS.join(", ")}`);
  /** @type {import("../batchlint.js").AnalyzeOptions} */
  const options = {};
  const region = text("region");
  const account = text("account") ?? text("account-id");
  const partition = text("partition");
  const kmsKeys = /** @type {string[] | undefined} */ (values["kms-key"]);
  if (region !== undefined) options.region = region;
  if (account !== undefined) options.accountId = account;
  if (partition !== undefined) options.partition = partition;
  if (kmsKeys) options.kmsKeys = kmsKeys;
  const action = values.help ? "help" : values.version ? "version" : null;
  if (action === null && positionals.length === 0) throw new UsageError("no input: give one or more files or directories, or - for standard input");
  if (positionals.filter((p) => p === "-").length > 1) throw new UsageError("standard input (-) can be read only once");
  const policyOut = text("policy-out") ?? null;
  const policyDir = text("policy-dir") ?? null;
  if (policyOut === "") throw new UsageError("--policy-out needs a file name, or - for standard output");
  if (policyDir === "") throw new UsageError("--policy-dir needs a directory");
  return /** @type {Args} */ ({ action, options, form, format, policyOut, policyDir, paths: positionals });
}
