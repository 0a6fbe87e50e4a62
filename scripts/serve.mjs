// A static file server over the repository for the demo page and the browser tests. By default it
// sends the COOP/COEP headers that make a page cross-origin isolated (SharedArrayBuffer, so wasm
// threads); `isolated: false` / --no-isolation serves the same files without them (one thread).
//   node scripts/serve.mjs [--port 8080] [--no-isolation]   (npm start builds first, then runs this)
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.wasm': 'application/wasm', '.json': 'application/json', '.jsonl': 'application/jsonl', '.png': 'image/png',
  '.svg': 'image/svg+xml', '.txt': 'text/plain; charset=utf-8', '.csv': 'text/csv; charset=utf-8',
};
const ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

/**
 * Starts the server (port 0: a free one) over `dir` (default: the repository); resolves to
 * {url, close, requests}: `requests` counts the requests for each path (to see what a page fetched).
 */
export function serve({ isolated = true, port = 0, host = '127.0.0.1', dir = root, redirect = '/examples/demo/' } = {}) {
  const requests = new Map();
  const server = createServer(async (req, res) => {
    let path;
    try {
      path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    } catch {
      return res.writeHead(400).end();
    }
    if (path.split(sep).includes('..')) return res.writeHead(403).end();
    requests.set(path, (requests.get(path) ?? 0) + 1);
    if ((path === '/' || path === sep) && redirect) return res.writeHead(302, { Location: redirect }).end();
    let file = join(dir, path);
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const { size } = await stat(file);
      const headers = { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Length': size, 'Cache-Control': 'no-cache' };
      if (isolated) Object.assign(headers, ISOLATION);
      res.writeHead(200, headers);
      createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      resolve({
        url: `http://${host}:${server.address().port}`,
        requests,
        close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }),
      });
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { port: { type: 'string', default: process.env.PORT ?? '8080' }, 'no-isolation': { type: 'boolean', default: false } } });
  const isolated = !values['no-isolation'];
  const { url } = await serve({ isolated, port: Number(values.port) });
  console.log(`topicwasm demo: ${url}/examples/demo/`);
  console.log(isolated ? 'cross-origin isolated (COOP/COEP): wasm threads on' : 'no COOP/COEP headers: the page runs the single-threaded build');
  console.log('Ctrl+C stops the server.');
}
