// @ts-check
// The JavaScript side of batchlint's WebAssembly module (src/wasm.rs): every entry of the
// package (node, browser, workerd, edge-light, CommonJS) is this file with a way to get the
// compiled module.
//
// What it guarantees (RELIABILITY.md):
// - Options and input are read and checked here, before the module is entered, so no JS code
//   (a getter, a Proxy trap) can run or throw while Rust frames are live.
// - An input over 16 MiB is not copied: the module reports it (BL106) from its length alone.
// - When a call traps (out of memory, a stack overflow, a bug), the instance is dropped and one
//   clear Error is thrown; the next call starts a fresh instance from the same module. An
//   instance whose memory grew past 64 MiB is dropped after the call too, so that one large
//   input does not pin that memory for the life of the process.

import { RULES, VERSION } from "./rules.js";

/**
 * The module's exports (src/wasm.rs).
 * @typedef {{
 *   memory: WebAssembly.Memory,
 *   batchlint_alloc: (len: number) => number,
 *   batchlint_analyze: (ptr: number, len: number, capacity: number, optionsPtr: number, optionsLen: number, flags: number) => number,
 *   batchlint_merge: (ptr: number, len: number, optionsPtr: number, optionsLen: number) => number,
 *   batchlint_release: () => void,
 *   batchlint_version: () => number,
 * }} Exports
 */

/** Inputs over this many bytes are reported (BL106), not read (`MAX_INPUT_BYTES` in Rust). */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;
/** An instance whose memory grew past this is dropped after the call. */
const RETAINED_MEMORY_LIMIT = 64 * 1024 * 1024;
const FLAG_FINDINGS_ONLY = 1;
const ENCODING_VERSION = 2;
const NULL = 0xffffffff;
const OPTION_TAGS = { region: 1, accountId: 2, partition: 3, form: 5, path: 6 };
const FILE_TAG = 7;
const FORMS = ["api", "cloudformation", "terraform", "terraform-plan"];
const KMS_KEY_TAG = 4;
const OPTION_NAMES = ["region", "accountId", "partition", "kmsKeys", "form", "report", "path", "files"];
const SEVERITIES = ["error", "warning", "info"];
const SOURCES = ["secrets", "secretOptions", "repositoryCredentials"];
const KINDS = ["ssmParameterName", "ssmParameterArn", "ssmSecretsManagerReference", "secretsManagerArn", "secretsManagerName", "invalid"];
const HELP = new Map(RULES.map((r) => [r.code, r.help]));

/** @type {{ encoder: TextEncoder, decoder: TextDecoder } | undefined} */
let codecs;

/**
 * The UTF-8 encoder and decoder, made at the first use: from the classes given here first
 * (node.mjs gives Node's own, for realms without the globals, such as Jest's jsdom
 * environment), else from the globals.
 * @param {typeof TextEncoder} [Encoder]
 * @param {typeof TextDecoder} [Decoder]
 */
export function textCodecs(Encoder, Decoder) {
  if (!codecs && Encoder && Decoder) codecs = { encoder: new Encoder(), decoder: new Decoder("utf-8", { ignoreBOM: true, fatal: false }) };
  if (!codecs) {
    if (typeof TextEncoder !== "function" || typeof TextDecoder !== "function") {
      throw new Error("batchlint: this realm has no TextEncoder and TextDecoder; the Node entry brings its own");
    }
    codecs = { encoder: new TextEncoder(), decoder: new TextDecoder("utf-8", { ignoreBOM: true, fatal: false }) };
  }
  return codecs;
}

/** A value for an error message: its type, or a short string itself, never a long value. */
/** @param {unknown} value @returns {string} */
function describe(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return value.length <= 40 ? JSON.stringify(value) : `a string of ${value.length} characters`;
  if (typeof value === "object") {
    const tag = Object.prototype.toString.call(value).slice(8, -1);
    if (tag !== "Object") return `a ${tag}`;
    if (isPlainObject(value)) return "an object";
    const name = Object.getPrototypeOf(value)?.constructor?.name;
    return typeof name === "string" && name ? `an instance of ${name}` : "an object with a prototype";
  }
  return `a ${typeof value}`;
}

