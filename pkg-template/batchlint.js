/* @ts-self-types="./batchlint.d.ts" */
// @ts-check
// The default entry (browsers, bundlers, Deno): call `init()` once; it compiles
// `batchlint_bg.wasm` from next to this file, or what you pass it.
import { createApi, isModule, toModule, unwrap } from "./core.js";

const api = createApi(
  () => undefined,
  "batchlint: call `await init()` (or `initSync(bytes)`) before the first check: this entry loads batchlint_bg.wasm asynchronously",
);

export const { analyze, analyzeBytes, mergePolicies, rules, version, Analyzer } = api;

/**
 * Compiles the module: from `input` (a URL or path string, a `Response` or a promise of one,
 * the bytes, or a compiled `WebAssembly.Module`), or from `batchlint_bg.wasm` next to this
 * file. Calling it again does nothing.
 * @param {unknown} [input]
 */
export async function init(input) {
  if (api.hasModule()) return;
  api.setModule(await compile(unwrap(input) ?? new URL("batchlint_bg.wasm", import.meta.url)));
}

/**
 * Takes the module's bytes or a compiled `WebAssembly.Module` (some browsers refuse to
 * compile a large module synchronously on the main thread: prefer `init` there).
 * @param {unknown} input
 */
export function initSync(input) {
  if (!api.hasModule()) api.setModule(toModule(input));
}

export default init;

/** @param {unknown} source @returns {Promise<WebAssembly.Module>} */
async function compile(source) {
  source = await source;
  if (isModule(source)) return /** @type {WebAssembly.Module} */ (source);
  if (typeof source === "string" || source instanceof URL) source = await fetch(source);
  if (typeof Response === "function" && source instanceof Response) {
    if (!source.ok) throw new Error(`batchlint: fetching the .wasm failed: ${source.status} ${source.statusText} (${source.url})`);
    if (typeof WebAssembly.compileStreaming === "function" && source.headers.get("Content-Type") === "application/wasm") {
      return WebAssembly.compileStreaming(source);
    }
    source = await source.arrayBuffer();
  }
  return WebAssembly.compile(/** @type {BufferSource} */ (source));
}
