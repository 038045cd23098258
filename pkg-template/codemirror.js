/* @ts-self-types="./codemirror.d.ts" */
// @ts-check
// batchlint as a CodeMirror 6 lint source: `linter(batchlintLinter(options))` with `linter`
// from @codemirror/lint. Nothing of CodeMirror is imported here: a lint source is a function
// of the view, and the diagnostics are plain objects.
import init, { Analyzer } from "./batchlint.js";

/** @type {Record<string, "error" | "warning" | "info">} */
const SEVERITY = { error: "error", warning: "warning", info: "info" };

/**
 * The report's findings as CodeMirror diagnostics. `from` and `to` are the report's UTF-16
 * offsets, which are CodeMirror's positions when the text analysed is `doc.toString()`
 * (CodeMirror counts every line break, CRLF too, as one character and joins lines with "\n").
 * @param {import("./batchlint.js").Report} report
 * @param {number} [length] the document's length: ranges are kept inside it
 */
export function toDiagnostics(report, length = Number.POSITIVE_INFINITY) {
  return report.diagnostics.map((d) => {
    const from = Math.min(d.range.start.offset, length);
    return {
      from,
      to: Math.max(from, Math.min(d.range.end.offset, length)),
      severity: SEVERITY[d.severity] ?? "info",
      message: d.message,
      source: `batchlint ${d.code}`,
      /** The message with the rule's help under it, as a hint (CodeMirror shows it in the tooltip and the panel). */
      renderMessage: () => render(d),
    };
  });
}

/** @param {import("./batchlint.js").Diagnostic} d */
function render(d) {
  const box = document.createElement("div");
  box.className = "cm-batchlint";
  const message = document.createElement("div");
  message.textContent = d.message;
  box.append(message);
  if (d.help) {
    const help = document.createElement("div");
    help.className = "cm-batchlint-help";
    help.style.opacity = "0.75";
    help.textContent = d.help;
    box.append(help);
  }
  return box;
}

/**
 * A lint source for `linter()` of @codemirror/lint: checks the document with `options` on
 * every lint pass (loading batchlint's module at the first one, with `init()`).
 * @param {import("./batchlint.js").AnalyzeOptions | null} [options]
 */
export function batchlintLinter(options) {
  // The options are read now: misuse throws here, not in every lint pass.
  const analyzer = new Analyzer(options);
  /** @param {{ state: { doc: { toString(): string, length: number } } }} view */
  return async (view) => {
    await init(); // once: later calls return at once
    const doc = view.state.doc;
    return toDiagnostics(analyzer.analyze(doc.toString()), doc.length);
  };
}
