// A tiny static server for www/dist on loopback, with the page's headers (www/headers.mjs).
//
//   node www/serve.mjs [--root DIR] [--port N] [--bare] [--log]
//   (port 8080 by default, or a free one if taken; 0: a free one)
//
// Prints `batchlint playground: http://127.0.0.1:PORT/` once listening. No dependencies.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HEADERS } from './headers.mjs';

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const root = resolve(arg('--root', join(dirname(fileURLToPath(import.meta.url)), 'dist')));
const port = Number(arg('--port', process.env.PORT ?? '8080'));
// --bare: none of the security headers, as a static host without header rules
// (the browser tests use it to check what the page does on its own). --log: one line per request.
const bare = args.includes('--bare');
const log = args.includes('--log');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
};

const server = createServer(async (req, res) => {
  const headers = { ...(bare ? {} : HEADERS), 'Cache-Control': 'no-cache' };
  if (log) console.log(`${req.method} ${req.url}`);
  try {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end();
      return;
    }
    let path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    if (path.endsWith('/')) path += 'index.html';
    const file = resolve(root, `.${path}`);
    if (file !== root && !file.startsWith(root + sep)) throw Object.assign(new Error('outside'), { code: 'ENOENT' });
    const info = await stat(file);
    if (!info.isFile()) throw Object.assign(new Error('not a file'), { code: 'ENOENT' });
    const body = await readFile(file);
    res.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch (err) {
    const missing = err && (err.code === 'ENOENT' || err.code === 'ENOTDIR' || err instanceof URIError);
    res.writeHead(missing ? 404 : 500, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(missing ? 'not found\n' : 'server error\n');
  }
});

server.on('error', (err) => {
  if (err.code === 'EADDRINUSE' && port !== 0) {
    console.error(`serve: port ${port} is in use; taking a free one`);
    server.listen(0, '127.0.0.1');
  } else {
    console.error(`serve: ${err.message}`);
    process.exit(1);
  }
});
server.on('listening', () => {
  console.log(`batchlint playground: http://127.0.0.1:${server.address().port}/`);
});
server.listen(port, '127.0.0.1');
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
