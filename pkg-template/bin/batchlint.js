#!/usr/bin/env node
// The batchlint command line: runs the WebAssembly module through the package's Node entry.
import { readFileSync, writeFileSync } from "node:fs";
import { isAbsolute, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { analyze, analyzeBytes, rules, version } from "../node.mjs";

const HELP = `batchlint ${version()}: checks AWS Batch job definitions offline and writes the
least-privilege IAM policy for their execution role.

Usage: batchlint [OPTIONS] FILE... | -

Arguments:
  FILE...                a job definition (RegisterJobDefinition JSON, or the output of
                         \`aws batch describe-job-definitions\`); \`-\` reads standard input.
                         A directory is an error: give the JSON files.

Options:
  --region REGION        the region the job runs in, e.g. eu-west-1
  --account ID           the 12-digit account the job runs in
  --partition P          aws, aws-cn, aws-us-gov, ... (derived from --region when omitted)
  --kms-key KEY          a customer-managed KMS key that encrypts the secrets (key ARN,
                         key ID, alias/NAME or alias ARN); repeat for several keys
  --format FORMAT        text (default), json or sarif (SARIF 2.1.0, for code scanning)
  --policy-out FILE      write the generated policy as JSON, merged by execution role over
                         all files: the policy document itself when there is one role,
                         otherwise an array of {"roleArn", "files", "document"}
  -h, --help             print this help
  -V, --version          print the version

Exit status: 0 when no finding is an error, 1 when one is, 2 for usage or I/O problems.
Colour is used when standard output is a terminal and NO_COLOR is not set.`;

class UsageError extends Error {}

function parseArgs(argv) {
  const options = { kmsKeys: [] };
  const files = [];
  let format = "text";
  let policyOut = null;
  let action = null;
  const valueOf = (flag, inline, i) => {
    if (inline !== undefined) return [inline, i];
    if (i + 1 >= argv.length) throw new UsageError(`${flag} needs a value`);
    return [argv[i + 1], i + 1];
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") {
      files.push(...argv.slice(i + 1));
      break;
    }
    if (arg === "-" || !arg.startsWith("-")) {
      files.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const flag = arg.startsWith("--") && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith("--") && eq > 0 ? arg.slice(eq + 1) : undefined;
    let value;
    switch (flag) {
      case "-h":
      case "--help":
        action = action ?? "help";
        break;
      case "-V":
      case "--version":
        action = action ?? "version";
        break;
      case "--region":
        [options.region, i] = valueOf(flag, inline, i);
        break;
      case "--account":
      case "--account-id":
        [options.accountId, i] = valueOf(flag, inline, i);
        break;
      case "--partition":
        [options.partition, i] = valueOf(flag, inline, i);
        break;
      case "--kms-key":
        [value, i] = valueOf(flag, inline, i);
        options.kmsKeys.push(value);
        break;
      case "--format":
        [format, i] = valueOf(flag, inline, i);
        if (!["text", "json", "sarif"].includes(format)) {
          throw new UsageError(`unknown format \`${escapeText(format)}\`: use text, json or sarif`);
        }
        break;
      case "--policy-out":
        [policyOut, i] = valueOf(flag, inline, i);
        break;
      default:
        throw new UsageError(`unknown option \`${escapeText(flag)}\``);
    }
  }
  if (action === null && files.length === 0) throw new UsageError("no input: give one or more FILEs, or - for standard input");
  if (files.filter((f) => f === "-").length > 1) throw new UsageError("standard input (-) can be read only once");
  return { options, files, format, policyOut, action };
}

// --- safe printing -------------------------------------------------------------------------

// C0 and C1 controls, DEL, and the bidirectional controls that reorder text on screen.
const UNSAFE_CHARS = "\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069";
const UNSAFE = new RegExp(`[${UNSAFE_CHARS}]`, "gu");
const IS_UNSAFE = new RegExp(`^[${UNSAFE_CHARS}]$`, "u");

function escapeChar(ch) {
  const cp = ch.codePointAt(0);
  if (ch === "\t") return "\\t";
  if (ch === "\n") return "\\n";
  if (ch === "\r") return "\\r";
  return cp < 0x100 ? `\\x${cp.toString(16).padStart(2, "0")}` : `\\u{${cp.toString(16)}}`;
}

/** Text with every control character escaped, safe to print on a terminal. */
function escapeText(text) {
  return String(text).replace(UNSAFE, escapeChar);
}

/** JSON text with the controls JSON.stringify leaves as they are (DEL, C1, bidi) escaped too. */
function safeJson(value) {
  return JSON.stringify(value, null, 2).replace(
    /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069]/gu,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** Terminal columns taken by one code point (wide East Asian and emoji take two). */
function charWidth(cp) {
  if (cp >= 0x300 && cp <= 0x36f) return 0;
  if (cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f)) return 0;
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

/** A source line made printable, with the screen column where each UTF-16 index starts. */
function renderLine(line) {
  let out = "";
  const columns = new Array(line.length + 1).fill(0);
  let width = 0;
  let i = 0;
  for (const ch of line) {
    let shown;
    let w;
    if (ch === "\t") {
      shown = "    ";
      w = 4;
    } else if (IS_UNSAFE.test(ch)) {
      shown = escapeChar(ch);
      w = shown.length;
    } else {
      shown = ch;
      w = charWidth(ch.codePointAt(0));
    }
    for (let k = 0; k < ch.length; k++) columns[i + k] = width;
    i += ch.length;
    width += w;
    out += shown;
  }
  columns[line.length] = width;
  return { text: out, columns };
}

// --- text format ---------------------------------------------------------------------------

function palette(enabled) {
  const wrap = (code) => (s) => (enabled ? `\u001b[${code}m${s}\u001b[0m` : s);
  return {
    error: wrap("1;31"),
    warning: wrap("1;33"),
    info: wrap("1;36"),
    bold: wrap("1"),
    blue: wrap("1;34"),
  };
}

function splitLines(text) {
  return text.split(/\r\n|\r|\n/);
}

function renderText(results, colour) {
  const c = palette(colour);
  const out = [];
  const counts = { error: 0, warning: 0, info: 0 };
  for (const { file, text, report } of results) {
    const name = escapeText(file);
    const lines = splitLines(text);
    for (const d of report.diagnostics) {
      counts[d.severity] = (counts[d.severity] ?? 0) + 1;
      const { start, end } = d.range;
      out.push(`${c.bold(`${name}:${start.line}:${start.column}:`)} ${c[d.severity](`${d.severity}[${d.code}]`)}: ${c.bold(escapeText(d.message))}`);
      const wholeDocument = d.path === "" && start.offset === 0 && end.offset === 0;
      const line = lines[start.line - 1];
      if (!wholeDocument && line !== undefined) {
        const gutter = String(start.line);
        const pad = " ".repeat(gutter.length);
        const shown = renderLine(line);
        const from = Math.min(start.column - 1, line.length);
        const to = end.line === start.line ? Math.min(Math.max(end.column - 1, from), line.length) : line.length;
        const startCol = shown.columns[from];
        const width = Math.max(1, shown.columns[to] - startCol);
        out.push(`${c.blue(`${pad} |`)}`);
        out.push(`${c.blue(`${gutter} |`)} ${shown.text}`);
        out.push(`${c.blue(`${pad} |`)} ${" ".repeat(startCol)}${c[d.severity]("^".repeat(width))}`);
      }
      if (d.help) out.push(`${" ".repeat(Math.max(String(start.line).length, 1))} ${c.blue("=")} ${c.bold("help")}: ${escapeText(d.help)}`);
      out.push("");
    }
  }
  const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const total = counts.error + counts.warning + counts.info;
  const where = plural(results.length, "file");
  out.push(
    total === 0
      ? `no problems found in ${where}`
      : `${plural(counts.error, "error")}, ${plural(counts.warning, "warning")}, ${counts.info} info in ${where}`,
  );
  for (const { file, report } of results) {
    for (const policy of report.policies) {
      out.push("");
      const role = policy.roleArn === null ? "containers without an execution role" : `role ${escapeText(policy.roleArn)}`;
      out.push(c.bold(`Policy for ${role} (${escapeText(file)}):`));
      out.push(safeJson(policy.document));
    }
  }
  return out.join("\n") + "\n";
}

// --- json and sarif --------------------------------------------------------------------------

function renderJson(results) {
  return safeJson({ version: version(), reports: results.map(({ file, report }) => ({ file, ...report })) }) + "\n";
}

const SARIF_LEVEL = { error: "error", warning: "warning", info: "note" };

function artifactUri(file) {
  if (file === "<stdin>") return "stdin";
  if (isAbsolute(file)) return pathToFileURL(file).href;
  return file.split(sep).join("/").split("/").map(encodeURIComponent).join("/");
}

function renderSarif(results) {
  const all = rules();
  const index = new Map(all.map((r, i) => [r.code, i]));
  const sarifRules = all.map((r) => ({
    id: r.code,
    name: r.name,
    shortDescription: { text: r.summary },
    fullDescription: { text: r.why },
    help: { text: r.help },
    defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
    properties: { family: r.family },
  }));
  const sarifResults = [];
  for (const { file, report } of results) {
    for (const d of report.diagnostics) {
      const result = {
        ruleId: d.code,
        level: SARIF_LEVEL[d.severity],
        message: { text: d.help ? `${d.message}\n\n${d.help}` : d.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: artifactUri(file) },
              region: {
                startLine: d.range.start.line,
                startColumn: d.range.start.column,
                endLine: d.range.end.line,
                endColumn: d.range.end.column,
              },
            },
          },
        ],
        properties: { jsonPointer: d.path },
      };
      if (index.has(d.code)) result.ruleIndex = index.get(d.code);
      sarifResults.push(result);
    }
  }
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "batchlint",
            version: version(),
            semanticVersion: version(),
            informationUri: "https://github.com/batchlint/batchlint",
            rules: sarifRules,
          },
        },
        columnKind: "utf16CodeUnits",
        results: sarifResults,
      },
    ],
  };
  return safeJson(sarif) + "\n";
}

