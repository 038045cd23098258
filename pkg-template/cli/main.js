// @ts-check
// The batchlint command: reads the inputs, runs the library on each, merges the policies by
// execution role, writes them where asked and prints the report. Returns the exit status.
import { realpath } from "node:fs/promises";
import { dirname, join } from "node:path";
import { analyzeBytes, rules, version } from "../node.mjs";
import { help, parseArgs, UsageError } from "./args.js";
import { expandInputs, InputError, moduleFiles, readInput } from "./files.js";
import { renderJson } from "./format-json.js";
import { renderSarif } from "./format-sarif.js";
import { renderText } from "./format-text.js";
import { mergePolicies } from "./merge.js";
import { checkTargets, oversizedPolicies, placeholdersIn, PolicyError, plannedFiles, policiesJson, writePlanned } from "./policy-out.js";
import { colourEnabled, escapeText, WriteError, write } from "./terminal.js";

/** @typedef {import("../batchlint.js").AnalyzeOptions} AnalyzeOptions */
/** @typedef {import("../batchlint.js").Report} Report */
/** One input checked: its name as printed, its bytes, the library's report, and the files a
 * Terraform module was given (by their names as the report's `file` prints them). */
/** @typedef {{ file: string, bytes: Uint8Array, report: Report, files?: Record<string, string> }} Result */

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

/**
 * Checks one input. A `.tf` file is given its path and the files next to it, which the module
 * may read with `file()` and `templatefile()`.
 * @param {import("./files.js").Input} input
 * @param {Uint8Array} bytes
 * @param {AnalyzeOptions} options
 * @returns {Promise<Result>}
 */
async function checkInput(input, bytes, options) {
  if (input.path === null || !input.name.endsWith(".tf")) return { file: input.name, bytes, report: analyzeBytes(bytes, options) };
  const given = await moduleFiles(input.path);
  const report = analyzeBytes(bytes, { ...options, path: input.name, files: given });
  /** @type {Record<string, string>} */
  const files = {};
  const dir = dirname(input.name);
  for (const [name, text] of Object.entries(given)) files[dir === "." ? name : join(dir, name)] = text;
  return { file: input.name, bytes, report, files };
}

const JOB_KEYS = ['"jobDefinitionName"', '"jobDefinitions"', '"containerProperties"', '"nodeProperties"', '"ecsProperties"', '"eksProperties"'];

/**
 * Whether a file a directory walk found is one to report on: a template, module or plan that
 * defines job definitions, or JSON that names a job definition's members. A walk meets
 * `package.json`, CI workflows and other YAML too; only files named on the command line are
 * always reported.
 * @param {string} name
 * @param {Uint8Array} bytes
 * @param {Report} report
 */
function holdsJobDefinitions(name, bytes, report) {
  const text = new TextDecoder().decode(bytes);
  switch (report.form) {
    case "terraform":
      return text.includes("aws_batch_job_definition");
    case "terraform-plan":
      return true;
    case "cloudformation":
      return !report.diagnostics.every((d) => d.code === "BL220");
    default:
      return name.endsWith(".json") && JOB_KEYS.some((key) => text.includes(key));
  }
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
  let unrelated = 0;
  for (const input of inputs) {
    try {
      const bytes = await readInput(input);
      const result = await checkInput(input, bytes, options);
      if (input.walked && !holdsJobDefinitions(input.name, bytes, result.report)) {
        unrelated += 1;
        continue;
      }
      results.push(result);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      complain(err.message);
      failed = true;
    }
  }
  if (results.length === 0) {
    if (unrelated > 0) complain(`none of the ${unrelated} files found holds a job definition, a template or a Terraform module with one`);
    return 2;
  }

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
