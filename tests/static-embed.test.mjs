// Static embeddings (issue 12, item 1): the distilled model file, the engine's weighted mean against
// a plain JavaScript computation from the same file, identical vectors for any thread count, how
// closely the static vectors' similarity structure follows MiniLM's on Brown, and BERTopic's default
// pipeline on Brown with static vs MiniLM embeddings (NMI vs genre, NPMI, outliers, topic count),
// and the static model everywhere the MiniLM models are used (transform, zero-shot, seeds, MMR).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TopicModel, init, embed, createEmbedder, normalizedMutualInfo, npmiCoherence } from '../web/node.js';
import { createStaticEmbedder, loadStaticModelBytes, STATIC_MODEL_NAME } from '../web/embedding/static_embedder.js';
import { WordPieceTokenizer } from './oracles/wordpiece.js';
import { brownDocs, brownEmbeddings, readSafetensors, shutdownAfterTests } from './helpers.mjs';

shutdownAfterTests();

const modelFile = fileURLToPath(new URL('../web/models/static-minilm.safetensors', import.meta.url));
const docs = brownDocs();
const texts = docs.map((d) => d.text);
const genres = [...new Set(docs.map((d) => d.label))];
const genre = docs.map((d) => genres.indexOf(d.label));
const minilm = brownEmbeddings();
// 1,000 paragraphs spread over the corpus (ordered by genre), with their rows.
const spread = Array.from({ length: 1000 }, (_, k) => Math.floor((k * docs.length) / 1000));
// Floors a little under what was measured here (2026-12, the model from scripts/distill-static.mjs;
// the numbers are printed by the tests). Static vs MiniLM on the 1,000 paragraphs: pairwise cosine
// correlation 0.532, 10-NN overlap 0.217, same-genre neighbours 0.238 (MiniLM 0.272). Default
// pipeline on all 7,725: static 98 topics, 36.7 % outliers, NMI 0.290, NPMI 0.1135; MiniLM 269
// topics, 28.0 %, NMI 0.411, NPMI 0.1061. So NPMI holds up, NMI is 71 % of MiniLM's (the issue's
// goal of 90 % is not reached) and HDBSCAN finds fewer, larger topics.
const PEARSON_FLOOR = 0.5, OVERLAP_FLOOR = 0.19, SAME_GENRE_FLOOR = 0.21;
const NMI_FLOOR = 0.27, NPMI_FLOOR = 0.1, TOPICS_RANGE = [70, 130];
// Static cosine similarities run lower than MiniLM's (a label vs a paragraph: median 0.12-0.18,
// 99th percentile 0.34-0.37 on the sample), so zero-shot needs a lower threshold than BERTopic's 0.7.
const ZEROSHOT_MIN_SIMILARITY = 0.35;

before(async () => {
  // Generated, not committed (scripts/build.sh writes it); distil it here when missing (~1-2 min).
  if (!fs.existsSync(modelFile)) {
    const { distill } = await import('../scripts/distill-static.mjs');
    await distill({ out: modelFile });
  }
});


const dot = (a, ia, b, ib, d) => {
  let s = 0;
  for (let k = 0; k < d; ++k) s += a[ia * d + k] * b[ib * d + k];
  return s;
};

test('the distilled model file: 30,522 int8 rows of 256 dims, SIF weights, the tokenizer inside', async () => {
  const bytes = await loadStaticModelBytes();
  const { metadata, tensors } = readSafetensors(bytes);
  assert.deepEqual(tensors.embeddings.shape, [30522, 256]);
  assert.equal(tensors.embeddings.dtype, 'I8');
  assert.deepEqual(tensors.scales.shape, [30522]);
  assert.deepEqual(tensors.weights.shape, [30522]);
  assert.ok(bytes.length < 9e6, `model file ${bytes.length} bytes`);
  assert.equal(metadata.base_model, 'sentence-transformers/all-MiniLM-L6-v2');
  assert.equal(metadata.pca_dims, '256');
  const vocab = JSON.parse(metadata.tokenizer).model.vocab;
  // [unusedN] tokens have no vector and no weight; real tokens have both; SIF weights fall with rank.
  const w = tensors.weights.data;
  assert.equal(w[vocab['[unused5]']], 0);
  assert.equal(tensors.scales.data[vocab['[unused5]']], 0);
  assert.ok(w[vocab.the] > 0 && w[vocab.the] < w[vocab.jury] && w[vocab.jury] < 1, `weights the ${w[vocab.the]}, jury ${w[vocab.jury]}`);
  for (let t = 1; t < 30522; ++t) if (w[t] > 0 && w[t - 1] > 0) assert.ok(w[t] >= w[t - 1], `weight of token ${t} below its predecessor`);
  // PCA keeps most of the variance of MiniLM's token vectors.
  assert.ok(Number(metadata.explained_variance) > 0.9, `explained variance ${metadata.explained_variance}`);
});

