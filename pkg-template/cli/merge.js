// @ts-check
// The policies of all inputs merged by execution role, by the library (`mergePolicies`), with
// the inputs named by their files.
import { mergePolicies as mergeReports } from "../node.mjs";

/** @typedef {import("../batchlint.js").PolicyDocument} PolicyDocument */
/** @typedef {import("../batchlint.js").Report} Report */
/** @typedef {import("../batchlint.js").AnalyzeOptions} AnalyzeOptions */
/** @typedef {{ roleArn: string | null, files: string[], document: PolicyDocument, size: number }} MergedPolicy */

/**
 * One policy per execution role over all inputs, with the files that use each: a role shared
 * by several job definitions needs one policy with all their grants (a `put-role-policy` per
 * file would keep only the last file's).
 * @param {{ file: string, report: Report }[]} inputs
 * @param {AnalyzeOptions} options the options the reports were made with
 * @returns {MergedPolicy[]}
 */
export function mergePolicies(inputs, options) {
  return mergeReports(
    inputs.map((i) => i.report),
    options,
  ).map((p) => ({ roleArn: p.roleArn, files: [...new Set(p.inputs.map((i) => inputs[i].file))], document: p.document, size: p.size }));
}
