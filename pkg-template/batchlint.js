/* @ts-self-types="./batchlint.d.ts" */
// @ts-check
// The default entry (browsers, bundlers, Deno): call `init()` once; it compiles
// `batchlint_bg.wasm` (every form: the Batch API's JSON, CloudFormation, Terraform) from next
// to this file, or what you pass it.
import { webEntry } from "./web.js";

const entry = webEntry(() => new URL("batchlint_bg.wasm", import.meta.url), "batchlint_bg.wasm");

export const { analyze, analyzeBytes, mergePolicies, rules, version, Analyzer, init, initSync } = entry;

export default init;
