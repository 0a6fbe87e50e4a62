// BERTopic's topic reduction (nr_topics / reduce_topics), merge_topics, reduce_outliers and
// update_topics on the Brown corpus pipeline and on manual (y-label) fits: partition invariants,
// agreement with the genres, determinism, and clear errors that leave the model unchanged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TopicModel, normalizedMutualInfo } from '../web/node.js';
import { brownDocs, brownEmbeddings, shutdownAfterTests } from './helpers.mjs';

shutdownAfterTests();
const docs = brownDocs();
const texts = docs.map((d) => d.text);
const embeddings = brownEmbeddings();
const dim = 384;
const genres = [...new Set(docs.map((d) => d.label))];
const genre = docs.map((d) => genres.indexOf(d.label));
const cpuSeconds = (start) => {
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1e6;
};

// Every old topic lands in exactly one new topic; outliers stay outliers and nothing else becomes one.
function assertCoarsening(before, after) {
  const image = new Map();
  for (let i = 0; i < before.length; ++i) {
    assert.equal(before[i] === -1, after[i] === -1, `document ${i}: outlier status changed`);
    if (!image.has(before[i])) image.set(before[i], after[i]);
    assert.equal(image.get(before[i]), after[i], `old topic ${before[i]} split across new topics`);
  }
  return image;
}

function assertSizes(model, topics) {
  const info = model.getTopicInfo();
  const counts = new Map();
  for (const t of topics) counts.set(t, (counts.get(t) ?? 0) + 1);
  assert.equal(info.reduce((s, r) => s + r.Count, 0), topics.length, 'sizes sum to n');
  for (const row of info) assert.equal(row.Count, counts.get(row.Topic), `Count of topic ${row.Topic}`);
  const sizes = info.filter((r) => r.Topic >= 0).map((r) => r.Count);
  assert.deepEqual(sizes, [...sizes].sort((a, b) => b - a), 'topic ids sorted by size');
  assert.deepEqual(info.filter((r) => r.Topic >= 0).map((r) => r.Topic), sizes.map((_, k) => k), 'ids 0..K-1');
  return info;
}

