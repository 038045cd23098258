// @ts-check
// The text report: compiler-style findings, each with a window of its source line and a caret
// under its span, then a summary and the policy of each execution role.
import { charWidth, escapeCodePoint, escapeText, isUnsafe, palette, safeJson } from "./terminal.js";

/** @typedef {import("../batchlint.js").Diagnostic} Diagnostic */
/** @typedef {import("./main.js").Result} Result */
/** @typedef {import("./merge.js").MergedPolicy} MergedPolicy */

/** The columns of source shown for a finding, of which up to BEFORE come before its span: a
 * finding costs the same on a minified one-line document as on a short line. */
export const WINDOW = 120;
const BEFORE = 40;
/** Code points looked at on each side, whatever their width (combining marks have none). */
const MAX_SCAN = 4 * WINDOW;
const ELLIPSIS = "…";

/** @typedef {{ text: string, width: number, offset: number }} Piece one code point as shown */

/** A code point as shown: a tab as four spaces, the byte order mark that starts the text as
 * nothing (the library counts it as a column; it is not shown), invisible characters escaped. */
function piece(/** @type {number} */ cp, /** @type {number} */ offset) {
  if (cp === 0x09) return { text: "    ", width: 4, offset };
  if (cp === 0xfeff && offset === 0) return { text: "", width: 0, offset };
  if (isUnsafe(cp)) {
    const text = escapeCodePoint(cp);
    return { text, width: text.length, offset };
  }
  return { text: String.fromCodePoint(cp), width: charWidth(cp), offset };
}

const isLineBreak = (/** @type {number} */ unit) => unit === 0x0a || unit === 0x0d;

/**
 * The pieces from `offset` towards the end of its line (or towards its start, backwards),
 * until they are wider than WINDOW.
 * @returns {{ pieces: Piece[], width: number, whole: boolean }} whole: the line's end was reached
 */
function scan(/** @type {string} */ text, /** @type {number} */ offset, /** @type {1 | -1} */ direction) {
  /** @type {Piece[]} */
  const pieces = [];
  let width = 0;
  let at = offset;
  while (width <= WINDOW && pieces.length < MAX_SCAN) {
    let start = at;
    if (direction === 1) {
      if (at >= text.length || isLineBreak(text.charCodeAt(at))) return { pieces, width, whole: true };
    } else {
      if (at <= 0 || isLineBreak(text.charCodeAt(at - 1))) return { pieces, width, whole: true };
      start = at - 1;
      const unit = text.charCodeAt(start);
      if (unit >= 0xdc00 && unit <= 0xdfff && start > 0 && (text.charCodeAt(start - 1) & 0xfc00) === 0xd800) start--;
    }
    const cp = /** @type {number} */ (text.codePointAt(start));
    const p = piece(cp, start);
    pieces.push(p);
    width += p.width;
    at = direction === 1 ? start + (cp > 0xffff ? 2 : 1) : start;
  }
  return { pieces, width, whole: false };
}

/** Pieces from the front of `pieces` that fit in `budget` columns. */
function fit(/** @type {Piece[]} */ pieces, /** @type {number} */ budget) {
  const taken = [];
  let width = 0;
  for (const p of pieces) {
    if (width + p.width > budget) break;
    taken.push(p);
    width += p.width;
  }
  return { taken, width };
}

/**
 * The shown part of the line at `from` and where the caret goes: the whole line when it fits
 * in WINDOW columns, otherwise a window around the span with `…` where the line is cut.
 * Only the window is looked at, never the rest of the line.
 * @param {string} text
 * @param {number} from UTF-16 offset of the span's start
 * @param {number} to UTF-16 offset of its end
 */
export function sourceWindow(text, from, to) {
  const left = scan(text, from, -1);
  const right = scan(text, from, 1);
  const leftBudget = right.whole ? Math.max(BEFORE, WINDOW - right.width) : BEFORE;
  const cutLeft = !(left.whole && left.width <= leftBudget);
  const before = fit(left.pieces, leftBudget - (cutLeft ? 1 : 0));
  const rightBudget = WINDOW - before.width - (cutLeft ? 1 : 0);
  const cutRight = !(right.whole && right.width <= rightBudget);
  const after = fit(right.pieces, rightBudget - (cutRight ? 1 : 0));
  const shown = [...before.taken.reverse(), ...after.taken].map((p) => p.text).join("");
  const caretWidth = after.taken.filter((p) => p.offset < to).reduce((sum, p) => sum + p.width, 0);
  return {
    line: `${cutLeft ? ELLIPSIS : ""}${shown}${cutRight ? ELLIPSIS : ""}`,
    caretColumn: (cutLeft ? 1 : 0) + before.width,
    caretWidth: Math.max(1, caretWidth),
  };
}

