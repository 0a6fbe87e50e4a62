// Benchmark (not a test): topic counts and outlier shares for HDBSCAN min_cluster_size on small
// corpora, to choose the rule behind minTopicSize: 'auto' (web/engine/auto_min_topic_size.js).
// Corpora: the demo's upload test file (360 State of the Union passages, MiniLM int8 embeddings
// computed once and cached in build/) and random Brown subsets (precomputed MiniLM embeddings).
//   node bench/auto-min-topic-size.mjs [--sizes 5,10,15] [--threads 2]
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { TopicModel, createEmbedder, init, shutdown } from '../web/node.js';
import { brownDocs, brownEmbeddings } from '../tests/helpers.mjs';
import { autoMinTopicSize } from '../web/engine/auto_min_topic_size.js';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '2,3,4,5,6,7,8,10,12,15' }, threads: { type: 'string', default: '2' } } });
await init({ threads: Number(values.threads) });

async function sotu() {
  const rows = readFileSync(new URL('../examples/data/sotu-presidents.jsonl', import.meta.url), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const texts = rows.map((r) => r.text);
  const cache = new URL('../build/sotu-int8.f32', import.meta.url);
  if (!existsSync(cache)) {
    mkdirSync(new URL('../build/', import.meta.url), { recursive: true });
    const embedder = await createEmbedder({ model: 'int8' });
    writeFileSync(cache, await embedder.embed(texts));
  }
  const buf = readFileSync(cache);
  return { name: 'SOTU 360', texts, embeddings: new Float32Array(buf.buffer, buf.byteOffset, buf.length / 4) };
}

// A seeded subset of Brown (Park-Miller), so the runs are repeatable.
function brownSubset(n, seed = 1) {
  const docs = brownDocs(), all = brownEmbeddings(), d = 384;
  const idx = [...docs.keys()];
  let s = seed;
  for (let i = idx.length - 1; i > 0; --i) {
    s = (s * 48271) % 2147483647;
    const j = s % (i + 1);
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  const pick = idx.slice(0, n);
  const embeddings = new Float32Array(n * d);
  pick.forEach((k, r) => embeddings.set(all.subarray(k * d, (k + 1) * d), r * d));
  return { name: `Brown ${n}`, texts: pick.map((k) => docs[k].text), embeddings };
}

const corpora = [await sotu(), brownSubset(300), brownSubset(1000), brownSubset(2000)];
const sizes = values.sizes.split(',').map(Number);
for (const c of corpora) {
  const n = c.texts.length;
  const lines = [];
  for (const size of [...new Set([...sizes, autoMinTopicSize(n)])].sort((a, b) => a - b)) {
    const model = new TopicModel({ minTopicSize: size, vectorizerModel: { stopWords: 'english' } });
    const t = performance.now();
    const { topics } = await model.fitTransform(c.texts, { embeddings: c.embeddings });
    const k = new Set(topics).size - (topics.includes(-1) ? 1 : 0);
    const outliers = topics.filter((x) => x === -1).length;
    const largest = Math.max(...model.getTopicInfo().filter((r) => r.Topic >= 0).map((r) => r.Count));
    lines.push(`  minTopicSize ${String(size).padStart(2)}${size === autoMinTopicSize(n) ? ' (auto)' : '       '}: ${String(k).padStart(3)} topics, outliers ${String(outliers).padStart(4)} (${(100 * outliers / n).toFixed(0)}%), largest topic ${largest}, ${((performance.now() - t) / 1000).toFixed(1)} s`);
    model.free();
  }
  console.log(`${c.name} (n = ${n}):\n${lines.join('\n')}`);
}
shutdown();