/** @param {unknown} value @returns {value is Record<string, unknown>} */
function isPlainObject(value) {
  if (value === null || typeof value !== "object") return false;
  const proto = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype || Object.getPrototypeOf(proto) === null;
}

/** @param {string} message */
function invalid(message) {
  return new TypeError(`invalid options: ${message}`);
}

/**
 * Reads the options object once, into plain values: every getter runs here, not in the module.
 * @param {unknown} options
 * @returns {{ bytes: Uint8Array, findingsOnly: boolean }}
 */
export function readOptions(options) {
  if (options === undefined || options === null) return { bytes: new Uint8Array(0), findingsOnly: false };
  if (!isPlainObject(options)) {
    throw invalid(`expected a plain object with ${OPTION_NAMES.map((n) => `\`${n}\``).join(", ")}, not ${describe(options)}`);
  }
  const o = /** @type {Record<string, unknown>} */ (options);
  const records = [];
  let findingsOnly = false;
  for (const key of Object.keys(o)) {
    if (!OPTION_NAMES.includes(key)) {
      throw invalid(`unknown option ${describe(key)}; the options are ${OPTION_NAMES.map((n) => `\`${n}\``).join(", ")}`);
    }
    const value = o[key];
    if (value === undefined || value === null) continue;
    if (key === "form") {
      if (typeof value !== "string" || !FORMS.includes(value))
        throw invalid(`\`form\` must be one of ${FORMS.map((f) => `"${f}"`).join(", ")}, not ${describe(value)}`);
      records.push([OPTION_TAGS.form, value]);
    } else if (key === "report") {
      if (value !== "full" && value !== "findings") throw invalid(`\`report\` must be "full" or "findings", not ${describe(value)}`);
      findingsOnly = value === "findings";
    } else if (key === "files") {
      // The files a Terraform module reads with file() and templatefile(): path → text.
      if (!isPlainObject(value)) throw invalid(`\`files\` must be a plain object of paths to texts, not ${describe(value)}`);
      for (const path of Object.keys(value)) {
        const text = /** @type {Record<string, unknown>} */ (value)[path];
        if (typeof text !== "string") throw invalid(`\`files[${describe(path)}]\` must be a string, not ${describe(text)}`);
        if (path.includes("\0")) throw invalid("a path in `files` cannot hold a NUL character");
        records.push([FILE_TAG, `${path}\0${text}`]);
      }
    } else if (key === "kmsKeys") {
      if (!Array.isArray(value)) throw invalid(`\`kmsKeys\` must be an array of strings, not ${describe(value)}`);
      const keys = Array.from(value);
      for (let i = 0; i < keys.length; i++) {
        if (typeof keys[i] !== "string") throw invalid(`\`kmsKeys[${i}]\` must be a string, not ${describe(keys[i])}`);
        records.push([KMS_KEY_TAG, keys[i]]);
      }
    } else {
      if (typeof value !== "string") throw invalid(`\`${key}\` must be a string, not ${describe(value)}`);
      records.push([OPTION_TAGS[/** @type {keyof typeof OPTION_TAGS} */ (key)], value]);
    }
  }
  const encoded = records.map(([tag, text]) => [tag, textCodecs().encoder.encode(text)]);
  const bytes = new Uint8Array(encoded.reduce((n, [, b]) => n + 5 + b.length, 0));
  const view = new DataView(bytes.buffer);
  let at = 0;
  for (const [tag, b] of encoded) {
    bytes[at] = tag;
    view.setUint32(at + 1, b.length, true);
    bytes.set(b, at + 5);
    at += 5 + b.length;
  }
  return { bytes, findingsOnly };
}

/** The input as text: a string, or a plain object serialised as `JSON.stringify(x, null, 2)`. */
/** @param {unknown} input @returns {string} */
function inputText(input) {
  if (typeof input === "string") return input;
  if (isPlainObject(input)) {
    const text = JSON.stringify(input, null, 2);
    if (typeof text !== "string") throw new TypeError("the input object cannot be serialised as JSON");
    return text;
  }
  throw new TypeError(`the input must be a string (the text) or a plain object, not ${describe(input)}; give bytes to analyzeBytes`);
}

