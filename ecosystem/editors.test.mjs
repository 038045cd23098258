// The editor adapters in Chromium with the real editors: the README's CodeMirror 6 and Monaco
// snippets in one page, bundled with esbuild (the .wasm copied next to the bundle, as the
// README's esbuild recipe says). Each document is opened in both editors; the diagnostics
// (CodeMirror) and markers (Monaco) they show must be the report's, for documents with `é`,
// `日本` and an emoji before the findings, with LF and with CRLF line ends.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { bin, closeBrowser, expected, installedWasm, openPage, project, run, serveStatic, snippet, timed } from "./harness.mjs";
import { page } from "./rows.mjs";

after(closeBrowser);

const LINES = [
  "{",
  '  "jobDefinitionName": "é-日本-🙂", "type": "container",',
  '  "containerProperties": {"image": "日本🙂", "executionRoleArn": "arn:aws:iam::123456789012:role/é", "secrets": [{"name": "é", "valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter/日本"}]},',
  '  "type": "container"',
  "}",
  "",
];
const DOCS = { lf: LINES.join("\n"), crlf: LINES.join("\r\n") };
const OPTIONS = { region: "eu-west-1" };

// The page: each editor gets each document; it reports what the editor holds.
const driver = `import { forEachDiagnostic } from "@codemirror/lint";
import * as monaco from "monaco-editor";
import { createEditor as codemirror } from "./codemirror-snippet.js";
import { createEditor as monacoEditor } from "./monaco-snippet.js";

self.MonacoEnvironment = { getWorker: () => new Worker(URL.createObjectURL(new Blob(["self.onmessage = () => {}"], { type: "text/javascript" }))) };
const docs = ${JSON.stringify(DOCS)};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function until(f) {
  for (let i = 0; i < 300; i++) {
    const v = f();
    if (v) return v;
    await sleep(50);
  }
  throw new Error("the editor showed nothing in 15 s");
}
const results = {};
for (const [name, text] of Object.entries(docs)) {
  const parent = document.createElement("div");
  document.body.append(parent);
  const view = codemirror(parent, text);
  const cm = await until(() => {
    const found = [];
    forEachDiagnostic(view.state, (d, from, to) => {
      const line = view.state.doc.lineAt(from);
      const endLine = view.state.doc.lineAt(to);
      found.push({ from, to, severity: d.severity, message: d.message, source: d.source,
        start: { line: line.number, column: from - line.from + 1 }, end: { line: endLine.number, column: to - endLine.from + 1 } });
    });
    return found.length > 0 && found;
  });
  const element = document.createElement("div");
  element.style.cssText = "width: 800px; height: 300px";
  document.body.append(element);
  const editor = monacoEditor(element, text);
  const model = editor.getModel();
  const markers = await until(() => {
    const m = monaco.editor.getModelMarkers({ owner: "batchlint" });
    return m.length > 0 && m;
  });
  results[name] = {
    codemirror: cm,
    monaco: markers.map((m) => ({
      start: { line: m.startLineNumber, column: m.startColumn, offset: model.getOffsetAt({ lineNumber: m.startLineNumber, column: m.startColumn }) },
      end: { line: m.endLineNumber, column: m.endColumn, offset: model.getOffsetAt({ lineNumber: m.endLineNumber, column: m.endColumn }) },
      severity: m.severity, message: m.message, code: m.code,
    })),
    eol: JSON.stringify(model.getEOL()),
  };
  editor.dispose();
  view.destroy();
}
console.log(JSON.stringify(results));
`;

let results;

test("the page with both editors builds with esbuild and shows their findings", async () => {
  const dir = project("tools", "editors", {
    "codemirror-snippet.js": snippet("codemirror"),
    "monaco-snippet.js": snippet("monaco"),
    "page.js": driver,
    "dist/index.html": page("page.js"),
  });
  timed("editors: esbuild", () => {
    run(bin("tools", "esbuild"), ["page.js", "--bundle", "--format=esm", "--outdir=dist", "--loader:.ttf=file", "--log-level=error"], { cwd: dir });
    run("cp", [installedWasm, "dist/"], { cwd: dir });
  });
  const server = await serveStatic(join(dir, "dist"));
  try {
    const { logs, errors, close } = await timed("editors: page in Chromium", () => openPage(server.url, { timeout: 60_000 }));
    await close();
    assert.deepEqual(errors, []);
    assert.equal(logs.length, 1);
    results = JSON.parse(logs[0][0]);
  } finally {
    server.stop();
  }
});

const SEVERITY = { error: 8, warning: 4, info: 2 };
for (const [name, text] of Object.entries(DOCS)) {
  const report = expected(text, OPTIONS);

  test(`CodeMirror (${name}): each diagnostic is a finding of the report, at its line and column`, () => {
    assert.ok(results, "the page ran");
    // CodeMirror's document joins lines with "\n": its positions are the offsets of that text.
    const lf = expected(text.replaceAll("\r\n", "\n"), OPTIONS);
    const want = report.diagnostics.map((d, i) => ({
      from: lf.diagnostics[i].range.start.offset,
      to: lf.diagnostics[i].range.end.offset,
      severity: d.severity,
      message: d.message,
      source: `batchlint ${d.code}`,
      start: { line: d.range.start.line, column: d.range.start.column },
      end: { line: d.range.end.line, column: d.range.end.column },
    }));
    const byPlace = (a, b) => a.from - b.from || a.to - b.to || a.source.localeCompare(b.source);
    assert.deepEqual([...results[name].codemirror].sort(byPlace), [...want].sort(byPlace));
    if (name === "lf") assert.deepEqual(lf, report);
  });

  test(`Monaco (${name}): each marker is a finding of the report, at its range and offset`, () => {
    assert.ok(results, "the page ran");
    assert.equal(results[name].eol, JSON.stringify(name === "crlf" ? "\r\n" : "\n"));
    const want = report.diagnostics.map((d) => ({
      start: d.range.start,
      end: d.range.end,
      severity: SEVERITY[d.severity],
      message: `${d.message}\n${d.help}`,
      code: d.code,
    }));
    const byPlace = (a, b) => a.start.offset - b.start.offset || a.end.offset - b.end.offset || a.code.localeCompare(b.code);
    assert.deepEqual([...results[name].monaco].sort(byPlace), [...want].sort(byPlace));
  });
}
