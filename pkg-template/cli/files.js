// @ts-check
// The inputs: arguments expanded (directories walked), and each read with a size limit.
import { open, readdir, readFile, realpath, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { escapeText, reason } from "./terminal.js";

/** The largest input read: a job definition is at most 24 KiB, describe output for many
 * revisions a few MiB. Reading stops past it, so that `batchlint - < /dev/zero` ends. */
export const MAX_INPUT_MIB = 16;
export const MAX_INPUT_BYTES = MAX_INPUT_MIB * 1024 * 1024;

/** The files a directory walk checks. */
export const WALKED_EXTENSIONS = [".json", ".yaml", ".yml", ".template", ".tf"];
const SKIPPED_DIRECTORIES = new Set(["node_modules", ".terraform", ".git"]);

/** One input: `name` as printed, `path` null for standard input; `walked` when a directory
 * walk found it (rather than an argument naming it). */
/** @typedef {{ name: string, path: string | null, walked?: boolean }} Input */

/** A problem with one argument or input, printed as `batchlint: MESSAGE`. */
export class InputError extends Error {}

const quoted = (/** @type {string} */ name) => `\`${escapeText(name)}\``;

function cannotRead(/** @type {string} */ name, /** @type {unknown} */ err) {
  return new InputError(`cannot read ${quoted(name)}: ${reason(err)}`);
}

/** What a path is, following symbolic links; null when it cannot be stat'ed. */
async function kind(/** @type {string} */ path) {
  const s = await stat(path);
  if (s.isDirectory()) return "directory";
  if (s.isFile()) return "file";
  if (s.isFIFO()) return "pipe";
  return "other";
}

/** A folder the walk does not enter. */
function skipped(/** @type {string} */ parent, /** @type {string} */ name) {
  return SKIPPED_DIRECTORIES.has(name) || (name.startsWith("asset.") && basename(parent) === "cdk.out");
}

const byName = (/** @type {{ name: string }} */ a, /** @type {{ name: string }} */ b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * Appends the files under `dir` to `files`, depth first in sorted order. A directory already
 * walked (by its real path) is not walked again, which ends symbolic-link loops.
 * @param {string} dir
 * @param {{ files: Input[], errors: InputError[], seen: Set<string> }} out
 */
async function walk(dir, out) {
  let entries;
  try {
    const real = await realpath(dir);
    if (out.seen.has(real)) return;
    out.seen.add(real);
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    out.errors.push(cannotRead(dir, err));
    return;
  }
  for (const entry of entries.sort(byName)) {
    const path = join(dir, entry.name);
    let type = entry.isDirectory() ? "directory" : entry.isFile() ? "file" : "other";
    if (entry.isSymbolicLink()) type = await kind(path).catch(() => "file"); // a broken link is reported when read
    if (type === "directory" && !skipped(dir, entry.name)) await walk(path, out);
    else if (type === "file" && WALKED_EXTENSIONS.some((ext) => entry.name.endsWith(ext))) out.files.push({ name: path, path, walked: true });
  }
}

/**
 * The inputs that the arguments name, in order: files and pipes as given, directories
 * walked, `-` standard input. Arguments that name nothing readable become errors.
 * @param {string[]} args
 * @returns {Promise<{ inputs: Input[], errors: InputError[] }>}
 */
export async function expandInputs(args) {
  /** @type {Input[]} */
  const inputs = [];
  /** @type {InputError[]} */
  const errors = [];
  const seen = new Set();
  for (const arg of args) {
    if (arg === "-") {
      inputs.push({ name: "<stdin>", path: null });
      continue;
    }
    let type;
    try {
      type = await kind(arg);
    } catch (err) {
      errors.push(cannotRead(arg, err));
      continue;
    }
    if (type === "directory") {
      const found = { files: /** @type {Input[]} */ ([]), errors, seen };
      await walk(arg, found);
      if (found.files.length === 0) errors.push(new InputError(`no ${WALKED_EXTENSIONS.join(", ")} files in ${quoted(arg)}`));
      inputs.push(...found.files);
    } else if (type === "other") {
      errors.push(new InputError(`cannot read ${quoted(arg)}: not a file, a directory or a pipe`));
    } else {
      inputs.push({ name: arg, path: arg });
    }
  }
  return { inputs, errors };
}

function tooLarge(/** @type {string} */ name) {
  return new InputError(`cannot read ${quoted(name)}: larger than ${MAX_INPUT_MIB} MiB, the limit for one input; not checked`);
}

/**
 * Chunks from `source` joined, or a tooLarge error as soon as they pass the limit.
 * @param {AsyncIterable<Uint8Array>} source
 * @param {string} name
 */
async function readLimited(source, name) {
  /** @type {Uint8Array[]} */
  const chunks = [];
  let total = 0;
  for await (const chunk of source) {
    total += chunk.length;
    if (total > MAX_INPUT_BYTES) throw tooLarge(name);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

/** The bytes of one input; throws an InputError. */
export async function readInput(/** @type {Input} */ input) {
  if (input.path === null) {
    try {
      return await readLimited(process.stdin, input.name);
    } catch (err) {
      throw err instanceof InputError ? err : cannotRead(input.name, err);
    } finally {
      process.stdin.destroy();
    }
  }
  let handle;
  try {
    handle = await open(input.path, "r");
    const s = await handle.stat(); // what was opened, not what the path named a moment ago
    if (!s.isFile() && !s.isFIFO()) throw new InputError(`cannot read ${quoted(input.name)}: not a file or a pipe`);
    return await readLimited(handle.createReadStream({ autoClose: false, highWaterMark: 1024 * 1024 }), input.name);
  } catch (err) {
    throw err instanceof InputError ? err : cannotRead(input.name, err);
  } finally {
    await handle?.close();
  }
}

/** The real path of a file that may not exist yet: its folder's real path and its name. */
export async function realTarget(/** @type {string} */ path) {
  try {
    return await realpath(path);
  } catch {
    return join(await realpath(dirname(path)).catch(() => dirname(path)), basename(path));
  }
}

/** What a Terraform module may read with `file()` and `templatefile()`: text files next to it. */
const MODULE_FILE_EXTENSIONS = [".json", ".tpl", ".tftpl", ".tmpl", ".yaml", ".yml", ".txt"];
const MAX_MODULE_FILES = 200;
const MAX_MODULE_FILE_BYTES = 1024 * 1024;

/**
 * The files under a `.tf` file's directory (three levels down at most, not in the folders a walk
 * skips), by path relative to it: the library reads the ones the module names with `file()` and
 * `templatefile()`, and says when one is missing. Bounded in count and size, so that a module in
 * a large tree does not read the tree.
 * @param {string} tfPath
 * @returns {Promise<Record<string, string>>}
 */
export async function moduleFiles(tfPath) {
  const root = dirname(tfPath);
  /** @type {Record<string, string>} */
  const files = {};
  let count = 0;
  /** @param {string} rel @param {number} depth */
  const visit = async (rel, depth) => {
    let entries;
    try {
      entries = await readdir(join(root, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort(byName)) {
      if (count >= MAX_MODULE_FILES) return;
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (depth < 3 && !skipped(join(root, rel), entry.name)) await visit(path, depth + 1);
      } else if (entry.isFile() && MODULE_FILE_EXTENSIONS.some((ext) => entry.name.endsWith(ext))) {
        try {
          const s = await stat(join(root, path));
          if (s.size > MAX_MODULE_FILE_BYTES) continue;
          files[path] = await readFile(join(root, path), "utf8");
          count += 1;
        } catch {
          // An unreadable file is one the module cannot use either: the library says it is missing.
        }
      }
    }
  };
  await visit("", 0);
  return files;
}
