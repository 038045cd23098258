// Node, `import`: instantiates synchronously, so `analyze` works right after the import.
import { readFileSync } from "node:fs";
import { initSync } from "./batchlint.js";

initSync({ module: readFileSync(new URL("./batchlint_bg.wasm", import.meta.url)) });

export * from "./batchlint.js";
export { default } from "./batchlint.js";