// --- main ----------------------------------------------------------------------------------

function readInput(file) {
  const name = file === "-" ? "<stdin>" : file;
  let bytes;
  try {
    bytes = readFileSync(file === "-" ? 0 : file);
  } catch (err) {
    const why =
      err.code === "ENOENT" ? "no such file" : err.code === "EISDIR" ? "is a directory (give the JSON files)" : err.code === "EACCES" ? "permission denied" : err.message;
    throw new UsageError(`cannot read \`${escapeText(name)}\`: ${why}`);
  }
  return { name, bytes };
}

function check({ name, bytes }, options) {
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return { file: name, text, report: analyze(text, options) };
  } catch (err) {
    if (!(err instanceof TypeError)) throw err;
    // Not UTF-8: the core reports it (BL105), with positions in the valid prefix.
    const text = new TextDecoder("utf-8").decode(bytes);
    return { file: name, text, report: analyzeBytes(bytes, options) };
  }
}

// The core's statement order; a Sid it does not know yet goes last.
const SID_ORDER = ["ReadSsmParameters", "ReadSecretsManagerSecrets", "DecryptWithCustomerManagedKeys", "DecryptWithAliasedKeys"];

const sortedUnion = (a = [], b = []) => [...new Set([...a, ...b])].sort();

/** Two statements with the same Sid as one: `Action` and `Resource` lists unioned, and the
 * `Condition` values unioned per operator and key (all sorted, without repeats). */
