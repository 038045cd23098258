// Share links: the document and its context, deflated and base64url-encoded into the URL
// fragment. A fragment is never sent to a server, so the link carries the state by itself.
//   #z=<deflate-raw, base64url>   (where CompressionStream exists)
//   #j=<UTF-8 JSON, base64url>    (fallback)

const hasStreams = typeof CompressionStream === 'function' && typeof DecompressionStream === 'function';

/** @param {{text: string, region: string, accountId: string, kmsKeys: string}} state */
export async function encodeState(state) {
  const bytes = new TextEncoder().encode(JSON.stringify({ v: 1, t: state.text, r: state.region, a: state.accountId, k: state.kmsKeys }));
  if (!hasStreams) return `j=${toBase64Url(bytes)}`;
  return `z=${toBase64Url(await pipe(bytes, new CompressionStream('deflate-raw')))}`;
}

/** The state in a fragment (with or without `#`), or null when it holds none or is damaged. */
export async function decodeState(fragment) {
  const hash = fragment.replace(/^#/, '');
  const match = /^([zj])=([A-Za-z0-9_-]*)$/.exec(hash);
  if (!match) return null;
  try {
    let bytes = fromBase64Url(match[2]);
    if (match[1] === 'z') {
      if (!hasStreams) return null;
      bytes = await pipe(bytes, new DecompressionStream('deflate-raw'));
    }
    const json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    if (!json || typeof json !== 'object' || typeof json.t !== 'string') return null;
    const str = (v) => (typeof v === 'string' ? v : '');
    return { text: json.t, region: str(json.r), accountId: str(json.a), kmsKeys: str(json.k) };
  } catch {
    return null;
  }
}

async function pipe(bytes, transform) {
  const stream = new Blob([bytes]).stream().pipeThrough(transform);
  return new Uint8Array(await new Response(stream).arrayBuffer());
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
