// batchlint/codemirror: a CodeMirror 6 lint source. The types are CodeMirror's shapes, written
// here so that the package needs none of CodeMirror's: what batchlintLinter returns is a
// `LintSource` for `linter()` of @codemirror/lint.
import type { AnalyzeOptions, Report } from "./batchlint.js";

/** CodeMirror's severities; batchlint's error, warning and info map to the same names. */
export type CodeMirrorSeverity = "error" | "warning" | "info" | "hint";

/** A @codemirror/lint `Diagnostic` (its `renderMessage` shows the rule's help under the message). */
export interface CodeMirrorDiagnostic {
  /** The report's `range.start.offset`: CodeMirror's position in a document analysed as `doc.toString()`. */
  from: number;
  to: number;
  severity: CodeMirrorSeverity;
  message: string;
  /** `batchlint BL102`: the rule's code. */
  source: string;
}

/** What the lint source reads of CodeMirror's `EditorView`. */
export interface CodeMirrorViewLike {
  readonly state: { readonly doc: { toString(): string; readonly length: number } };
}

/** `linter(batchlintLinter({ region: "eu-west-1" }))`: checks the document on every lint pass, loading batchlint's module at the first. Throws a `TypeError` at once for options of the wrong shape. */
export function batchlintLinter(options?: AnalyzeOptions | null): (view: CodeMirrorViewLike) => Promise<CodeMirrorDiagnostic[]>;

/** The report's findings as CodeMirror diagnostics, their ranges kept inside a document of `length`. */
export function toDiagnostics(report: Report, length?: number): CodeMirrorDiagnostic[];
