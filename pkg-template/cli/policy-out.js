// @ts-check
// The merged policies as findings (IAM's size limit) and as files: --policy-out and
// --policy-dir, each file written atomically and never over an input.
import { randomBytes } from "node:crypto";
import { chmodSync, closeSync, fsyncSync, mkdirSync, openSync, renameSync, statSync, unlinkSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { realTarget } from "./files.js";
import { mergePolicies } from "./merge.js";
import { escapeText, reason, safeJson } from "./terminal.js";

/** @typedef {import("./merge.js").MergedPolicy} MergedPolicy */
/** @typedef {import("../batchlint.js").Diagnostic} Diagnostic */
/** @typedef {import("../batchlint.js").Report} Report */

/** IAM's limit for all inline policies of one role, whitespace not counted. */
export const INLINE_POLICY_LIMIT = 10_240;

/**
 * BL808 for each role whose merged policy is over IAM's limit while no single input's
 * policy for it is (the library reports those itself), on the role's first input at its first
 * reference that the policy grants.
 * @param {MergedPolicy[]} merged
 * @param {{ file: string, report: Report }[]} results
 * @param {import("../batchlint.js").AnalyzeOptions} options the options the reports were made with
 * @param {string} help the rule's help text
 * @returns {{ file: string, diagnostic: Diagnostic }[]}
 */
export function oversizedPolicies(merged, results, options, help) {
  const found = [];
  for (const policy of merged) {
    const size = policy.size;
    if (policy.files.length < 2 || size <= INLINE_POLICY_LIMIT) continue;
    // An input whose own policy for the role is over the limit has its BL808 already.
    const own = results.filter((r) => policy.files.includes(r.file)).flatMap((r) => mergePolicies([r], options));
    if (own.some((p) => p.roleArn === policy.roleArn && p.size > INLINE_POLICY_LIMIT)) continue;
    const first = results.find((r) => r.file === policy.files[0]);
    const reference = first?.report.references.find((r) => r.executionRoleArn === policy.roleArn && r.grants.length > 0);
    const role = policy.roleArn ?? "the execution role";
    found.push({
      file: policy.files[0],
      diagnostic: {
        code: "BL808",
        severity: /** @type {const} */ ("warning"),
        message: `the policy for ${role} merged over ${policy.files.length} files has ${size} characters without whitespace; a role's inline policies may have ${INLINE_POLICY_LIMIT}`,
        help,
        path: reference?.path ?? "",
        option: null,
        range: reference?.range ?? { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } },
      },
    });
  }
  return found;
}

/** The policies as `--policy-out` writes them: a JSON array of `{roleArn, files, document}`. */
export function policiesJson(/** @type {MergedPolicy[]} */ merged) {
  return safeJson(merged.map(({ roleArn, files, document }) => ({ roleArn, files, document })));
}

/** The placeholders left in the policies: "Region" for `${Region}`, "Account" for `${Account}`. */
export function placeholdersIn(/** @type {MergedPolicy[]} */ policies) {
  const text = JSON.stringify(policies.map((p) => p.document));
  return ["Region", "Account"].filter((name) => text.includes(`\${${name}}`));
}

/** A file that cannot be written, or must not be: one line, exit status 2. */
export class PolicyError extends Error {}

const quoted = (/** @type {string} */ name) => `\`${escapeText(name)}\``;

/**
 * Writes `text` to `path` atomically: into a new file in the same folder, flushed, then
 * renamed over `path`, so that a reader sees the old content or the new, and a failed write
 * leaves the old file as it was. A symbolic link is followed (the file it names is replaced)
 * and the file keeps its permissions.
 * @param {string} path
 * @param {string} text
 */
export async function writeAtomically(path, text) {
  const target = await realTarget(path);
  /** @type {number | undefined} */
  let mode;
  try {
    const s = statSync(target);
    if (!s.isFile()) throw new PolicyError(`cannot write ${quoted(path)}: not a regular file`);
    mode = s.mode & 0o7777;
  } catch (err) {
    if (err instanceof PolicyError) throw err;
  }
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString("hex")}.tmp`);
  let fd;
  try {
    fd = openSync(temp, "wx", 0o666);
    const bytes = Buffer.from(text);
    for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
    if (mode !== undefined) chmodSync(temp, mode);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, target);
  } catch (err) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      // not created, or already renamed
    }
    throw new PolicyError(`cannot write ${quoted(path)}: ${reason(err)}`);
  }
}

/** The file name for a role's policy: its name, the last part of the ARN. */
function policyFileName(/** @type {string | null} */ roleArn) {
  if (roleArn === null) return "no-execution-role.policy.json";
  const name = roleArn.slice(roleArn.lastIndexOf("/") + 1);
  // IAM role names: letters, digits and +=,.@_- (a valid ARN cannot name a path outside DIR).
  if (!/^[\w+=,.@-]{1,64}$/.test(name) || /^\.\.?$/.test(name)) {
    throw new PolicyError(`cannot name a policy file after role ${quoted(roleArn)}: not an IAM role name; use --policy-out`);
  }
  return `${name}.policy.json`;
}

/**
 * Refuses to write where an input is, by real path.
 * @param {string} path
 * @param {Set<string>} inputs the inputs' real paths
 */
async function refuseInput(path, inputs) {
  if (inputs.has(await realTarget(path))) throw new PolicyError(`refusing to write the policy to ${quoted(path)}: it is one of the inputs`);
}

/**
 * The files that --policy-out and --policy-dir would write, checked before anything is written.
 * @param {{ policyOut: string | null, policyDir: string | null }} args
 * @param {MergedPolicy[]} merged
 * @param {Set<string>} inputs the inputs' real paths
 * @returns {Promise<{ path: string, text: string, policies: MergedPolicy[] }[]>}
 */
export async function plannedFiles({ policyOut, policyDir }, merged, inputs) {
  const planned = [];
  if (policyOut !== null && policyOut !== "-") {
    await refuseInput(policyOut, inputs);
    planned.push({ path: policyOut, text: `${policiesJson(merged)}\n`, policies: merged });
  }
  if (policyDir !== null) {
    /** @type {Map<string, string | null>} */
    const names = new Map();
    for (const policy of merged) {
      const name = policyFileName(policy.roleArn);
      if (names.has(name)) {
        throw new PolicyError(
          `roles ${quoted(String(names.get(name)))} and ${quoted(String(policy.roleArn))} would both be written to ${quoted(name)}; use --policy-out`,
        );
      }
      names.set(name, policy.roleArn);
      const path = join(policyDir, name);
      await refuseInput(path, inputs);
      planned.push({ path, text: `${safeJson(policy.document)}\n`, policies: [policy] });
    }
  }
  return planned;
}

/** Checks the command line's targets that do not depend on the policies: refuses a
 * --policy-out that is an input, before anything is read. */
export async function checkTargets(/** @type {{ policyOut: string | null }} */ { policyOut }, /** @type {Set<string>} */ inputs) {
  if (policyOut !== null && policyOut !== "-") await refuseInput(policyOut, inputs);
}

/**
 * Writes the planned files, creating --policy-dir when it is missing.
 * @param {{ path: string, text: string }[]} planned
 * @param {string | null} policyDir
 */
export async function writePlanned(planned, policyDir) {
  if (policyDir !== null && planned.length > 0) {
    try {
      mkdirSync(policyDir, { recursive: true });
    } catch (err) {
      throw new PolicyError(`cannot write ${quoted(policyDir)}: ${reason(err)}`);
    }
  }
  for (const { path, text } of planned) await writeAtomically(path, text);
}
