// BERTopic's default pipeline (UMAP -> HDBSCAN -> c-TF-IDF) on the Brown corpus's real MiniLM
// embeddings: quality against the genre labels and the Python reference (metrics.json: NMI 0.41,
// NPMI 0.098, 29.5 % outliers, 269 topics), and determinism across runs and thread counts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TopicModel, init, normalizedMutualInfo, npmiCoherence } from '../web/node.js';
import { readFileSync } from 'node:fs';
import { brownDocs, brownEmbeddings, fixturePath, readJson, shutdownAfterTests } from './helpers.mjs';

shutdownAfterTests();
const docs = brownDocs();
const texts = docs.map((d) => d.text);
const embeddings = brownEmbeddings();
const genres = [...new Set(docs.map((d) => d.label))];
const genre = docs.map((d) => genres.indexOf(d.label));

async function fitWithThreads(threads) {
  const { engine } = await init({ threads: 2 });
  engine.setThreadLimit(threads);
  try {
    const model = new TopicModel({ vectorizerModel: { stopWords: 'english' } });
    const stages = new Set();
    const { topics, probabilities } = await model.fitTransform(texts, { embeddings, onProgress: (p) => stages.add(p.stage) });
    return { model, topics, probabilities, stages };
  } finally {
    engine.setThreadLimit(2);
  }
}

test('default pipeline on Brown: topic count, outliers, NMI and NPMI at the reference level; deterministic', async () => {
  const first = await fitWithThreads(2);
  const info = first.model.getTopicInfo();
  const nTopics = info.filter((r) => r.Topic >= 0).length;
  const outliers = [...first.topics].filter((t) => t === -1).length / first.topics.length;
  const nmi = await normalizedMutualInfo(genre, first.topics);
  const words = info.filter((r) => r.Topic >= 0).map((r) => r.Representation);
  const { npmi } = await npmiCoherence(texts, words);
  console.log(`topics ${nTopics}, outliers ${(100 * outliers).toFixed(1)} %, NMI ${nmi.toFixed(3)}, NPMI ${npmi.toFixed(4)}`);
  assert.ok(Math.abs(nTopics - 269) <= 0.2 * 269, `topic count ${nTopics} not within 20 % of 269`);
  assert.ok(outliers >= 0.2 && outliers <= 0.35, `outlier share ${outliers}`);
  assert.ok(nmi >= 0.4, `NMI ${nmi} < 0.40`);
  assert.ok(npmi >= 0.09, `NPMI ${npmi} < 0.09`);
  for (const stage of ['umap:optimize', 'hdbscan', 'ctfidf']) assert.ok(first.stages.has(stage), `no progress for ${stage}`);
  assert.equal(first.probabilities.length, texts.length);
  assert.ok([...first.probabilities].every((p) => p >= 0 && p <= 1));
  // Topic ids are sorted by size.
  const counts = info.filter((r) => r.Topic >= 0).map((r) => r.Count);
  assert.deepEqual(counts, [...counts].sort((a, b) => b - a));

  const second = await fitWithThreads(2);
  assert.deepEqual(second.topics, first.topics, 'same seed, second run');
  const single = await fitWithThreads(1);
  assert.deepEqual(single.topics, first.topics, 'same seed, 1 thread vs 2');
  assert.deepEqual(single.model.getTopicInfo().map((r) => r.Name), info.map((r) => r.Name));

  // New documents: the training documents' own embeddings mostly land in their own topic.
  const sample = Array.from({ length: 200 }, (_, i) => i * 37);
  const sampleEmbeddings = sample.map((i) => embeddings.subarray(i * 384, (i + 1) * 384));
  const predicted = await first.model.transform(sample.map((i) => texts[i]), { embeddings: sampleEmbeddings });
  const agree = sample.filter((i, k) => first.topics[i] !== -1 && predicted.topics[k] === first.topics[i]).length;
  const clustered = sample.filter((i) => first.topics[i] !== -1).length;
  assert.ok(agree / clustered >= 0.8, `transform agrees with the fit on ${agree}/${clustered} clustered documents`);
  for (const m of [first, second, single]) m.model.free();
});

