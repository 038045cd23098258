// The text report: a window of the source line around each finding (so a minified one-line
// document costs the same per finding as a short line), the caret under the right UTF-16
// columns, the BOM, escaped invisible characters, and colour.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { analyze, analyzeBytes } from "batchlint";
import { CLI, cli, tempDir } from "./helpers.mjs";

const dir = tempDir("render");
const write = (name, text) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};
/** The three lines after the finding's header: gutter, source, caret. */
function snippetOf(stdout, header) {
  const lines = stdout.split("\n");
  const at = lines.findIndex((l) => l.startsWith(header));
  assert.ok(at >= 0, `no line starting ${header} in\n${stdout}`);
  return lines.slice(at + 1, at + 4);
}

test("a long line is shown as a window around the span, `…` where it is cut", () => {
  const x = "x".repeat(300);
  const text = `{"jobDefinitionName":"x","type":"container","parameters":{"a":"${x}","a":"${"y".repeat(300)}"}}`;
  const file = write("long.json", text);
  const d = analyze(text).diagnostics.find((x) => x.code === "BL102");
  const from = d.range.start.offset;
  const [, source, caret] = snippetOf(cli([file]).stdout, `${file}:1:${d.range.start.column}: error[BL102]`);
  // 40 columns before the span (`…` and 39 characters), then the span and what follows: 120
  // columns in all with the `…`s.
  assert.equal(source, `1 | …${text.slice(from - 39, from)}${text.slice(from, from + 79)}…`);
  assert.equal(caret, `  | ${" ".repeat(40)}^^^`);
});

test("near the start or the end of a long line the window fills from the other side", () => {
  const text = `{"a":1,"a":2,"jobDefinitionName":"${"z".repeat(300)}","type":"container","parameters":{"p":"${"q".repeat(200)}","type":"container","type":"x"}}`;
  const file = write("ends.json", text);
  const { stdout } = cli([file]);
  const start = analyze(text).diagnostics.find((d) => d.code === "BL102" && d.path === "/a");
  const [, first, firstCaret] = snippetOf(stdout, `${file}:1:${start.range.start.column}: error[BL102]`);
  assert.equal(first, `1 | ${text.slice(0, 119)}…`);
  assert.equal(firstCaret, `  | ${" ".repeat(start.range.start.offset)}^^^`);
  const last = analyze(text).diagnostics.find((d) => d.code === "BL102" && d.path === "/parameters/type");
  const [, end, endCaret] = snippetOf(stdout, `${file}:1:${last.range.start.column}: error[BL102]`);
  assert.equal(end, `1 | …${text.slice(text.length - 119)}`);
  assert.equal(endCaret, `  | ${" ".repeat(1 + 119 - (text.length - last.range.start.offset))}^^^^^^`);
});

test("wide characters count two columns in the window, a span longer than it is cut", () => {
  const wide = "日".repeat(100);
  const text = `{"jobDefinitionName":"${wide}","type":"container","type":"container","parameters":{"p":"${"q".repeat(200)}"}}`;
  const file = write("wide-long.json", text);
  const d = analyze(text).diagnostics.find((x) => x.code === "BL102");
  const from = d.range.start.offset;
  const [, source, caret] = snippetOf(cli([file]).stdout, `${file}:1:${d.range.start.column}: error[BL102]`);
  // 40 columns before the span: `…`, 9 wide characters (18) and `","type":"container",` (21).
  assert.equal(source, `1 | …${text.slice(from - 30, from)}${text.slice(from, from + 79)}…`);
  assert.equal(caret, `  | ${" ".repeat(40)}^^^^^^`);
  const huge = `{"jobDefinitionName":"j","type":"container","containerProperties":{"image":"x","command":["a"],"command":["${"b".repeat(500)}"]}}`;
  const hugeFile = write("huge-span.json", huge);
  const dup = analyze(huge).diagnostics.find((x) => x.code === "BL102");
  const [, hugeSource, hugeCaret] = snippetOf(cli([hugeFile]).stdout, `${hugeFile}:1:${dup.range.start.column}: error[BL102]`);
  assert.equal(hugeSource.length, 4 + 120);
  assert.ok(hugeSource.endsWith("…"));
  assert.ok(hugeCaret.length <= 4 + 120);
});

test("a 1 MB one-line document with 250 findings renders a window per finding, not the line", () => {
  const value = "v".repeat(4000);
  const keys = Array.from({ length: 251 }, () => `"k":"${value}"`).join(",");
  const text = `{"jobDefinitionName":"j","type":"container","parameters":{${keys}}}`;
  assert.ok(text.length > 1_000_000);
  const file = write("minified.json", text);
  const expected = analyzeBytes(Buffer.from(text)).diagnostics;
  assert.ok(expected.length >= 250, String(expected.length));
  const { status, stdout } = cli([file]);
  assert.equal(status, 1);
  const headers = stdout.split("\n").filter((l) => l.startsWith(`${file}:`));
  assert.equal(headers.length, expected.length);
  // Each finding prints a few short lines: the whole report is far smaller than one copy of
  // the line (the old renderer printed the megabyte line once per finding).
  assert.ok(stdout.length < expected.length * 1000, `${stdout.length} bytes`);
  for (const line of stdout.split("\n").filter((l) => l.startsWith("1 | "))) assert.ok(line.length <= 4 + 120, line.slice(0, 200));
});