test('the engine computes the weighted mean a plain JavaScript reading of the file gives', async () => {
  const bytes = await loadStaticModelBytes();
  const { metadata, tensors } = readSafetensors(bytes);
  const tokenizer = new WordPieceTokenizer(metadata.tokenizer, { maxLength: 514 });
  const dim = 256;
  const q = tensors.embeddings.data, s = tensors.scales.data, w = tensors.weights.data;
  const sample = [
    ...spread.slice(0, 300).map((i) => texts[i]),
    '', '   ', 'qqqqxzzyy', 'Café déjà vu: naïve façades!', '数据 科学', 'the', '[CLS] the [SEP] [UNK] jury',
    texts.slice(0, 8).join(' '), // longer than 512 pieces: truncated
  ];
  const embedder = await createEmbedder({ model: 'static' });
  const got = await embedder.embed(sample);
  assert.equal(embedder.dim, dim);
  assert.equal(got.length, sample.length * dim);
  let worst = 0;
  sample.forEach((text, i) => {
    const ids = tokenizer.encode(text).slice(1, -1).filter((id) => id !== tokenizer.unkId);
    const v = new Float64Array(dim);
    for (const id of ids) for (let k = 0; k < dim; ++k) v[k] += w[id] * s[id] * q[id * dim + k];
    const norm = Math.hypot(...v);
    for (let k = 0; k < dim; ++k) {
      const expected = norm > 0 ? v[k] / norm : 0;
      worst = Math.max(worst, Math.abs(got[i * dim + k] - expected));
    }
    if (ids.length === 0) assert.ok(got.subarray(i * dim, (i + 1) * dim).every((x) => x === 0), `document ${i} has no tokens: zero vector`);
  });
  assert.ok(worst < 2e-6, `largest difference ${worst}`);
  // The truncated document equals its first 512 pieces.
  const long = tokenizer.encode(sample.at(-1));
  assert.equal(long.length, 514);
  await embedder.dispose();
});

test('identical vectors for 1 and 2 threads; embed() and createStaticEmbedder agree; progress and cancel', async () => {
  const { engine } = await init({ threads: 2 });
  const bytes = await loadStaticModelBytes();
  const e = await createStaticEmbedder(bytes, { batchSize: 1000 });
  try {
    engine.setThreadLimit(1);
    const one = await e.embed(texts);
    engine.setThreadLimit(2);
    const progress = [];
    const two = await e.embed(texts, { onProgress: (p) => progress.push(p.done) });
    assert.deepEqual(new Uint32Array(two.buffer), new Uint32Array(one.buffer), 'bit for bit');
    assert.deepEqual(progress, [1000, 2000, 3000, 4000, 5000, 6000, 7000, 7725]);
    assert.ok(e.tokensEmbedded > 1e6, `${e.tokensEmbedded} tokens`);
    const viaApi = await embed(texts.slice(0, 100), { model: 'static' });
    assert.deepEqual(viaApi, one.subarray(0, 100 * 256));
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await assert.rejects(e.embed(texts, { signal: controller.signal }), /stop/);
  } finally {
    engine.setThreadLimit(2);
    e.dispose();
  }
  await assert.rejects(embed(['a'], { model: 'static', nope: 1 }), /unknown static embedding option "nope"/);
  await assert.rejects(createStaticEmbedder(new Uint8Array([1, 2, 3])), /could not load the static embedding model: safetensors/);
});

