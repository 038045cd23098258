// @ts-check
// --format sarif: SARIF 2.1.0 for code scanning, with the rule catalogue, each rule linked to
// its section of docs/rules.md, and files relative to %SRCROOT% (the working directory).
import { isAbsolute, relative, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { safeJson } from "./terminal.js";

/** @typedef {import("sarif").Log} Log */
/** @typedef {import("sarif").ReportingDescriptor} ReportingDescriptor */
/** @typedef {import("sarif").Result} SarifResult */
/** @typedef {import("sarif").ArtifactLocation} ArtifactLocation */
/** @typedef {import("../batchlint.js").RuleMetadata} RuleMetadata */
/** @typedef {import("./main.js").Result} Result */

export const RULES_DOC = "https://github.com/batchlint/batchlint/blob/main/docs/rules.md";

/** @type {Record<string, SarifResult["level"]>} */
const LEVEL = { error: "error", warning: "warning", info: "note" };

/** The anchor GitHub gives a Markdown heading: the heading's text lowercased, less every
 * character that is not a letter, mark, digit, connector punctuation (`_`), hyphen or space,
 * with each space a hyphen. */
export function githubSlug(/** @type {string} */ text) {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "")
    .replace(/ /g, "-");
}

/** A rule's section of docs/rules.md, whose headings are "## BL301 `empty-value-from` (error)"
 * (rendered: "BL301 empty-value-from (error)"). */
export function helpUri(/** @type {RuleMetadata} */ rule) {
  return `${RULES_DOC}#${githubSlug(`${rule.code} ${rule.name} (${rule.severity})`)}`;
}

/**
 * Where a file is for SARIF: relative to %SRCROOT% when it is under the working directory,
 * otherwise an absolute file:// URI.
 * @param {string} file as given on the command line, or found under a directory given there
 * @param {string} cwd
 * @param {string} srcroot the working directory's file:// URI, with a trailing slash
 * @returns {ArtifactLocation}
 */
export function artifactLocation(file, cwd, srcroot) {
  if (file === "<stdin>") return { uri: "stdin" };
  const absolute = resolve(cwd, file);
  const rel = relative(cwd, absolute);
  const inside = rel !== "" && rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
  const uri = pathToFileURL(absolute).href;
  return inside && uri.startsWith(srcroot) ? { uri: uri.slice(srcroot.length), uriBaseId: "%SRCROOT%" } : { uri };
}

/**
 * @param {Result[]} results
 * @param {{ rules: RuleMetadata[], version: string, cwd: string }} context
 */
export function renderSarif(results, { rules, version, cwd }) {
  const srcroot = pathToFileURL(cwd).href.replace(/\/?$/, "/");
  const index = new Map(rules.map((r, i) => [r.code, i]));
  /** @type {ReportingDescriptor[]} */
  const descriptors = rules.map((r) => ({
    id: r.code,
    name: r.name,
    shortDescription: { text: r.summary },
    fullDescription: { text: r.why },
    help: { text: r.help },
    helpUri: helpUri(r),
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: { family: r.family },
  }));
  /** @type {SarifResult[]} */
  const sarifResults = [];
  for (const { file, report } of results) {
    const artifact = artifactLocation(file, cwd, srcroot);
    for (const d of report.diagnostics) {
      const { start, end } = d.range;
      /** @type {SarifResult} */
      const result = {
        ruleId: d.code,
        level: LEVEL[d.severity],
        message: { text: d.help ? `${d.message}\n\n${d.help}` : d.message },
        locations: [
          {
            physicalLocation: {
              // A finding in a file that a Terraform module reads points into that file.
              artifactLocation: d.file != null ? artifactLocation(d.file, cwd, srcroot) : artifact,
              region: { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column },
            },
          },
        ],
        properties: { jsonPointer: d.path },
      };
      const ruleIndex = index.get(d.code);
      if (ruleIndex !== undefined) result.ruleIndex = ruleIndex;
      sarifResults.push(result);
    }
  }
  /** @type {Log} */
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "batchlint",
            version,
            semanticVersion: version,
            informationUri: "https://github.com/batchlint/batchlint",
            rules: descriptors,
          },
        },
        originalUriBaseIds: { "%SRCROOT%": { uri: srcroot } },
        columnKind: "utf16CodeUnits",
        results: sarifResults,
      },
    ],
  };
  return `${safeJson(log)}\n`;
}