test("a BOM file: the printed line:column is the library's, the BOM is not shown", () => {
  const text = '\ufeff{"jobDefinitionName":"x","type":"container","type":"container"}';
  const file = write("bom.json", text);
  const bytes = Buffer.from(text);
  assert.equal(bytes[0], 0xef, "the file starts with the UTF-8 BOM");
  const d = analyzeBytes(bytes).diagnostics.find((x) => x.code === "BL102");
  assert.deepEqual(d.range.start, { line: 1, column: 46, offset: 45 }, "the library counts the BOM");
  const { stdout } = cli([file]);
  const [, source, caret] = snippetOf(stdout, `${file}:1:46: error[BL102]`);
  assert.equal(source, `1 | ${text.slice(1)}`);
  assert.equal(caret, `  | ${" ".repeat(44)}^^^^^^`);
  assert.doesNotMatch(stdout, /\ufeff|FEFF/);
  // The JSON and SARIF reports say the same.
  assert.deepEqual(JSON.parse(cli(["--format", "json", file]).stdout).reports[0].diagnostics, analyzeBytes(bytes).diagnostics);
  const sarif = JSON.parse(cli(["--format", "sarif", file]).stdout).runs[0].results.find((r) => r.ruleId === "BL102");
  assert.equal(sarif.locations[0].physicalLocation.region.startColumn, 46);
});

const INVISIBLE = [
  0x01, 0x08, 0x09, 0x0a, 0x1b, 0x7f, 0x85, 0x9b, 0x61c, 0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x2028, 0x2029, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2060,
  0x2061, 0x2062, 0x2063, 0x2064, 0x2066, 0x2067, 0x2068, 0x2069, 0xfeff,
];
const escaped = (cp) => `\\u{${cp.toString(16).toUpperCase().padStart(4, "0")}}`;
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/u;

test("invisible format characters and controls are escaped in file names, messages, help and source lines", () => {
  // In file names.
  const names = INVISIBLE.filter((cp) => cp !== 0x0a).map((cp) => write(`n${String.fromCodePoint(cp)}.json`, "{}"));
  const run = cli(names);
  assert.doesNotMatch(run.stdout + run.stderr, RAW);
  for (const cp of INVISIBLE.filter((cp) => cp !== 0x0a)) assert.ok(run.stdout.includes(`${dir}/n${escaped(cp)}.json:1:1:`), escaped(cp));
  // In a message, its help and the source line: a key with a zero-width space, and an ARN
  // whose help echoes a name with a right-to-left override.
  const text = `{"jobDefinitionName":"x","type":"container","ty\u200bpe":1,"containerProperties":{"image":"x","executionRoleArn":"arn:aws:iam::123456789012:role/e","resourceRequirements":[{"type":"VCPU","value":"1"},{"type":"MEMORY","value":"2048"}],\n"secrets":[{"name":"S","valueFrom":"arn:aws:ssm:eu-west-1:123456789012:parameter:/a\u202eb"}]}}`;
  const file = write("format-chars.json", text);
  const { stdout } = cli([file]);
  assert.doesNotMatch(stdout, RAW);
  const unknown = analyze(text).diagnostics.find((d) => d.code === "BL201");
  assert.ok(stdout.includes(`error[BL201]: \`ty\\u{200B}pe\` is not a member of \`RegisterJobDefinitionRequest\` (did you mean \`type\`?)\n`), stdout);
  const [, source, caret] = snippetOf(stdout, `${file}:1:${unknown.range.start.column}: error[BL201]`);
  assert.ok(source.includes(`"ty\\u{200B}pe":1`), source);
  // The caret spans the escape as it is shown: `"ty` + 8 columns + `pe"`.
  assert.equal(caret.trimStart().replace(/^\| */, ""), "^".repeat(3 + 8 + 3));
  assert.match(stdout, /= help: Write `arn:aws:ssm:eu-west-1:123456789012:parameter\/a\\u\{202E\}b`/);
  assert.ok(stdout.includes(`"arn:aws:ssm:eu-west-1:123456789012:parameter:/a\\u{202E}b"`), "the source line");
});

/** Runs the CLI on a pseudo-terminal (util-linux `script`) with `env`; returns what it printed. */
function onTerminal(file, env) {
  const r = spawnSync("script", ["-qec", `"${process.execPath}" "${CLI}" "${file}"`, "/dev/null"], {
    encoding: "utf8",
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    timeout: 30_000,
  });
  if (r.error) throw r.error;
  return r.stdout;
}

test("colour: by the terminal's hasColors() (TERM=dumb, NO_COLOR), FORCE_COLOR on pipes", (t) => {
  const file = write("colour.json", '{"jobDefinitionName":"x","type":"container","type":"container"}');
  const ESC = /\u001b\[/;
  assert.doesNotMatch(cli([file]).stdout, ESC, "a pipe: no colour");
  assert.match(cli([file], { env: { FORCE_COLOR: "1" } }).stdout, /\u001b\[1;31merror\[BL102\]\u001b\[0m/);
  assert.doesNotMatch(cli([file], { env: { FORCE_COLOR: "0" } }).stdout, ESC);
  if (spawnSync("script", ["--version"]).error) {
    t.skip("util-linux script is not installed: no pseudo-terminal");
    return;
  }
  assert.match(onTerminal(file, { TERM: "xterm-256color" }), /\u001b\[1;31merror\[BL102\]/);
  assert.doesNotMatch(onTerminal(file, { TERM: "dumb" }), ESC);
  assert.doesNotMatch(onTerminal(file, { TERM: "xterm-256color", NO_COLOR: "1" }), ESC);
});
