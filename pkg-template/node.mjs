/* @ts-self-types="./batchlint.d.ts" */
// @ts-check
// Node (`import`), Bun: the module is compiled synchronously from `batchlint_bg.wasm` next to
// this file at the first check, so `analyze` works right after the import. A bundle that does
// not copy the .wasm along hands it over with `initSync(bytes)`.
import { readFileSync } from "node:fs";
import { createApi, toModule } from "./core.js";

const WASM = new URL("./batchlint_bg.wasm", import.meta.url);

const api = createApi(() => {
  let bytes;
  try {
    bytes = readFileSync(WASM);
  } catch (cause) {
    throw new Error(`batchlint: cannot read ${WASM.pathname}: copy batchlint_bg.wasm next to the bundle, or pass its bytes to initSync()`, {
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
