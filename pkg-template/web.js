// @ts-check
// What the entries that load the module asynchronously share (the default entry, batchlint.js,
// and the JSON-only one, json.js): `init()` compiles their .wasm from next to the entry, or
// what it is given. Each entry names its own file with `new URL("…", import.meta.url)`, which
// bundlers turn into an asset only when it is written in the entry itself.
import { createApi, isModule, toModule, unwrap } from "./core.js";

/**
 * @param {() => URL} defaultSource the entry's own .wasm
 * @param {string} file its name, for messages
 */
export function webEntry(defaultSource, file) {
  const api = createApi(
    () => undefined,
    `batchlint: call \`await init()\` (or \`initSync(bytes)\`) before the first check: this entry loads ${file} asynchronously`,
  );
  return {
    ...api,
    /**
     * Compiles the module: from `input` (a URL or path string, a `Response` or a promise of
     * one, the bytes, or a compiled `WebAssembly.Module`), or from the entry's .wasm next to
     * it. Calling it again does nothing.
     * @param {unknown} [input]
     */
    async init(input) {
      if (api.hasModule()) return;
      api.setModule(await compile(unwrap(input) ?? defaultSource(), file));
    },
    /**
     * Takes the module's bytes or a compiled `WebAssembly.Module` (some browsers refuse to
     * compile a large module synchronously on the main thread: prefer `init` there).
     * @param {unknown} input
     */
    initSync(input) {
      if (!api.hasModule()) api.setModule(toModule(input));
    },
  };
}

/** @param {unknown} source @param {string} file @returns {Promise<WebAssembly.Module>} */
async function compile(source, file) {
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
    checkMagic(new Uint8Array(/** @type {ArrayBuffer} */ (source)), url, file);
  }
  return WebAssembly.compile(/** @type {BufferSource} */ (source));
}

/**
 * A dev server that does not have the file answers with its index.html: say what happened.
 * @param {Uint8Array} bytes @param {string} url @param {string} file
 */
function checkMagic(bytes, url, file) {
  if (bytes[0] === 0 && bytes[1] === 0x61 && bytes[2] === 0x73 && bytes[3] === 0x6d) return;
  const start = String.fromCharCode(...bytes.subarray(0, 16)).replace(/[^ -~]/g, "?");
  throw new Error(
    `batchlint: ${url || "the fetched file"} is not ${file} (it starts with ${JSON.stringify(start)}): the bundler did not put the .wasm next to this module. ` +
      "Vite 7 and older: exclude batchlint from optimizeDeps; other bundlers: copy the .wasm next to the bundle, or pass its URL or bytes to init() (the README has each recipe)",
  );
}