test('Brown pipeline: nrTopics 50 = reduceTopics(50) after fit; coarsening, sizes, centroids, NMI, transform', async () => {
  const options = { vectorizerModel: { stopWords: 'english' } };
  const model = new TopicModel(options);
  const { topics: before } = await model.fitTransform(texts, { embeddings });
  const infoBefore = model.getTopicInfo();
  const nmiBefore = await normalizedMutualInfo(genre, before);

  const start = process.cpuUsage();
  await model.reduceTopics(texts, { nrTopics: 50 });
  const reduceSeconds = cpuSeconds(start);
  const after = model.topics_;
  const info = assertSizes(model, after);
  // BERTopic counts the outlier topic: nr_topics=50 leaves -1 and 0..48.
  assert.equal(info.length, 50);
  assert.equal(info[0].Topic, -1);
  const image = assertCoarsening(before, after);
  assert.equal(new Set(image.values()).size, 50);
  const nmiAfter = await normalizedMutualInfo(genre, after);
  console.log(`topics ${infoBefore.length - 1} -> ${info.length - 1} (+ outliers), NMI ${nmiBefore.toFixed(3)} -> ${nmiAfter.toFixed(3)}, reduceTopics ${reduceSeconds.toFixed(2)} s CPU`);
  // Average linkage chains (one merged topic takes ~1,700 documents), so NMI drops from the 270-topic
  // level; merging by similarity must still keep far more genre information than merging the same
  // topics into 49 groups at random.
  let seed = 12345;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  let nmiRandom = 0;
  for (let r = 0; r < 3; ++r) {
    const group = Array.from({ length: infoBefore.length }, () => Math.floor(random() * 49));
    nmiRandom = Math.max(nmiRandom, await normalizedMutualInfo(genre, [...before].map((t) => (t === -1 ? -1 : group[t]))));
  }
  console.log(`NMI of a random coarsening to 49 topics (best of 3): ${nmiRandom.toFixed(3)}`);
  assert.ok(nmiAfter >= nmiRandom + 0.05 && nmiAfter >= 0.6 * nmiBefore, `NMI collapsed: ${nmiBefore} -> ${nmiAfter} (random ${nmiRandom})`);

  // Topic embeddings: each merged topic's row is the centroid of its documents.
  const te = model.topicEmbeddings_;
  assert.equal(te.rows, 50);
  for (const topic of [-1, 0, 7, 48]) {
    const centroid = new Float64Array(dim);
    let count = 0;
    after.forEach((t, i) => {
      if (t !== topic) return;
      ++count;
      for (let j = 0; j < dim; ++j) centroid[j] += embeddings[i * dim + j];
    });
    const row = te.data.subarray((topic + 1) * dim, (topic + 2) * dim);
    const err = Math.max(...row.map((v, j) => Math.abs(v - centroid[j] / count)));
    assert.ok(err < 1e-4, `topic ${topic} embedding is off its centroid by ${err}`);
  }
  // Representations were recomputed for the merged topics: names carry the new ids.
  for (const row of info) assert.ok(row.Name.startsWith(`${row.Topic}_`), row.Name);

  // The same reduction inside fit (nrTopics option) gives the same topics: deterministic.
  const direct = new TopicModel({ ...options, nrTopics: 50 });
  const { topics: fitted } = await direct.fitTransform(texts, { embeddings });
  assert.deepEqual(fitted, after);
  assert.deepEqual(direct.getTopicInfo().map((r) => r.Name), info.map((r) => r.Name));

  // transform maps HDBSCAN's clusters through the merged topics.
  const sample = Array.from({ length: 100 }, (_, i) => i * 71);
  const predicted = await model.transform(sample.map((i) => texts[i]), {
    embeddings: sample.map((i) => embeddings.subarray(i * dim, (i + 1) * dim)),
  });
  assert.ok([...predicted.topics].every((t) => t >= -1 && t < 49));
  const clustered = sample.filter((i) => after[i] !== -1);
  const agree = sample.filter((i, k) => after[i] !== -1 && predicted.topics[k] === after[i]).length;
  assert.ok(agree / clustered.length >= 0.8, `transform agrees on ${agree}/${clustered.length}`);

  // nrTopics at or above the topic count keeps the topics as they are.
  await model.reduceTopics(texts, { nrTopics: 50 });
  assert.deepEqual(model.topics_, after);

  // mergeTopics: a list merges into one topic; a list of lists merges each group.
  const sizeOf = (t) => info.find((r) => r.Topic === t).Count;
  await model.mergeTopics(texts, [3, 5, 9]);
  const merged = model.topics_;
  assertCoarsening(after, merged);
  assertSizes(model, merged);
  assert.equal(model.getTopicInfo().length, 48);
  const mergedTopic = merged[after.indexOf(3)];
  assert.equal(model.getTopicInfo(mergedTopic)[0].Count, sizeOf(3) + sizeOf(5) + sizeOf(9));
  assert.ok([5, 9].every((t) => merged[after.indexOf(t)] === mergedTopic));
  const beforeGroups = model.topics_;
  await model.mergeTopics(texts, [[0, 1], [2, 4, 6]]);
  assertCoarsening(beforeGroups, model.topics_);
  assertSizes(model, model.topics_);
  assert.equal(model.getTopicInfo().length, 45);

  // reduceOutliers returns new topics and leaves the model as it is.
  const current = model.topics_;
  const outliers = [...current].filter((t) => t === -1).length;
  const byEmbeddings = await model.reduceOutliers(texts, current, { strategy: 'embeddings', embeddings });
  assert.deepEqual(model.topics_, current, 'reduceOutliers changed the model');
  current.forEach((t, i) => t !== -1 && assert.equal(byEmbeddings[i], t));
  assert.equal([...byEmbeddings].filter((t) => t === -1).length, 0, 'embeddings, threshold 0: every outlier assigned');
  const byCtfidf = await model.reduceOutliers(texts, current, { strategy: 'c-tf-idf' });
  const leftCtfidf = [...byCtfidf].filter((t) => t === -1).length;
  current.forEach((t, i) => t !== -1 && assert.equal(byCtfidf[i], t));
  const strict = await model.reduceOutliers(texts, current, { strategy: 'embeddings', embeddings, threshold: 0.5 });
  const leftStrict = [...strict].filter((t) => t === -1).length;
  const strictCtfidf = await model.reduceOutliers(texts, current, { strategy: 'c-tf-idf', threshold: 0.1 });
  const leftStrictCtfidf = [...strictCtfidf].filter((t) => t === -1).length;
  console.log(`outliers ${outliers}: c-tf-idf leaves ${leftCtfidf} (threshold 0; documents with no vocabulary term) and ${leftStrictCtfidf} at 0.1; embeddings leave 0 and ${leftStrict} at 0.5`);
  assert.ok(leftCtfidf <= 0.01 * outliers, `c-tf-idf left ${leftCtfidf} of ${outliers} outliers`);
  assert.ok(leftStrict > 0 && leftStrict < outliers, `threshold 0.5 left ${leftStrict} of ${outliers}`);
  assert.ok(leftStrictCtfidf > leftCtfidf && leftStrictCtfidf < outliers);
  // Outliers assigned by their embeddings mostly share their nearest topic's genre mix: NMI does not drop much.
  const nmiOutliers = await normalizedMutualInfo(genre, byEmbeddings);
  console.log(`NMI with outliers assigned by embeddings ${nmiOutliers.toFixed(3)}`);
  // 'distributions' (the default): the argmax of approximateDistribution for each outlier with any similarity.
  const byDistributions = await model.reduceOutliers(texts, current);
  const outlierTexts = texts.filter((_, i) => current[i] === -1);
  const { topicDistributions } = await model.approximateDistribution(outlierTexts, { minSimilarity: 0 });
  const expected = topicDistributions.map((row) => (row.some((v) => v > 0) ? row.indexOf(Math.max(...row)) : -1));
  assert.deepEqual([...byDistributions].filter((_, i) => current[i] === -1), expected);
  current.forEach((t, i) => t !== -1 && assert.equal(byDistributions[i], t));
  await assert.rejects(model.reduceOutliers(texts, current, { strategy: 'probabilities' }), /needs probabilities/);
  await assert.rejects(model.reduceOutliers(texts, current, { strategy: 'nearest' }), /strategy must be/);
  await assert.rejects(model.reduceOutliers(texts, current, { strategie: 'c-tf-idf' }), /unknown reduceOutliers option "strategie"/);
  await assert.rejects(model.reduceOutliers(texts.slice(1), current, { strategy: 'c-tf-idf' }), /got 7724 documents/);

  // updateTopics with the new topics: no outlier topic left, ids and centroids kept.
  const embeddingsBefore = model.topicEmbeddings_;
  await model.updateTopics(texts, { topics: byEmbeddings, vectorizerModel: { stopWords: 'english' } });
  assert.deepEqual(model.topics_, byEmbeddings);
  const updated = model.getTopicInfo();
  assert.equal(updated[0].Topic, 0);
  assert.equal(updated.length, 44);
  assert.deepEqual(model.topicEmbeddings_.data, embeddingsBefore.data.subarray(dim));
  for (const row of updated) assert.ok(row.Name.startsWith(`${row.Topic}_`));
  model.free();
  direct.free();
});

