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
    const url = source.url;
    source = await source.arrayBuffer();
    checkMagic(new Uint8Array(/** @type {ArrayBuffer} */ (source)), url);
  }
  return WebAssembly.compile(/** @type {BufferSource} */ (source));
}

/**
 * A dev server that does not have the file answers with its index.html: say what happened.
 * @param {Uint8Array} bytes @param {string} url
 */
function checkMagic(bytes, url) {
  if (bytes[0] === 0 && bytes[1] === 0x61 && bytes[2] === 0x73 && bytes[3] === 0x6d) return;
  const start = String.fromCharCode(...bytes.subarray(0, 16)).replace(/[^ -~]/g, "?");
  throw new Error(
    `batchlint: ${url || "the fetched file"} is not batchlint_bg.wasm (it starts with ${JSON.stringify(start)}): the bundler did not put the .wasm next to this module. ` +
      "Vite 7 and older: exclude batchlint from optimizeDeps; other bundlers: copy the .wasm next to the bundle, or pass its URL or bytes to init() (the README has each recipe)",
  );
}
