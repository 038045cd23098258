/* @ts-self-types="./batchlint.d.ts" */
// @ts-check
// Node (`import`), Bun: the module is compiled synchronously from `batchlint_bg.wasm` next to
// this file at the first check, so `analyze` works right after the import. A bundle that does
// not copy the .wasm along hands it over with `initSync(bytes)`.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { TextDecoder, TextEncoder } from "node:util";
import { createApi, textCodecs, toModule } from "./core.js";

/**
 * Where batchlint_bg.wasm may be, in order: next to the file that holds this code (this module,
 * or an ES module bundle; the URL is written the way webpack recognises an asset, which it
 * emits and rewrites), next to a CommonJS bundle (`__filename`: esbuild's has no
 * `import.meta.url`), and next to this module where it was built from (webpack writes that
 * path into the bundle: Next.js's server build). Worked out at the first check, so that
 * importing never fails.
 * @returns {string[]}
 */
function wasmPaths() {
  /** @type {string[]} */
  const paths = [];
  const attempt = (/** @type {() => string} */ f) => {
    try {
      const path = f();
      if (!paths.includes(path)) paths.push(path);
    } catch {}
  };
  attempt(() => fileURLToPath(new URL("./batchlint_bg.wasm", import.meta.url)));
  if (typeof __filename === "string") attempt(() => join(dirname(__filename), "batchlint_bg.wasm"));
  const source = import.meta.url;
  attempt(() => fileURLToPath(new URL("batchlint_bg.wasm", source)));
  return paths;
}

// Node's own encoder and decoder: Jest's jsdom environment has no TextEncoder global. (Only
// kept for the first use; nothing is loaded or read here.)
// (Node's classes and the DOM's differ in their buffer types only.)
textCodecs(
  /** @type {typeof globalThis.TextEncoder} */ (/** @type {unknown} */ (TextEncoder)),
  /** @type {typeof globalThis.TextDecoder} */ (/** @type {unknown} */ (TextDecoder)),
);

const api = createApi(() => {
  const paths = wasmPaths();
  for (const path of paths) {
    let bytes;
    try {
      bytes = readFileSync(path);
    } catch {
      continue;
    }
    return new WebAssembly.Module(bytes);
  }
  throw new Error(`batchlint: cannot read batchlint_bg.wasm (looked for ${paths.join(", ")}): copy it next to the bundle, or pass its bytes to initSync()`);
}, "batchlint: the module did not load");

export const { analyze, analyzeBytes, mergePolicies, rules, version, Analyzer } = api;

/** Takes the module (its bytes or a compiled `WebAssembly.Module`) instead of reading the file. @param {unknown} input */
export function initSync(input) {
  if (!api.hasModule()) api.setModule(toModule(input));
}

/** `initSync`, for code written for the browser entry; without input it reads the file now. @param {unknown} [input] */
export async function init(input) {
  if (input !== undefined) initSync(await input);
}

export default init;
