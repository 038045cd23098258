// @ts-check
// What reaches a terminal: escaping of characters that are invisible or act on the screen,
// display widths, colour, and writing to standard output with its errors handled.

// C0 and C1 controls and DEL; lone surrogates; the invisible format characters that hide,
// join or reorder text: zero-width space, joiners and directional marks (U+200B-U+200F), line
// and paragraph separators and the bidirectional embeddings and overrides (U+2028-U+202E),
// word joiner and invisible operators (U+2060-U+2064), bidirectional isolates
// (U+2066-U+2069), the Arabic letter mark (U+061C) and the byte order mark (U+FEFF).
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]|[\ud800-\udfff]/gu;
// The same set in JSON text, where JSON.stringify has already escaped C0 and lone surrogates.
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/gu;

/** `\u{200B}` for U+200B: the form a reader can see and search for. */
function escapeChar(/** @type {string} */ ch) {
  const cp = ch.codePointAt(0) ?? 0;
  return `\\u{${cp.toString(16).toUpperCase().padStart(4, "0")}}`;
}

/** Whether one code point is escaped when printed. */
export function isUnsafe(/** @type {number} */ cp) {
  UNSAFE.lastIndex = 0;
  return UNSAFE.test(String.fromCodePoint(cp));
}

/** The escaped form of one code point. */
export function escapeCodePoint(/** @type {number} */ cp) {
  return escapeChar(String.fromCodePoint(cp));
}

/** Text with every control and invisible format character escaped, safe to print. */
export function escapeText(/** @type {unknown} */ text) {
  return String(text).replace(UNSAFE, escapeChar);
}

/** Pretty JSON with the invisible characters that JSON.stringify leaves raw written as `\uXXXX`
 * escapes: the same value once parsed, and nothing hidden on screen. */
export function safeJson(/** @type {unknown} */ value) {
  return JSON.stringify(value, null, 2).replace(UNSAFE_IN_JSON, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** Terminal columns taken by one code point (wide East Asian and emoji take two, combining
 * marks and variation selectors none). */
export function charWidth(/** @type {number} */ cp) {
  if ((cp >= 0x300 && cp <= 0x36f) || cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f)) return 0;
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

/**
 * Whether to colour what goes to `stream`. A terminal answers itself (`hasColors()` reads
 * FORCE_COLOR, NO_COLOR, NODE_DISABLE_COLORS and TERM=dumb); a pipe or a file is coloured only
 * when FORCE_COLOR asks for it, with the values Node gives it for terminals.
 * @param {NodeJS.WritableStream & { hasColors?: (env?: object) => boolean }} stream
 * @param {NodeJS.ProcessEnv} env
 */
export function colourEnabled(stream, env = process.env) {
  if (typeof stream.hasColors === "function") return stream.hasColors(env);
  return env.FORCE_COLOR !== undefined && ["", "1", "true", "2", "3"].includes(env.FORCE_COLOR);
}

/** @typedef {(text: string) => string} Paint */

/** @returns {{ error: Paint, warning: Paint, info: Paint, bold: Paint, blue: Paint }} */
export function palette(/** @type {boolean} */ enabled) {
  const wrap = (/** @type {string} */ code) => (/** @type {string} */ s) => (enabled ? `\u001b[${code}m${s}\u001b[0m` : s);
  return { error: wrap("1;31"), warning: wrap("1;33"), info: wrap("1;36"), bold: wrap("1"), blue: wrap("1;34") };
}

/** The reason in a Node system error, without its code and call: "no space left on device". */
export function reason(/** @type {unknown} */ err) {
  const e = /** @type {NodeJS.ErrnoException} */ (err);
  let message = String(e?.message ?? err);
  if (e?.code && message.startsWith(`${e.code}: `)) {
    message = message.slice(e.code.length + 2);
    const call = e.syscall ? message.lastIndexOf(`, ${e.syscall}`) : -1;
    if (call >= 0) message = message.slice(0, call);
  }
  return escapeText(message);
}

/** An error writing one of the outputs; `what` names it for the message. */
export class WriteError extends Error {
  constructor(/** @type {string} */ what, /** @type {unknown} */ cause) {
    super(`cannot write ${what}: ${reason(cause)}`);
    this.code = /** @type {NodeJS.ErrnoException} */ (cause)?.code;
  }
}

/**
 * Writes `text` to a stream; rejects with a WriteError naming `what` when the write fails.
 * @param {NodeJS.WritableStream} stream
 * @param {string} text
 * @param {string} what
 * @returns {Promise<void>}
 */
export function write(stream, text, what) {
  return new Promise((resolve, reject) => {
    // A failed write also emits "error", after the callback: the listener stays for it, or the
    // event would be thrown.
    const onError = (/** @type {Error} */ err) => reject(new WriteError(what, err));
    stream.once("error", onError);
    stream.write(text, (err) => {
      if (err) return reject(new WriteError(what, err));
      stream.removeListener("error", onError);
      resolve();
    });
  });
}