/** Bytes as a Uint8Array view: any ArrayBuffer view or ArrayBuffer, of this realm or another. */
/** @param {unknown} input @returns {Uint8Array} */
function inputBytes(input) {
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  const tag = Object.prototype.toString.call(input);
  if (tag === "[object ArrayBuffer]" || tag === "[object SharedArrayBuffer]") return new Uint8Array(/** @type {ArrayBuffer} */ (input));
  throw new TypeError(`analyzeBytes takes a Uint8Array, another ArrayBuffer view or an ArrayBuffer, not ${describe(input)}`);
}

/** Whether `value` is a compiled module, of this realm or another (Next.js passes one from another). */
/** @param {unknown} value @returns {boolean} */
export function isModule(value) {
  return Object.prototype.toString.call(value) === "[object WebAssembly.Module]";
}

/** What `init`/`initSync` were given, with wasm-bindgen's `{ module_or_path }` and `{ module }` forms unwrapped. */
/** @param {unknown} input @returns {unknown} */
export function unwrap(input) {
  if (input && typeof input === "object" && !isModule(input)) {
    if ("module_or_path" in input) return input.module_or_path;
    if ("module" in input) return input.module;
  }
  return input;
}

/** A compiled module from a `WebAssembly.Module` or its bytes, synchronously. */
/** @param {unknown} input @returns {WebAssembly.Module} */
export function toModule(input) {
  const source = unwrap(input);
  if (isModule(source)) return /** @type {WebAssembly.Module} */ (source);
  if (ArrayBuffer.isView(source) || Object.prototype.toString.call(source) === "[object ArrayBuffer]") {
    return new WebAssembly.Module(/** @type {BufferSource} */ (source));
  }
  throw new TypeError(`batchlint: expected the .wasm's bytes or a WebAssembly.Module, not ${describe(source)}`);
}

/**
 * The API over a compiled module. `load()` returns the `WebAssembly.Module`, or `undefined`
 * while it is not there (the browser entry before `init()`); `setModule` hands one over (the
 * first one given stays).
 * @param {() => WebAssembly.Module | undefined} load
 * @param {string} notLoaded what to say when there is none
 * @param {number} [retainedMemoryLimit] the memory past which an instance is dropped after a call
 */
