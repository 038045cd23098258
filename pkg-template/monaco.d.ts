// batchlint/monaco: Monaco markers from batchlint's reports. The types are Monaco's shapes,
// written here so that the package needs none of Monaco's: pass the "monaco-editor" module and
// a text model.
import type { AnalyzeOptions, Report } from "./batchlint.js";

/** Monaco's `MarkerSeverity` (its values: Hint 1, Info 2, Warning 4, Error 8). */
export interface MarkerSeverityLike {
  readonly Hint: number;
  readonly Info: number;
  readonly Warning: number;
  readonly Error: number;
}

/** A Monaco `IMarkerData`: the report's 1-based lines and UTF-16 columns, which are Monaco's. */
export interface MonacoMarker {
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
  severity: number;
  /** The finding's message, then the rule's help on a second line. */
  message: string;
  /** The rule's code, e.g. `BL102`. */
  code: string;
  source: string;
}

/** What batchlintMonaco uses of an `ITextModel`. */
export interface MonacoModelLike {
  getValue(): string;
  onDidChangeContent(listener: (event: unknown) => void): { dispose(): void };
  isDisposed?(): boolean;
}

/** What batchlintMonaco uses of the "monaco-editor" module. */
export interface MonacoLike<Model> {
  readonly editor: { setModelMarkers(model: Model, owner: string, markers: MonacoMarker[]): void };
  readonly MarkerSeverity: MarkerSeverityLike;
}

/**
 * `batchlintMonaco(monaco, editor.getModel(), { region: "eu-west-1" })`: checks the model now
 * and after every change, and sets its markers (owner `"batchlint"`). `dispose()` stops it and
 * clears them. Throws a `TypeError` at once for options of the wrong shape.
 */
export function batchlintMonaco<Model extends MonacoModelLike>(monaco: MonacoLike<Model>, model: Model, options?: AnalyzeOptions | null): { dispose(): void };

/** The report's findings as marker data for `monaco.editor.setModelMarkers`; severities from `monaco.MarkerSeverity` when given. */
export function toMarkers(report: Report, monaco?: { readonly MarkerSeverity: MarkerSeverityLike }): MonacoMarker[];