test('embeddings errors: NaN, wrong count, wrong dimension, too few documents; model unchanged', async () => {
  const small = texts.slice(0, 60);
  const smallEmb = embeddings.slice(0, 60 * 384);
  const model = new TopicModel({ minTopicSize: 5, umapModel: { nNeighbors: 5, nEpochs: 50 } });
  await model.fit(small, { embeddings: smallEmb });
  const before = JSON.stringify([...model.topics_]);
  const nan = smallEmb.slice();
  nan[5 * 384 + 7] = NaN;
  await assert.rejects(model.fit(small, { embeddings: nan }), /embeddings\[5\]\[7\] is NaN/);
  const inf = smallEmb.slice();
  inf[3] = Infinity;
  await assert.rejects(model.fit(small, { embeddings: inf }), /embeddings\[0\]\[3\] is Infinity/);
  await assert.rejects(model.fit(small, { embeddings: smallEmb.slice(0, 59 * 384 + 1) }), /22657 values for 60 rows; expected n x d/);
  await assert.rejects(model.fit(small, { embeddings: [[1, 2], [3]] }), /has 2 rows but there are 60 documents/);
  // Five documents: UMAP would shrink nNeighbors to 4 (as umap-learn), but 5 components need more points.
  await assert.rejects(model.fit(small.slice(0, 5), { embeddings: smallEmb.slice(0, 5 * 384) }), /UMAP n_components \(5\) must be smaller than the number of points \(5\)/);
  await assert.rejects(model.transform(['x'], { embeddings: new Float32Array(10) }), /10 values for 1 rows; expected 1 x 384/);
  assert.equal(JSON.stringify([...model.topics_]), before);
  // All-identical embeddings: a clear result (everything one topic or all outliers), no crash.
  const same = new Float32Array(60 * 384).fill(0.05);
  const flat = new TopicModel({ minTopicSize: 5, umapModel: { nNeighbors: 5, nEpochs: 50 } });
  try {
    const { topics } = await flat.fitTransform(small, { embeddings: same });
    assert.equal(topics.length, 60);
  } catch (e) {
    assert.ok(e instanceof Error && e.message.length > 10, String(e));
  }
});

test("BERTopic's own fit from its UMAP output (reduceModel 'none'): the same topic for every document, sizes and words", async () => {
  // bertopic.json is BERTopic 0.17.4's fit_transform with UMAP(random_state=42); umap5.f32 is that
  // UMAP's output. Given it, HDBSCAN (hdbscan's exact MST and tie order), the renumbering by size
  // (pandas' sort order among equal sizes) and c-TF-IDF must reproduce BERTopic's result.
  const ref = readJson('brown/bertopic_fit.json');
  const bytes = readFileSync(fixturePath('brown/umap5.f32'));
  const umap5 = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  const model = new TopicModel({ reduceModel: 'none', vectorizerModel: { stopWords: 'english' } });
  const { topics } = await model.fitTransform(texts, { embeddings: umap5 });
  let same = 0;
  for (let i = 0; i < topics.length; ++i) same += topics[i] === ref.topics[i];
  assert.equal(same, ref.topics.length, `${same} of ${ref.topics.length} documents in BERTopic's topic`);
  const info = model.getTopicInfo();
  assert.equal(info.length, ref.topic_info.length);
  let sameWords = 0;
  for (let k = 0; k < info.length; ++k) {
    assert.equal(info[k].Topic, ref.topic_info[k].Topic);
    assert.equal(info[k].Count, ref.topic_info[k].Count);
    sameWords += JSON.stringify(info[k].Representation) === JSON.stringify(ref.topic_info[k].Representation);
  }
  console.log(`# reference fit: ${same}/${topics.length} topics, ${sameWords}/${info.length} identical word lists`);
  assert.equal(sameWords, info.length);
  // transform runs the embeddings through unchanged as well.
  const again = await model.transform(texts.slice(0, 50), { embeddings: umap5.subarray(0, 50 * 5) });
  assert.equal(again.topics.length, 50);
});