test('manual fit: nrTopics reduces by c-TF-IDF, auto merges, probabilities strategy; bad input leaves the model unchanged', async () => {
  const n = 3000;
  const few = texts.slice(0, n);
  // Sub-genre labels: each genre split in three by position, with every 10th document an outlier.
  const y = genre.slice(0, n).map((g, i) => (i % 10 === 0 ? -1 : g * 3 + (i % 3)));
  const model = new TopicModel({ vectorizerModel: { stopWords: 'english' } });
  const { topics: before } = await model.fitTransform(few, { y });
  const k = model.getTopicInfo().length;
  const state = () => JSON.stringify([model.topics_, model.getTopicInfo()]);
  const snapshot = state();

  await assert.rejects(model.reduceTopics(few, { nrTopics: 1 }), /nrTopics must be an integer >= 2 or 'auto', got 1/);
  await assert.rejects(model.reduceTopics(few, { nrTopics: 2.5 }), /nrTopics must be/);
  await assert.rejects(model.reduceTopics(few, { nrTopic: 5 }), /unknown reduceTopics option "nrTopic"/);
  await assert.rejects(model.reduceTopics(few.slice(0, 10), { nrTopics: 5 }), /got 10 documents but the model was fitted on 3000/);
  await assert.rejects(model.mergeTopics(few, [1, k + 5]), new RegExp(`there is no topic ${k + 5}`));
  await assert.rejects(model.mergeTopics(few, [[1, 2], [2, 3]]), /topic 2 appears more than once/);
  await assert.rejects(model.mergeTopics(few, [[1, 2], 3]), /topicsToMerge\[1\] must be a non-empty list/);
  await assert.rejects(model.mergeTopics(few, []), /non-empty/);
  await assert.rejects(model.updateTopics(few, { topics: new Array(n).fill(-1) }), /every document to -1/);
  await assert.rejects(model.updateTopics(few, { topics: new Array(n).fill(k + 3) }), /not a topic|update_topics takes/);
  await assert.rejects(model.reduceOutliers(few, before, { strategy: 'embeddings', embeddings: embeddings.subarray(0, n * dim) }), /needs topic embeddings/);
  assert.throws(() => new TopicModel({ nrTopics: 1 }), /nrTopics must be null, an integer >= 2 or 'auto', got 1/);
  assert.throws(() => new TopicModel({ nrTopics: 'fewer' }), /nrTopics must be/);
  assert.equal(state(), snapshot, 'a failed call changed the model');

  // BERTopic's topic_mapper_ after fit: [label, label, topic] per label; the cluster step's labels are y.
  assert.deepEqual([...model.clusterLabels_], y);
  const fitted = model.topicMapper_;
  assert.deepEqual(fitted.mappings_.map((r) => r[0]), [...new Set(y)].sort((p, q) => p - q));
  fitted.mappings_.forEach((r) => assert.equal(r.length, 3));
  y.forEach((label, i) => assert.equal(fitted.getMappings()[label], before[i]));

  await model.reduceTopics(few, { nrTopics: 16 });
  const after = model.topics_;
  assert.equal(model.getTopicInfo().length, 16);
  assertCoarsening(before, after);
  assertSizes(model, after);
  // A column per change: get_mappings() maps every label to its document's current topic, and
  // getMappings(false) maps the topics before the reduction to those after it.
  const mapper = model.topicMapper_;
  mapper.mappings_.forEach((r) => assert.equal(r.length, 4));
  const mappings = mapper.getMappings();
  y.forEach((label, i) => assert.equal(mappings[label], after[i], `label ${label}`));
  const last = mapper.getMappings(false);
  before.forEach((t, i) => assert.equal(last[t], after[i]));
  assert.deepEqual([...model.clusterLabels_], y, 'reductions do not change the cluster labels');
  const nmi = [await normalizedMutualInfo(genre.slice(0, n), before), await normalizedMutualInfo(genre.slice(0, n), after)];
  console.log(`manual fit: ${k - 1} -> 15 topics by c-TF-IDF, NMI vs genres ${nmi[0].toFixed(3)} -> ${nmi[1].toFixed(3)}`);
  assert.ok(nmi[1] >= 0.5 * nmi[0], `NMI ${nmi}`);

  // nrTopics in the constructor gives the same result; 'auto' merges some but not all topics.
  const direct = new TopicModel({ vectorizerModel: { stopWords: 'english' }, nrTopics: 16 });
  assert.deepEqual((await direct.fitTransform(few, { y })).topics, after);
  const auto = new TopicModel({ vectorizerModel: { stopWords: 'english' }, nrTopics: 'auto' });
  const { topics: autoTopics } = await auto.fitTransform(few, { y });
  const autoCount = auto.getTopicInfo().length;
  console.log(`nrTopics 'auto': ${k - 1} -> ${autoCount - 1} topics`);
  assert.ok(autoCount < k && autoCount > 2, `auto left ${autoCount} of ${k}`);
  assertCoarsening(before, autoTopics);
  for (const m of [model, direct, auto]) m.free();
});

