// Injected by scripts/build-pkg.sh when esbuild bundles pkg/node.mjs into CommonJS
// (batchlint.cjs): `import.meta.url` is replaced by this module's file URL.
import { pathToFileURL } from "node:url";

export const import_meta_url = pathToFileURL(__filename).href;
