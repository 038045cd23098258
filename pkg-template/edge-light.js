// Vercel Edge (`edge-light`): `?module` gives a precompiled WebAssembly.Module.
import wasm from "./batchlint_bg.wasm?module";
import { initSync } from "./batchlint.js";

initSync({ module: wasm });

export * from "./batchlint.js";
export { default } from "./batchlint.js";
