/* @ts-self-types="./batchlint.d.ts" */
// @ts-check
// Cloudflare Workers (workerd): the runtime compiles the .wasm at deploy time and hands over a
// `WebAssembly.Module` (Workers may not compile wasm from bytes). It is instantiated at the
// first check, not at import, so that bundlers may drop this module's import freely.
import wasm from "./batchlint_bg.wasm";
import { createApi } from "./core.js";

export const { analyze, analyzeBytes, mergePolicies, rules, version, Analyzer } = createApi(() => wasm, "batchlint: the module did not load");

/** Nothing to do here: the module comes with the bundle. Kept for code written for the browser entry. */
export async function init() {}
export function initSync() {}
export default init;
