/* @ts-self-types="./json.d.ts" */
// @ts-check
// The entry for consoles that check only the Batch API's JSON: the default entry's API on a
// .wasm without the CloudFormation and Terraform readers, which stays within 100 KB gzipped
// (README, "Performance and size"). A template or module given to it is one finding, BL107. Call `init()`
// once; it compiles `batchlint_json_bg.wasm` from next to this file, or what you pass it.
import { webEntry } from "./web.js";

const entry = webEntry(() => new URL("batchlint_json_bg.wasm", import.meta.url), "batchlint_json_bg.wasm");

export const { analyze, analyzeBytes, mergePolicies, rules, version, Analyzer, init, initSync } = entry;

export default init;
