// Share links: the document and its context, deflated and base64url-encoded into the URL
// fragment. A fragment is never sent to a server, so the link carries the state by itself.
//   #z=<deflate-raw, base64url>   (where CompressionStream exists)
//   #j=<UTF-8 JSON, base64url>    (fallback)
import { cleanState } from './context.js';

/** The most a link may unpack to. A job definition is at most 24 KiB; 1 MiB leaves room
 * for describe output, and stops a small link that inflates to gigabytes (a deflate bomb)
 * before it takes the tab's memory: decompression is streamed and cut at this size. */
export const MAX_STATE_BYTES = 1024 * 1024;

/** The longest link the Share button makes. Chromium keeps URLs of up to 2 MB, but its
 * address bar shows only the first 32 KiB of one (Chromium's URL display guidelines), and
 * a link that another program hands to a browser on Windows goes through a command line of
 * at most 32,767 characters; chat and mail programs cut links much earlier. */
export const MAX_LINK_CHARS = 32_000;

const hasStreams = typeof CompressionStream === 'function' && typeof DecompressionStream === 'function';

/** @param {{text: string, region: string, accountId: string, kmsKeys: string}} state */
export async function encodeState(state) {
  const bytes = new TextEncoder().encode(JSON.stringify({ v: 1, t: state.text, r: state.region, a: state.accountId, k: state.kmsKeys }));
  if (!hasStreams) return `j=${toBase64Url(bytes)}`;
  const compressed = new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return `z=${toBase64Url(new Uint8Array(await new Response(compressed).arrayBuffer()))}`;
}

/**
 * What a fragment (with or without `#`) holds: null when it is no share link, `{state}`
 * for a link, `{error: 'too-large'}` for a link that unpacks to more than MAX_STATE_BYTES,
 * `{error: 'damaged'}` for one that cannot be read.
 */
export async function decodeState(fragment) {
  const match = /^#?([zj])=([A-Za-z0-9_-]*)$/.exec(fragment);
  if (!match) return null;
  try {
    let bytes = fromBase64Url(match[2]);
    if (match[1] === 'z') {
      if (!hasStreams) return { error: 'damaged' };
      bytes = await inflate(bytes, MAX_STATE_BYTES);
      if (!bytes) return { error: 'too-large' };
    } else if (bytes.length > MAX_STATE_BYTES) return { error: 'too-large' };
    const json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    const state = cleanState(json && { text: json.t, region: json.r, accountId: json.a, kmsKeys: json.k });
    return typeof state.text === 'string' ? { state: { region: '', accountId: '', kmsKeys: '', ...state } } : { error: 'damaged' };
  } catch {
    return { error: 'damaged' };
  }
}

/** The inflated bytes, or null as soon as they pass `limit`. */
async function inflate(bytes, limit) {
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

function toBase64Url(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text) {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
