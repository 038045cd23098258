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
 * batchlint_bg.wasm next to the file that holds this code: this module, or the bundle it was
 * bundled into. Worked out at the first check, so that importing never fails. The URL is
 * written the way webpack recognises an asset (it emits the .wasm and rewrites the URL); a
 * CommonJS bundle made by esbuild has no `import.meta.url`, and looks next to `__filename`.
 */
function wasmPath() {
  try {
    return fileURLToPath(new URL("./batchlint_bg.wasm", import.meta.url));
  } catch {
    return typeof __filename === "string" ? join(dirname(__filename), "batchlint_bg.wasm") : "batchlint_bg.wasm";
  }
}

// Node's own encoder and decoder: Jest's jsdom environment has no TextEncoder global. (Only
// kept for the first use; nothing is loaded or read here.)
textCodecs(TextEncoder, TextDecoder);

const api = createApi(() => {
  const path = wasmPath();
  let bytes;
  try {
    bytes = readFileSync(path);
  } catch (cause) {
    throw new Error(`batchlint: cannot read ${path}: copy batchlint_bg.wasm next to the bundle, or pass its bytes to initSync()`, {
      cause,
    });
  }
  return new WebAssembly.Module(bytes);
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
