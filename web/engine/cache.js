// Browser caches: fetched files in the Cache API (as transformers.js keeps its models), computed
// embeddings in IndexedDB keyed by (embedding model, SHA-256 of the text). A reload then neither
// downloads a model nor embeds a document again. Where neither API exists (Node, a private window
// that refuses storage), everything still works, uncached.
import { env } from './env.js';

/** Bytes at `href` over the network (counted in env.stats.downloads); an Error naming `what` otherwise. */
export async function fetchBytes(href, what) {
  let response;
  try {
    response = await fetch(href);
  } catch (e) {
    throw new Error(`could not fetch ${what} from ${href}: ${e.message}`);
  }
  if (!response.ok) throw new Error(`could not fetch ${what} from ${href}: HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  env.stats.downloads += 1;
  return bytes;
}

/** Bytes of `url`: from the Cache API when cached (and useCache), else fetched (and cached). */
export async function cachedBytes(url, what, useCache) {
  const href = String(url);
  const cache = useCache && typeof caches !== 'undefined' ? await caches.open(env.cacheName).catch(() => null) : null;
  const hit = await cache?.match(href).catch(() => undefined);
  if (hit) {
    env.stats.cacheHits += 1;
    return new Uint8Array(await hit.arrayBuffer());
  }
  const bytes = await fetchBytes(href, what);
  // A full quota or a refusing browser costs the next load a download, nothing more.
  await cache?.put(href, new Response(bytes, { headers: { 'content-type': 'application/octet-stream' } })).catch(() => {});
  return bytes;
}

async function sha256Hex(text) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

const request = (r) => new Promise((resolve, reject) => {
  r.onsuccess = () => resolve(r.result);
  r.onerror = () => reject(r.error);
});

let database = null;
function openDatabase() {
  database ??= (async () => {
    const open = indexedDB.open(env.cacheName, 1);
    open.onupgradeneeded = () => open.result.createObjectStore('embeddings');
    return request(open);
  })().catch(() => null);
  return database;
}

/**
 * Embeddings of `docs` (Float32Array docs.length x dim): the cached rows for `modelKey`, and
 * `compute(missingDocs)` (-> Float32Array rows in the same order) for the rest, which are stored.
 * modelKey null (e.g. a model given as bytes) or no IndexedDB: compute everything.
 */
export async function cachedEmbeddings(modelKey, docs, compute) {
  const db = modelKey && env.useBrowserCache && typeof indexedDB !== 'undefined' && typeof crypto?.subtle === 'object' ? await openDatabase() : null;
  if (!db) {
    const result = await compute(docs);
    env.stats.embedded += docs.length;
    return result;
  }
  const keys = await Promise.all(docs.map(async (d) => `${modelKey}\n${await sha256Hex(d)}`));
  const store = db.transaction('embeddings', 'readonly').objectStore('embeddings');
  const rows = await Promise.all(keys.map((k) => request(store.get(k)).catch(() => undefined)));
  const missing = [];
  rows.forEach((row, i) => { if (!(row instanceof Float32Array)) missing.push(i); });
  let dim = rows.find((r) => r instanceof Float32Array)?.length ?? 0;
  if (missing.length) {
    const computed = await compute(missing.map((i) => docs[i]));
    dim = computed.length / missing.length;
    const write = db.transaction('embeddings', 'readwrite');
    missing.forEach((i, k) => {
      rows[i] = computed.slice(k * dim, (k + 1) * dim);
      write.objectStore('embeddings').put(rows[i], keys[i]);
    });
    await new Promise((resolve) => { write.oncomplete = resolve; write.onerror = write.onabort = resolve; });
  }
  env.stats.embedded += missing.length;
  env.stats.embeddingsFromCache += docs.length - missing.length;
  const result = new Float32Array(docs.length * dim);
  rows.forEach((row, i) => {
    if (row.length !== dim) throw new Error(`embedding cache: rows of ${row.length} and ${dim} dimensions for one model; clear the "${env.cacheName}" IndexedDB database`);
    result.set(row, i * dim);
  });
  return result;
}