test('static vectors keep MiniLM\'s similarity structure on 1,000 Brown paragraphs', async () => {
  const sub = spread.map((i) => texts[i]);
  const st = await embed(sub, { model: 'static' });
  const n = sub.length;
  const mini = new Float32Array(n * 384);
  spread.forEach((row, i) => mini.set(minilm.subarray(row * 384, (row + 1) * 384), i * 384));
  // Pearson correlation of all pairwise cosine similarities (both sets are unit vectors).
  let sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0, m = 0;
  const simS = new Float64Array(n * n), simM = new Float64Array(n * n);
  for (let i = 0; i < n; ++i)
    for (let j = 0; j < n; ++j) {
      simS[i * n + j] = dot(st, i, st, j, 256);
      simM[i * n + j] = dot(mini, i, mini, j, 384);
      if (j <= i) continue;
      const x = simS[i * n + j], y = simM[i * n + j];
      sx += x; sy += y; sxx += x * x; syy += y * y; sxy += x * y; ++m;
    }
  const pearson = (sxy - (sx * sy) / m) / Math.sqrt((sxx - (sx * sx) / m) * (syy - (sy * sy) / m));
  // Overlap of the 10 nearest neighbours, and how often a neighbour shares the genre.
  const knn = (sim, i) => [...Array(n).keys()].filter((j) => j !== i).sort((a, b) => sim[i * n + b] - sim[i * n + a] || a - b).slice(0, 10);
  let overlap = 0, sameS = 0, sameM = 0;
  for (let i = 0; i < n; ++i) {
    const a = knn(simS, i), b = new Set(knn(simM, i));
    overlap += a.filter((j) => b.has(j)).length / 10;
    sameS += a.filter((j) => genre[spread[j]] === genre[spread[i]]).length / 10;
    sameM += [...b].filter((j) => genre[spread[j]] === genre[spread[i]]).length / 10;
  }
  overlap /= n; sameS /= n; sameM /= n;
  console.log(`pairwise cosine correlation ${pearson.toFixed(3)}, 10-NN overlap ${overlap.toFixed(3)}, same-genre neighbours static ${sameS.toFixed(3)} vs MiniLM ${sameM.toFixed(3)}`);
  assert.ok(pearson >= PEARSON_FLOOR, `pairwise cosine correlation ${pearson}`);
  assert.ok(overlap >= OVERLAP_FLOOR, `10-NN overlap ${overlap}`);
  assert.ok(sameS >= SAME_GENRE_FLOOR, `same-genre neighbours ${sameS}`);
});

// The floors were measured with UMAP's faithful schedule (500 epochs here), so this test asks for it.
// On the static embeddings the outlier share moves a lot with the epoch count (measured, seed 42:
// faithful 500 epochs 36.7 %, faithful 200 48.8 %; fast 200 45.2 % / 104 topics / NMI 0.274, fast
// 300 50.1 %, fast 500 41.6 %), so the fast schedule (200 epochs) would sit around the 45 % bound.
test('default pipeline on Brown: static embeddings vs MiniLM embeddings (same options and seed)', async () => {
  const measure = async (model, topics) => {
    const info = model.getTopicInfo();
    const nTopics = info.filter((r) => r.Topic >= 0).length;
    const outliers = [...topics].filter((t) => t === -1).length / topics.length;
    const nmi = await normalizedMutualInfo(genre, topics);
    const { npmi } = await npmiCoherence(texts, info.filter((r) => r.Topic >= 0).map((r) => r.Representation));
    return { nTopics, outliers, nmi, npmi };
  };
  const options = { vectorizerModel: { stopWords: 'english' }, umapModel: { schedule: 'faithful' } };
  const staticModel = new TopicModel({ ...options, embeddingModel: 'static' });
  const t0 = performance.now();
  const s = await staticModel.fitTransform(texts);
  const seconds = (performance.now() - t0) / 1000;
  const miniModel = new TopicModel(options);
  const m = await miniModel.fitTransform(texts, { embeddings: minilm });
  const qs = await measure(staticModel, s.topics), qm = await measure(miniModel, m.topics);
  const line = (name, q) => `${name}: ${q.nTopics} topics, outliers ${(100 * q.outliers).toFixed(1)} %, NMI ${q.nmi.toFixed(3)}, NPMI ${q.npmi.toFixed(4)}`;
  console.log(`${line('static', qs)} (text to topics in ${seconds.toFixed(1)} s)\n${line('MiniLM', qm)}`);
  assert.ok(qs.nmi >= NMI_FLOOR, `static NMI ${qs.nmi}`);
  assert.ok(qs.npmi >= NPMI_FLOOR, `static NPMI ${qs.npmi}`);
  assert.ok(qs.nTopics >= TOPICS_RANGE[0] && qs.nTopics <= TOPICS_RANGE[1], `static topic count ${qs.nTopics}`);
  assert.ok(qs.outliers >= 0.1 && qs.outliers <= 0.45, `static outlier share ${qs.outliers}`);
  // config.json names the model that made the embeddings.
  const config = JSON.parse(new TextDecoder().decode(staticModel.save()['config.json']));
  assert.equal(config.embedding_model, STATIC_MODEL_NAME);
  // transform embeds new documents with the static model: training documents land in their topic.
  const sample = Array.from({ length: 200 }, (_, i) => i * 37);
  const predicted = await staticModel.transform(sample.map((i) => texts[i]));
  const clustered = sample.filter((i) => s.topics[i] !== -1);
  const agree = sample.filter((i, k) => s.topics[i] !== -1 && predicted.topics[k] === s.topics[i]).length;
  assert.ok(agree / clustered.length >= 0.65, `transform agrees on ${agree}/${clustered.length}`); // measured: 99/133
  // Saved and loaded: transform embeds with the static model (config.json names it), and refuses
  // to embed with MiniLM when told to.
  const files = staticModel.save();
  const loaded = await TopicModel.load(files);
  assert.equal(loaded.options.embeddingModel, 'static');
  const sampleTexts = sample.map((i) => texts[i]);
  const again = await loaded.transform(sampleTexts);
  const given = await loaded.transform(sampleTexts, { embeddings: await embed(sampleTexts, { model: 'static' }) });
  assert.deepEqual(again.topics, given.topics);
  assert.ok(new Set(again.topics).size > 20, 'documents spread over many topics');
  const wrong = await TopicModel.load(files, { embeddingModel: 'int8' });
  await assert.rejects(wrong.transform(['a text']), /fitted on embeddings from topicwasm\/static-minilm-l6-v2: pass \{embeddings\}/);
  loaded.free();
  wrong.free();
  staticModel.free();
  miniModel.free();
});

