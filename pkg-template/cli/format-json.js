// @ts-check
// --format json: the library's report for each input, as it returns it, with its file name.
import { safeJson } from "./terminal.js";

/** @typedef {import("./main.js").Result} Result */

export function renderJson(/** @type {Result[]} */ results, /** @type {string} */ version) {
  return `${safeJson({ version, reports: results.map(({ file, report }) => ({ file, ...report })) })}\n`;
}
