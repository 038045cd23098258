// Cloudflare Workers (workerd): the runtime compiles the .wasm at deploy time and hands over a
// WebAssembly.Module; Workers may not compile wasm from bytes.
import wasm from "./batchlint_bg.wasm";
import { initSync } from "./batchlint.js";

initSync({ module: wasm });

export * from "./batchlint.js";
export { default } from "./batchlint.js";