function mergeStatement(into, s) {
  const merged = { ...into, Action: sortedUnion(into.Action, s.Action), Resource: sortedUnion(into.Resource, s.Resource) };
  if (into.Condition || s.Condition) {
    const condition = {};
    for (const c of [into.Condition, s.Condition]) {
      for (const [operator, keys] of Object.entries(c ?? {})) {
        const out = (condition[operator] ??= {});
        for (const [key, values] of Object.entries(keys)) out[key] = sortedUnion(out[key], Array.isArray(values) ? values : [values]);
      }
    }
    merged.Condition = condition;
  }
  return merged;
}

/** The policies of all files merged by execution role, in the order the roles first
 * appear: a role used by several files needs one policy with all their grants (one
 * `put-role-policy` per file would leave only the last file's). */
function mergePolicies(results) {
  const roles = new Map();
  for (const { file, report } of results) {
    for (const policy of report.policies) {
      const key = policy.roleArn ?? null;
      if (!roles.has(key)) roles.set(key, { roleArn: key, files: [], version: policy.document.Version, statements: new Map() });
      const role = roles.get(key);
      if (!role.files.includes(file)) role.files.push(file);
      for (const s of policy.document.Statement) {
        const have = role.statements.get(s.Sid);
        role.statements.set(s.Sid, have ? mergeStatement(have, s) : mergeStatement({ ...s, Action: [], Resource: [] }, s));
      }
    }
  }
  const rank = (sid) => (SID_ORDER.includes(sid) ? SID_ORDER.indexOf(sid) : SID_ORDER.length);
  return [...roles.values()].map(({ roleArn, files, version, statements }) => ({
    roleArn,
    files,
    document: { Version: version, Statement: [...statements.values()].sort((a, b) => rank(a.Sid) - rank(b.Sid)) },
  }));
}

function main(argv) {
  let args;
  try {
    args = parseArgs(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`batchlint: ${err.message} (see --help)\n`);
      return 2;
    }
    throw err;
  }
  if (args.action === "help") {
    process.stdout.write(HELP + "\n");
    return 0;
  }
  if (args.action === "version") {
    process.stdout.write(`batchlint ${version()}\n`);
    return 0;
  }
  const options = { ...args.options };
  if (options.kmsKeys.length === 0) delete options.kmsKeys;
  let results;
  try {
    const inputs = args.files.map(readInput);
    results = inputs.map((input) => check(input, options));
  } catch (err) {
    process.stderr.write(`batchlint: ${escapeText(err.message)}\n`);
    return 2;
  }
  if (args.policyOut !== null) {
    const policies = mergePolicies(results);
    const content = policies.length === 1 ? policies[0].document : policies;
    try {
      writeFileSync(args.policyOut, JSON.stringify(content, null, 2) + "\n");
    } catch (err) {
      process.stderr.write(`batchlint: cannot write \`${escapeText(args.policyOut)}\`: ${escapeText(err.message)}\n`);
      return 2;
    }
  }
  const colour = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
  const output = args.format === "json" ? renderJson(results) : args.format === "sarif" ? renderSarif(results) : renderText(results, colour);
  process.stdout.write(output);
  return results.some(({ report }) => report.diagnostics.some((d) => d.severity === "error")) ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
