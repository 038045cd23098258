/* @ts-self-types="./monaco.d.ts" */
// @ts-check
// batchlint's findings as Monaco markers: `batchlintMonaco(monaco, model, options)` keeps the
// model's markers (owner "batchlint") up to date as it changes. Monaco is not imported here:
// the caller hands over its module, whose MarkerSeverity and editor.setModelMarkers are used.
import init, { Analyzer } from "./batchlint.js";

const OWNER = "batchlint";
/** Monaco's MarkerSeverity values, for callers that pass no module to toMarkers. */
const SEVERITY = { Hint: 1, Info: 2, Warning: 4, Error: 8 };

/**
 * The report's findings as Monaco marker data: the report's 1-based lines and columns are
 * Monaco's (UTF-16 columns; a line break is CRLF, CR or LF in both). The rule's help follows
 * the message on a second line, shown in the hover.
 * @param {import("./batchlint.js").Report} report
 * @param {{ MarkerSeverity: { Hint: number, Info: number, Warning: number, Error: number } }} [monaco]
 */
export function toMarkers(report, monaco) {
  const severity = monaco?.MarkerSeverity ?? SEVERITY;
  return report.diagnostics.map((d) => ({
    startLineNumber: d.range.start.line,
    startColumn: d.range.start.column,
    endLineNumber: d.range.end.line,
    endColumn: d.range.end.column,
    severity: d.severity === "error" ? severity.Error : d.severity === "warning" ? severity.Warning : severity.Info,
    message: d.help ? `${d.message}\n${d.help}` : d.message,
    code: d.code,
    source: "batchlint",
  }));
}

/**
 * Checks `model` now and after every change, and sets its markers. Returns a disposable that
 * stops it and clears the markers.
 * @template {{ getValue(): string, onDidChangeContent(listener: (e: unknown) => void): { dispose(): void }, isDisposed?(): boolean }} M
 * @param {{ editor: { setModelMarkers(model: M, owner: string, markers: ReturnType<typeof toMarkers>): void }, MarkerSeverity: { Hint: number, Info: number, Warning: number, Error: number } }} monaco
 * @param {M} model
 * @param {import("./batchlint.js").AnalyzeOptions | null} [options]
 */
export function batchlintMonaco(monaco, model, options) {
  // The options are read now: misuse throws here, not at every change.
  const analyzer = new Analyzer(options);
  let disposed = false;
  const check = async () => {
    await init(); // once: later calls return at once
    if (disposed || model.isDisposed?.()) return;
    // The text as it is now: changes made while the module loaded are in this analysis.
    monaco.editor.setModelMarkers(model, OWNER, toMarkers(analyzer.analyze(model.getValue()), monaco));
  };
  const listener = model.onDidChangeContent(() => {
    check().catch(report);
  });
  check().catch(report);
  return {
    dispose() {
      disposed = true;
      listener.dispose();
      if (!model.isDisposed?.()) monaco.editor.setModelMarkers(model, OWNER, []);
    },
  };
}

/** @param {unknown} err */
function report(err) {
  console.error(err);
}