test("reduceOutliers 'probabilities' uses calculateProbabilities' distributions", async () => {
  const small = texts.slice(0, 400);
  const model = new TopicModel({ minTopicSize: 5, calculateProbabilities: true, umapModel: { nEpochs: 200 } });
  const { topics, probabilities } = await model.fitTransform(small, { embeddings: embeddings.subarray(0, 400 * dim) });
  const k = model.getTopicInfo().filter((r) => r.Topic >= 0).length;
  assert.ok(topics.includes(-1) && k >= 2, `need outliers and topics (${k})`);
  const reduced = await model.reduceOutliers(small, topics, { strategy: 'probabilities', probabilities });
  topics.forEach((t, i) => {
    if (t !== -1) return assert.equal(reduced[i], t);
    const row = probabilities[i];
    const best = row.indexOf(Math.max(...row));
    assert.equal(reduced[i], best, `outlier ${i} goes to its most probable topic`);
  });
  const high = await model.reduceOutliers(small, topics, { strategy: 'probabilities', probabilities, threshold: 2 });
  assert.deepEqual(high, topics, 'no probability reaches 2');
  await assert.rejects(model.reduceOutliers(small, topics, { strategy: 'probabilities', probabilities: probabilities.map((r) => r.subarray(1)) }),
    /probabilities must be 400 x/);
  // Reducing the topics maps the distributions: merged topics' columns add up (transform).
  await model.reduceTopics(small, { nrTopics: 3 });
  const { probabilities: p2 } = await model.transform(small.slice(0, 20), { embeddings: embeddings.subarray(0, 20 * dim) });
  assert.equal(p2[0].length, 2);
  model.free();
});

