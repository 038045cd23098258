// @ts-check
// The batchlint command: reads the inputs, runs the library on each, merges the policies by
// execution role, writes them where asked and prints the report. Returns the exit status.
import { realpath } from "node:fs/promises";
import { analyzeBytes, rules, version } from "../node.mjs";
import { help, parseArgs, UsageError } from "./args.js";
import { expandInputs, InputError, readInput } from "./files.js";
import { renderJson } from "./format-json.js";
import { renderSarif } from "./format-sarif.js";
import { renderText } from "./format-text.js";
import { mergePolicies } from "./merge.js";
import { checkTargets, oversizedPolicies, placeholdersIn, PolicyError, plannedFiles, policiesJson, writePlanned } from "./policy-out.js";
import { colourEnabled, escapeText, WriteError, write } from "./terminal.js";

/** @typedef {import("../batchlint.js").AnalyzeOptions} AnalyzeOptions */
/** @typedef {import("../batchlint.js").Report} Report */
/** One input checked: its name as printed, its bytes and the library's report. */
/** @typedef {{ file: string, bytes: Uint8Array, report: Report }} Result */

/** One line on standard error. Standard error has nowhere to report its own failures. */
function complain(/** @type {string} */ message) {
  process.stderr.write(`batchlint: ${message}\n`);
}

/**
 * Writes the outputs in order; returns `status`, or 2 when a write fails. A reader that went
 * away (`batchlint ... | head -1`) ends the run quietly.
 * @param {[NodeJS.WritableStream, string][]} outputs
 * @param {number} status
 */
async function emit(outputs, status) {
  try {
    for (const [stream, text] of outputs) await write(stream, text, stream === process.stdout ? "standard output" : "standard error");
    return status;
  } catch (err) {
    if (!(err instanceof WriteError)) throw err;
    if (err.code === "EPIPE") return status;
    complain(err.message);
    return 2;
  }
}

/** The library's options, checked by the library before any input is read. */
function libraryOptions(/** @type {import("./args.js").Args} */ args) {
  /** @type {AnalyzeOptions} */
  const options = { ...args.options };
  if (args.form !== "auto") options.form = /** @type {import("../batchlint.js").Form} */ (args.form);
  try {
    analyzeBytes(new Uint8Array(0), options);
  } catch (err) {
    throw new UsageError(escapeText(String(/** @type {Error} */ (err).message)));
  }
  return options;
}

/** Runs the command line `argv`; resolves to the exit status. */
export async function main(/** @type {string[]} */ argv) {
  process.stderr.on("error", () => {});
  try {
    const args = parseArgs(argv);
    if (args.action === "help") return await emit([[process.stdout, `${help(version())}\n`]], 0);
    if (args.action === "version") return await emit([[process.stdout, `batchlint ${version()}\n`]], 0);
    return await check(args, libraryOptions(args));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    complain(`${err.message} (see --help)`);
    return 2;
  }
}

/**
 * @param {import("./args.js").Args} args
 * @param {AnalyzeOptions} options
 */
async function check(args, options) {
  const { inputs, errors } = await expandInputs(args.paths);
  for (const e of errors) complain(e.message);
  let failed = errors.length > 0;
  /** @type {Set<string>} */
  const realInputs = new Set();
  for (const { path } of inputs) if (path !== null) realInputs.add(await realpath(path).catch(() => path));
  try {
    await checkTargets(args, realInputs);
  } catch (err) {
    if (!(err instanceof PolicyError)) throw err;
    throw new UsageError(err.message);
  }

  /** @type {Result[]} */
  const results = [];
  for (const input of inputs) {
    try {
      const bytes = await readInput(input);
      results.push({ file: input.name, bytes, report: analyzeBytes(bytes, options) });
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      complain(err.message);
      failed = true;
    }
  }
  if (results.length === 0) return 2;

  const merged = mergePolicies(results, options);
  const tooLarge = rules().find((r) => r.code === "BL808");
  for (const { file, diagnostic } of oversizedPolicies(merged, results, options, tooLarge?.help ?? "")) {
    const result = /** @type {Result} */ (results.find((r) => r.file === file));
    result.report = { ...result.report, diagnostics: [...result.report.diagnostics, diagnostic] };
  }

  /** @type {string[]} */
  const notes = []; // after the report, where they are seen
  let written = args.policyOut === "-" && merged.length > 0; // whether a policy is written
  if (args.policyOut !== null || args.policyDir !== null) {
    if (merged.length === 0) {
      notes.push(`no policy to write: no secret reference in the inputs needs one${args.policyOut === "-" ? "" : "; no file was written"}`);
    } else {
      try {
        await writePlanned(await plannedFiles(args, merged, realInputs), args.policyDir);
        written = true;
      } catch (err) {
        if (!(err instanceof PolicyError)) throw err;
        notes.push(err.message);
        failed = true;
      }
    }
  }
  const unknown = written ? placeholdersIn(merged) : [];
  if (unknown.length > 0) {
    const names = unknown.map((p) => `\${${p}}`).join(" and ");
    const flags = unknown.map((p) => `--${p.toLowerCase()}`).join(" and ");
    notes.push(
      `the policy written has ${names} placeholders, as the job's ${unknown.join(" and ").toLowerCase()} ${unknown.length > 1 ? "are" : "is"} unknown: give ${flags}`,
    );
  }

  const toStdout = args.policyOut === "-";
  const reportStream = toStdout ? process.stderr : process.stdout;
  const report =
    args.format === "json"
      ? renderJson(results, version())
      : args.format === "sarif"
        ? renderSarif(results, { rules: rules(), version: version(), cwd: process.cwd() })
        : renderText(results, merged, { colour: colourEnabled(reportStream) });
  const errorFound = results.some(({ report }) => report.diagnostics.some((d) => d.severity === "error"));
  const status = failed ? 2 : errorFound || unknown.length > 0 ? 1 : 0;
  /** @type {[NodeJS.WritableStream, string][]} */
  const outputs = [[reportStream, report]];
  if (toStdout) outputs.push([process.stdout, `${policiesJson(merged)}\n`]);
  for (const note of notes) outputs.push([process.stderr, `batchlint: ${note}\n`]);
  return emit(outputs, status);
}
