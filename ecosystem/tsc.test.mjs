// TypeScript: the README's TypeScript snippet type-checked by `tsc` (strict, `lib` es2022 only,
// no @types: neither DOM nor Node types) under each `module` setting, in an ES module and a
// CommonJS package where the setting tells them apart, then the emitted JavaScript run by Node.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { bin, project, run, snippet, snippetCodes, timed } from "./harness.mjs";

const tsc = bin("tools", "tsc");

// With neither DOM nor Node types, `console` is declared by hand.
const CONSOLE = "declare const console: { log(...data: unknown[]): void };\n";

const rows = [
  { name: "node16-esm", module: "node16", type: "module" },
  { name: "node16-cjs", module: "node16", type: "commonjs" },
  { name: "nodenext-esm", module: "nodenext", type: "module" },
  { name: "nodenext-cjs", module: "nodenext", type: "commonjs" },
  { name: "bundler-esnext", module: "esnext", moduleResolution: "bundler", type: "module" },
  { name: "bundler-preserve", module: "preserve", moduleResolution: "bundler", type: "module" },
  { name: "commonjs", module: "commonjs", type: "commonjs" },
];

for (const row of rows) {
  test(`tsc --module ${row.module}${row.moduleResolution ? ` --moduleResolution ${row.moduleResolution}` : ""} (${row.type}): type-checks and runs`, () => {
    let code = snippet("typescript");
    // CommonJS has no top-level await; the Node entry needs no init().
    if (row.type === "commonjs") code = code.replace(/^await init\(\);.*\n/m, "").replace("import init, { analyze", "import { analyze");
    const tsconfig = {
      compilerOptions: {
        module: row.module,
        ...(row.moduleResolution ? { moduleResolution: row.moduleResolution } : {}),
        target: "es2022",
        lib: ["es2022"],
        types: [],
        strict: true,
        esModuleInterop: true,
        skipLibCheck: false,
        outDir: "out",
      },
      files: ["index.ts", "console.d.ts"],
    };
    const dir = project(
      "tools",
      `tsc-${row.name}`,
      { "index.ts": code, "console.d.ts": CONSOLE, "tsconfig.json": JSON.stringify(tsconfig, null, 2) },
      { type: row.type },
    );
    timed(`tsc ${row.name}: tsc`, () => run(tsc, ["-p", "."], { cwd: dir }));
    // `preserve` leaves the imports for a bundler; Node runs them as they are.
    const out = timed(`tsc ${row.name}: node`, () => run(process.execPath, [join("out", "index.js")], { cwd: dir }));
    assert.equal(out, `${JSON.stringify(snippetCodes())}\n`);
  });
}

test("tsc: the editor adapters' types fit the real editors' (CodeMirror 6, monaco-editor)", () => {
  const code = `import { linter } from "@codemirror/lint";
import { EditorView } from "@codemirror/view";
import * as monaco from "monaco-editor";
import { batchlintLinter, toDiagnostics } from "batchlint/codemirror";
import { batchlintMonaco, toMarkers } from "batchlint/monaco";
import { analyze } from "batchlint";

const view = new EditorView({ doc: "{}", extensions: [linter(batchlintLinter({ region: "eu-west-1" }))] });
const editor = monaco.editor.create(document.body, { value: "{}", language: "json" });
const model = editor.getModel();
if (model) {
  const watch = batchlintMonaco(monaco, model, { region: "eu-west-1" });
  monaco.editor.setModelMarkers(model, "mine", toMarkers(analyze("{}"), monaco));
  watch.dispose();
}
const diagnostics = toDiagnostics(analyze(view.state.doc.toString()));
console.log(diagnostics.length);
`;
  const tsconfig = {
    compilerOptions: {
      module: "esnext",
      moduleResolution: "bundler",
      target: "es2022",
      lib: ["es2022", "dom"],
      types: [],
      strict: true,
      noEmit: true,
      skipLibCheck: true,
    },
    files: ["editors.ts"],
  };
  const dir = project("tools", "tsc-editors", { "editors.ts": code, "tsconfig.json": JSON.stringify(tsconfig, null, 2) });
  timed("tsc editors: tsc", () => run(tsc, ["-p", "."], { cwd: dir }));
});