test('deleteTopics: the topics\' documents become outliers, the rest keep words and embeddings; a loaded model can; clear errors', async () => {
  const n = 2000;
  const few = texts.slice(0, n);
  const model = new TopicModel({ umapModel: { nEpochs: 100 } });
  await model.fitTransform(few, { embeddings: embeddings.subarray(0, n * dim) });
  const before = Array.from(model.topics_);
  const info = model.getTopicInfo();
  const words = model.getTopics();
  const centroid = (m, id) => {
    const { data, cols } = m.topicEmbeddings_;
    const r = m.getTopicInfo().findIndex((row) => row.Topic === id);
    return Array.from(data.subarray(r * cols, (r + 1) * cols));
  };
  const kept = info.filter((r) => r.Topic >= 0 && r.Topic !== 1 && r.Topic !== 2);
  const oldCentroids = new Map(kept.map((r) => [r.Topic, centroid(model, r.Topic)]));
  const state = () => JSON.stringify([model.topics_, model.getTopicInfo()]);
  const snapshot = state();
  await assert.rejects(model.deleteTopics([-1]), /-1 is the outlier topic/);
  await assert.rejects(model.deleteTopics([info.length + 5]), new RegExp(`there is no topic ${info.length + 5}`));
  await assert.rejects(model.deleteTopics(info.filter((r) => r.Topic >= 0).map((r) => r.Topic)), /only outliers/);
  await assert.rejects(model.deleteTopics([]), /topicsToDelete is empty/);
  await assert.rejects(model.deleteTopics(['1']), TypeError);
  assert.equal(state(), snapshot, 'a failed call changed the model');

  const saved = model.save();
  await model.deleteTopics([1, 2]);
  const after = Array.from(model.topics_);
  // Documents of 1 and 2 are outliers; every other topic maps to exactly one new topic with its words and embedding.
  const image = new Map();
  for (let i = 0; i < n; ++i) {
    if (before[i] === 1 || before[i] === 2 || before[i] === -1) {
      assert.equal(after[i], -1, `document ${i} of topic ${before[i]}`);
      continue;
    }
    if (!image.has(before[i])) image.set(before[i], after[i]);
    assert.equal(image.get(before[i]), after[i]);
  }
  assertSizes(model, after);
  assert.equal(model.getTopicInfo().length, info.length - 2);
  for (const [old, now] of image) {
    assert.deepEqual(model.getTopic(now), words[old], `topic ${old} -> ${now} keeps its words`);
    assert.deepEqual(centroid(model, now), oldCentroids.get(old), `topic ${old} -> ${now} keeps its embedding`);
  }
  // The topic mapper gains a column; cluster labels map to the current topics.
  const rows = model.topicMapper_.mappings_;
  assert.ok(rows.every((row) => row.length === 4));
  // transform still assigns only existing topics.
  const { topics: predicted } = await model.transform(few.slice(0, 50), { embeddings: embeddings.subarray(0, 50 * dim) });
  const ids = new Set(model.getTopicInfo().map((r) => r.Topic));
  assert.ok(Array.from(predicted).every((t) => ids.has(t)));

  // A loaded model (no documents) deletes the same way, and saves what it became.
  const loaded = await TopicModel.load(saved);
  await loaded.deleteTopics([1, 2]);
  assert.deepEqual(Array.from(loaded.topics_), after);
  assert.deepEqual(loaded.getTopicInfo().map((r) => [r.Topic, r.Count, r.Name]), model.getTopicInfo().map((r) => [r.Topic, r.Count, r.Name]));
  const reloaded = await TopicModel.load(loaded.save());
  assert.deepEqual(Array.from(reloaded.topics_), after);
  assert.deepEqual(reloaded.topicMapper_.mappings_, loaded.topicMapper_.mappings_);
  for (const m of [model, loaded, reloaded]) m.free();
});
