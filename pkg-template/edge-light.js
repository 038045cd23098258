/* @ts-self-types="./batchlint.d.ts" */
// @ts-check
// Vercel Edge (`edge-light`): `?module` gives a precompiled `WebAssembly.Module`, which is
// instantiated at the first check, not at import (edge runtimes may not compile wasm from
// bytes, and bundlers may drop an import whose only effect is a set-up call).
import wasm from "./batchlint_bg.wasm?module";
import { createApi } from "./core.js";

export const { analyze, analyzeBytes, mergePolicies, rules, version, Analyzer } = createApi(() => wasm, "batchlint: the module did not load");

/** Nothing to do here: the module comes with the bundle. Kept for code written for the browser entry. */
export async function init() {}
export function initSync() {}
export default init;