export function createApi(load, notLoaded, retainedMemoryLimit = RETAINED_MEMORY_LIMIT) {
  /** @type {WebAssembly.Module | undefined} */
  let given;
  /** @type {Exports | undefined} */
  let wasm;

  function exports() {
    if (wasm) return wasm;
    given ??= load();
    if (!given) throw new Error(notLoaded);
    wasm = /** @type {Exports} */ (/** @type {unknown} */ (new WebAssembly.Instance(given, {}).exports));
    return wasm;
  }

  /**
   * Runs `f` on the instance; an exception from inside the module drops the instance.
   * @template T
   * @param {(w: Exports) => T} f
   * @returns {T}
   */
  function call(f) {
    const w = exports();
    try {
      return f(w);
    } catch (cause) {
      wasm = undefined;
      const what = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
      throw new Error(`batchlint: the WebAssembly instance failed (${what}); the next call starts a fresh one`, { cause });
    } finally {
      if (wasm && wasm.memory.buffer.byteLength > retainedMemoryLimit) wasm = undefined;
    }
  }

  /**
   * Copies the input into the module and analyses it: the UTF-8 of `text`, or `bytes`. An
   * input over the limit is not copied; the module reports its length (BL106).
   * @param {string | undefined} text
   * @param {Uint8Array | undefined} bytes
   * @param {{ bytes: Uint8Array, findingsOnly: boolean }} options
   */
  function run(text, bytes, options) {
    // Short texts get the worst case (3 bytes per UTF-16 unit) and one encodeInto; long ones
    // their exact length first, so that a large input does not cost three times its size.
    const size = text === undefined ? /** @type {Uint8Array} */ (bytes).length : text.length <= 65536 ? text.length * 3 : utf8Length(text);
    return call((w) => {
      let ptr = 0;
      let len = size;
      let capacity = 0;
      if (size > 0 && size <= MAX_INPUT_BYTES) {
        capacity = size;
        ptr = w.batchlint_alloc(capacity);
        const target = new Uint8Array(w.memory.buffer, ptr, capacity);
        if (text === undefined) target.set(/** @type {Uint8Array} */ (bytes));
        else len = textCodecs().encoder.encodeInto(text, target).written;
      }
      const [optionsPtr, optionsLen, flags] = passOptions(w, options);
      return finish(w, w.batchlint_analyze(ptr, len, capacity, optionsPtr, optionsLen, flags), decodeReport);
    });
  }

  /** @param {Exports} w @param {{ bytes: Uint8Array, findingsOnly: boolean }} options @returns {[number, number, number]} */
  function passOptions(w, { bytes, findingsOnly }) {
    if (bytes.length === 0) return [0, 0, findingsOnly ? FLAG_FINDINGS_ONLY : 0];
    const ptr = w.batchlint_alloc(bytes.length);
    new Uint8Array(w.memory.buffer, ptr, bytes.length).set(bytes);
    return [ptr, bytes.length, findingsOnly ? FLAG_FINDINGS_ONLY : 0];
  }

  /**
   * @template T
   * @param {Exports} w
   * @param {number} ptr
   * @param {(bytes: Uint8Array) => T} decoder
   * @returns {T}
   */
  function finish(w, ptr, decoder) {
    const length = new DataView(w.memory.buffer).getUint32(ptr, true);
    const result = decoder(new Uint8Array(w.memory.buffer, ptr + 4, length));
    w.batchlint_release();
    return result;
  }

  /**
   * One policy per execution role over several reports, as narrow as one report of all their
   * references would have: `inputs` are the indexes of the reports that use the role.
   * @param {unknown} reports
   * @param {unknown} [options]
   */
  function mergePolicies(reports, options) {
    if (!Array.isArray(reports)) throw new TypeError(`mergePolicies takes an array of reports, not ${describe(reports)}`);
    const read = readOptions(options);
    const refs = textCodecs().encoder.encode(
      JSON.stringify(
        reports.map((report, i) => {
          if (!report || typeof report !== "object" || !Array.isArray(report.references)) {
            throw new TypeError(`mergePolicies: reports[${i}] is not a report, but ${describe(report)}`);
          }
          return report.references.map((/** @type {any} */ r) => ({
            executionRoleArn: r.executionRoleArn,
            kind: r.kind,
            partition: r.partition,
            region: r.region,
            account: r.account,
            grants: r.grants,
          }));
        }),
      ),
    );
    return call((w) => {
      const ptr = refs.length > 0 ? w.batchlint_alloc(refs.length) : 0;
      if (ptr) new Uint8Array(w.memory.buffer, ptr, refs.length).set(refs);
      const [optionsPtr, optionsLen] = passOptions(w, read);
      return finish(w, w.batchlint_merge(ptr, refs.length, optionsPtr, optionsLen), decodeMerged);
    });
  }

  /** An analyzer with its options read once, for checking on every keystroke. */
  class Analyzer {
    #options;
    /** @param {unknown} [options] */
    constructor(options) {
      this.#options = readOptions(options);
    }
    /** @param {unknown} input */
    analyze(input) {
      return run(inputText(input), undefined, this.#options);
    }
    /** @param {unknown} input */
    analyzeBytes(input) {
      return run(undefined, inputBytes(input), this.#options);
    }
  }

  return {
    /** @param {WebAssembly.Module} module */
    setModule: (module) => {
      given ??= module;
    },
    hasModule: () => given !== undefined,
    /** The current instance's memory in bytes (0 without one), for the tests of its bounds. */
    memoryBytes: () => (wasm ? wasm.memory.buffer.byteLength : 0),
    /** `call` itself, for the tests that make an instance trap. */
    unsafeCall: call,
    Analyzer,
    mergePolicies,
    /** @param {unknown} input @param {unknown} [options] */
    analyze: (input, options) => {
      const read = readOptions(options);
      return run(inputText(input), undefined, read);
    },
    /** @param {unknown} input @param {unknown} [options] */
    analyzeBytes: (input, options) => {
      const read = readOptions(options);
      return run(undefined, inputBytes(input), read);
    },
    rules: () => RULES.map((r) => ({ ...r })),
    version: () => VERSION,
  };
}

/** The UTF-8 length of a string, as TextEncoder would write it (lone surrogates as U+FFFD). */
/** @param {string} text */
function utf8Length(text) {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * Builds the report from the module's encoding (src/encode.rs): the same objects, key for key,
 * as the Rust `Report`'s serde form.
 * @param {Uint8Array} bytes
 */
export function decodeReport(bytes) {
  return decode(bytes, false);
}

/**
 * Builds the merged policies from the module's encoding (`encode::merged`).
 * @param {Uint8Array} bytes
 */
export function decodeMerged(bytes) {
  return decode(bytes, true);
}

/** @param {Uint8Array} bytes @param {boolean} merged */
function decode(bytes, merged) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== ENCODING_VERSION) throw new Error("batchlint: the module and core.js are from different versions");
  const tableBytes = view.getUint32(4, true);
  const count = view.getUint32(8, true);
  const words = 12;
  const table = textCodecs().decoder.decode(bytes.subarray(words + count * 4, words + count * 4 + tableBytes));
  let at = words;
  const word = () => {
    const w = view.getUint32(at, true);
    at += 4;
    return w;
  };
  const str = () => {
    const start = word();
    const len = word();
    return start === NULL ? null : table.substring(start, start + len);
  };
  /** @template T @param {() => T} item @returns {T[]} */
  const list = (item) => {
    const n = word();
    const out = new Array(n);
    for (let i = 0; i < n; i++) out[i] = item();
    return out;
  };
  const range = () => ({
    start: { line: word(), column: word(), offset: word() },
    end: { line: word(), column: word(), offset: word() },
  });
  if (merged) return list(() => ({ roleArn: str(), inputs: list(word), document: document(), size: word() }));
  const form = str();
  const diagnostics = list(() => {
    const code = str();
    const severity = SEVERITIES[word()];
    const message = str();
    const path = str();
    const option = str();
    // `file` is there only for a finding in a file the input reads, as in the serde form.
    const file = str();
    const at = range();
    const help = str() ?? HELP.get(code ?? "") ?? "";
    return file === null ? { code, severity, message, path, option, range: at, help } : { code, severity, message, path, option, file, range: at, help };
  });
  const references = list(() => ({
    path: str(),
    source: SOURCES[word()],
    name: str(),
    jobDefinition: str(),
    resource: str(),
    container: str(),
    containerName: str(),
    executionRoleArn: str(),
    valueFrom: str(),
    kind: KINDS[word()],
    partition: str(),
    region: str(),
    account: str(),
    resourceName: str(),
    jsonKey: str(),
    versionStage: str(),
    versionId: str(),
    resourceArn: str(),
    grants: list(() => ({ action: str(), resource: str() })),
    ...withFile(str()),
    range: range(),
  }));
  const policies = list(() => ({ roleArn: str(), document: document(), inForm: str() }));
  return { form, diagnostics, references, policies };

  /** @param {string | null} file */
  function withFile(file) {
    return file === null ? {} : { file };
  }

  function document() {
    const Version = str();
    const Statement = list(() => {
      /** @type {Record<string, unknown>} */
      const s = { Sid: str(), Effect: str(), Action: list(str), Resource: list(str) };
      const operators = word();
      if (operators > 0) {
        /** @type {Record<string, Record<string, (string | null)[]>>} */
        const condition = {};
        for (let i = 0; i < operators; i++) {
          const operator = /** @type {string} */ (str());
          /** @type {Record<string, (string | null)[]>} */
          const keys = {};
          const n = word();
          for (let k = 0; k < n; k++) keys[/** @type {string} */ (str())] = list(str);
          condition[operator] = keys;
        }
        s.Condition = condition;
      }
      return s;
    });
    return { Version, Statement };
  }
}