const plural = (/** @type {number} */ n, /** @type {string} */ word) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * @param {Result[]} results
 * @param {MergedPolicy[]} policies
 * @param {{ colour: boolean }} how
 */
export function renderText(results, policies, { colour }) {
  const c = palette(colour);
  const out = [];
  const counts = { error: 0, warning: 0, info: 0 };
  for (const { file, bytes, report, files } of results) {
    /** @type {string | undefined} */
    let text; // decoded only to show source lines, with the byte order mark kept, as the library counts it
    for (const d of report.diagnostics) {
      counts[d.severity] += 1;
      const { start, end } = d.range;
      // A finding in a file that a Terraform module reads is shown in that file.
      const other = d.file != null ? files?.[d.file] : undefined;
      const name = escapeText(d.file ?? file);
      out.push(`${c.bold(`${name}:${start.line}:${start.column}:`)} ${c[d.severity](`${d.severity}[${d.code}]`)}: ${c.bold(escapeText(d.message))}`);
      const gutter = String(start.line);
      const pad = " ".repeat(gutter.length);
      const wholeDocument = d.path === "" && start.offset === 0 && end.offset === 0;
      if (!wholeDocument && (d.file == null || other !== undefined)) {
        text ??= new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
        const source = other ?? text;
        const from = Math.min(start.offset, source.length);
        const w = sourceWindow(source, from, end.line === start.line ? end.offset : Number.POSITIVE_INFINITY);
        out.push(c.blue(`${pad} |`));
        out.push(`${c.blue(`${gutter} |`)} ${w.line}`);
        out.push(`${c.blue(`${pad} |`)} ${" ".repeat(w.caretColumn)}${c[d.severity]("^".repeat(w.caretWidth))}`);
      }
      if (d.help) out.push(`${pad} ${c.blue("=")} ${c.bold("help")}: ${escapeText(d.help)}`);
      out.push("");
    }
  }
  const total = counts.error + counts.warning + counts.info;
  const where = plural(results.length, "file");
  out.push(
    total === 0 ? `no problems found in ${where}` : `${plural(counts.error, "error")}, ${plural(counts.warning, "warning")}, ${counts.info} info in ${where}`,
  );
  for (const policy of policies) {
    out.push("");
    const role = policy.roleArn === null ? "containers without an execution role" : `role ${escapeText(policy.roleArn)}`;
    const inForm = policyInForm(results, policy);
    if (inForm.length === 0) {
      out.push(c.bold(`Policy for ${role} (${policy.files.map(escapeText).join(", ")}):`));
      out.push(safeJson(policy.document));
      continue;
    }
    // A template's or module's policy in its own form, each file's as the library wrote it;
    // the IAM document is in --policy-out and --policy-dir.
    for (const { file, form, text } of inForm) {
      out.push(c.bold(`Policy for ${role} (${escapeText(file)}), as ${FORM_NAMES[form] ?? form}:`));
      out.push(...text.trimEnd().split("\n").map(escapeText));
    }
  }
  return `${out.join("\n")}\n`;
}

/** @type {Record<string, string>} */
const FORM_NAMES = { cloudformation: "CloudFormation", terraform: "Terraform", "terraform-plan": "Terraform" };

/**
 * The policy of each of the role's files in the file's own form, when every one of them has it
 * (templates and modules do; the API's JSON does not).
 * @param {Result[]} results
 * @param {MergedPolicy} policy
 * @returns {{ file: string, form: string, text: string }[]}
 */
function policyInForm(results, policy) {
  const found = [];
  for (const file of policy.files) {
    const report = results.find((r) => r.file === file)?.report;
    const text = report?.policies.find((p) => p.roleArn === policy.roleArn)?.inForm;
    if (!report || typeof text !== "string") return [];
    found.push({ file, form: report.form, text });
  }
  return found;
}