test('the static model embeds zero-shot labels, guided seeds and MMR candidate words', async () => {
  const sub = spread.map((i) => texts[i]);
  const subGenre = spread.map((i) => docs[i].label);
  const small = { minTopicSize: 10, vectorizerModel: { stopWords: 'english' }, embeddingModel: 'static' };
  // Zero-shot: religion paragraphs go to the religion label far more often than others do.
  const zs = new TopicModel({ ...small, zeroshotTopicList: ['religion, church, god and faith', 'the police investigate a murder'], zeroshotMinSimilarity: ZEROSHOT_MIN_SIMILARITY });
  const { topics } = await zs.fitTransform(sub);
  const religionTopic = zs.getTopicInfo().find((r) => r.Name === 'religion, church, god and faith');
  assert.ok(religionTopic, 'a zero-shot topic for the religion label');
  const inReligion = spread.map((_, k) => k).filter((k) => topics[k] === religionTopic.Topic);
  const share = inReligion.filter((k) => subGenre[k] === 'religion').length / inReligion.length;
  const base = subGenre.filter((g) => g === 'religion').length / subGenre.length;
  console.log(`zero-shot religion topic: ${inReligion.length} documents, ${(100 * share).toFixed(0)} % from the religion genre (${(100 * base).toFixed(0)} % of the sample)`);
  assert.ok(inReligion.length >= 5, `${inReligion.length} documents in the religion topic`);
  assert.ok(share >= 8 * base, `religion share ${share} vs ${base} in the sample`); // measured: 12x
  zs.free();

  // Guided: the seed topics are embedded with the same 256-d model (a dimension mismatch would throw).
  const guided = new TopicModel({ ...small, seedTopicList: [['church', 'god', 'faith'], ['jury', 'court', 'election']] });
  const g = await guided.fitTransform(sub);
  assert.equal(g.topics.length, sub.length);

  // MMR: topic words re-picked from the 30 c-TF-IDF candidates with static word embeddings.
  const mmr = new TopicModel({ ...small, representationModel: { type: 'MaximalMarginalRelevance', diversity: 0.5 } });
  await mmr.fitTransform(sub);
  const plain = new TopicModel(small);
  await plain.fitTransform(sub);
  let changed = 0;
  const topicIds = plain.getTopicInfo().map((r) => r.Topic);
  assert.deepEqual(mmr.getTopicInfo().map((r) => r.Topic), topicIds, 'same topics: only the words differ');
  for (const id of topicIds) {
    const words = mmr.getTopic(id).map(([w]) => w);
    const candidates = new Set(plain.getTopic(id).map(([w]) => w));
    assert.equal(words.length, 10);
    if (words.some((w) => !candidates.has(w))) ++changed;
  }
  assert.ok(changed >= 1, 'MMR with diversity 0.5 changes some topic words');
  // The seeds moved documents: the guided fit differs from the plain one (same options and seed).
  const p = plain.topics_;
  assert.ok(g.topics.some((t, i) => t !== p[i]), 'seed topics change the fit');
  guided.free();
  mmr.free();
  plain.free();
});