test('swappable steps: PCA instead of UMAP, k-means instead of HDBSCAN (BERTopic umap_model / hdbscan_model)', async () => {
  const n = 1500;
  const subset = texts.slice(0, n);
  const subsetEmb = embeddings.slice(0, n * 384);
  const model = new TopicModel({ reduceModel: 'pca', clusterModel: 'kmeans', kmeansModel: { nClusters: 15 }, vectorizerModel: { stopWords: 'english' } });
  const stages = new Set();
  const { topics, probabilities } = await model.fitTransform(subset, { embeddings: subsetEmb, onProgress: (p) => stages.add(p.stage) });
  assert.ok(stages.has('pca') && stages.has('kmeans') && !stages.has('hdbscan'));
  assert.equal(probabilities, null, 'k-means has no probabilities');
  const info = model.getTopicInfo();
  assert.equal(info.length, 15);
  assert.ok(info.every((r) => r.Topic >= 0), 'k-means leaves no outliers');
  assert.equal(model.reducedEmbeddings_.cols, 5);
  // The clusters carry genre information far beyond chance (same topic sizes, shuffled documents).
  const nmi = await normalizedMutualInfo(genre.slice(0, n), topics);
  const shuffled = [...topics].map((t, i) => [t, (i * 7919) % n]).sort((a, b) => a[1] - b[1]).map(([t]) => t);
  const chance = await normalizedMutualInfo(genre.slice(0, n), shuffled);
  assert.ok(nmi > 0.1 && nmi > 4 * chance, `NMI ${nmi} vs ${chance} by chance`);
  // transform: the training documents land in their own k-means topic.
  const predicted = await model.transform(subset.slice(0, 100), { embeddings: subsetEmb.slice(0, 100 * 384) });
  assert.deepEqual([...predicted.topics], [...topics.slice(0, 100)]);
  assert.throws(() => new TopicModel({ clusterModel: 'dbscan' }), /clusterModel must be one of 'hdbscan', 'kmeans'/);
  await assert.rejects(new TopicModel({ clusterModel: 'kmeans', kmeansModel: { nClusters: 50 }, reduceModel: 'pca' }).fit(subset.slice(0, 20), { embeddings: subsetEmb.slice(0, 20 * 384) }), /k-means needs at least nClusters \(50\) documents, got 20/);
});

test("a corpus smaller than nNeighbors fits as umap-learn does: n - 1 neighbours and a warning", async () => {
  // Eight short Brown paragraphs from across the corpus (it is stored genre by genre).
  const short = docs.map((d, i) => i).filter((i) => docs[i].text.length < 300);
  const picked = Array.from({ length: 8 }, (_, k) => short[Math.floor((k * short.length) / 8)]);
  const few = picked.map((i) => texts[i]);
  const fewEmbeddings = new Float32Array(picked.length * 384);
  picked.forEach((src, dst) => fewEmbeddings.set(embeddings.subarray(src * 384, (src + 1) * 384), dst * 384));
  const fit = async (options, onProgress) => {
    const model = new TopicModel({ minTopicSize: 2, ...options });
    const { topics } = await model.fitTransform(few, { embeddings: fewEmbeddings, onProgress });
    const result = { topics: [...topics], info: model.getTopicInfo(), reduced: [...model.reducedEmbeddings_.data] };
    model.free();
    return result;
  };
  const events = [];
  const defaults = await fit({}, (p) => events.push(p));
  // umap-learn: "n_neighbors is larger than the dataset size; truncating to X.shape[0] - 1".
  const warnings = events.filter((p) => p.stage === 'warning');
  assert.equal(warnings.length, 1);
  assert.match(warnings[0].message, /^n_neighbors is larger than the dataset size; truncating to X\.shape\[0\] - 1 \(umapModel\.nNeighbors 15 -> 7 for 8 points\)$/);
  assert.ok(events.some((p) => p.stage === 'hdbscan'), 'the fit went on after the warning');
  // The same fit as asking for n - 1 = 7 neighbours, which warns about nothing.
  const explicit = [];
  assert.deepEqual(await fit({ umapModel: { nNeighbors: 7 } }, (p) => explicit.push(p)), defaults);
  assert.ok(!explicit.some((p) => p.stage === 'warning'));
  assert.equal(defaults.topics.length, 8);
  assert.equal(defaults.info.reduce((n, r) => n + r.Count, 0), 8);
  // Without onProgress the warning goes to console.warn rather than nowhere.
  const warned = [];
  const warn = console.warn;
  console.warn = (...args) => warned.push(args.join(' '));
  try {
    await fit({});
  } finally {
    console.warn = warn;
  }
  assert.equal(warned.length, 1);
  assert.match(warned[0], /^topicwasm: n_neighbors is larger than the dataset size/);
});
