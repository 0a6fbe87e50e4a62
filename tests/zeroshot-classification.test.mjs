// ZeroShotClassification (web/model/representation/zeroshot_classification.js): BERTopic's
// extract_topics ported with a pipeline that scores labels by cosine similarity, on vectors small
// enough to check by hand, then on a manual Brown fit (one topic per genre) against that port
// applied by hand to the same model's c-TF-IDF words; chains, save / load, bad options.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { TopicModel, embed } from '../web/node.js';
import { classifyByEmbedding, zeroShotClassification } from '../web/model/representation/zeroshot_classification.js';
import { brownDocs, shutdownAfterTests } from './helpers.mjs';

shutdownAfterTests();

test('zeroShotClassification: labels by cosine, strict threshold, multi-label order, unmatched topics keep their words', async () => {
  // Labels x (1,0), y (0,1); descriptions "a b" (1,1) and "c" (1,0.1) and "e" (-1,0).
  const vectors = { x: [1, 0], y: [0, 1], 'a b': [1, 1], c: [1, 0.1], e: [-1, 0] };
  const embedTexts = async (texts) => Float32Array.from(texts.flatMap((t) => vectors[t]));
  const topics = [[['a', 0.5], ['b', 0.4], ['', 0.00001]], [['c', 0.9]], [['e', 0.3]]];
  const classified = await classifyByEmbedding(['a b', 'c'], ['x', 'y'], embedTexts);
  assert.deepEqual(classified[0].labels, ['x', 'y'], 'a tie keeps the candidate order');
  assert.ok(Math.abs(classified[0].scores[0] - Math.SQRT1_2) < 1e-7);
  assert.deepEqual(classified[1].labels, ['x', 'y']);
  const single = await zeroShotClassification(topics, embedTexts, { candidateTopics: ['x', 'y'], minSimilarity: 0.7, multiLabel: false });
  assert.equal(single[0][0][0], 'x');
  assert.equal(single[0].length, 1);
  assert.equal(single[1][0][0], 'x');
  assert.deepEqual(single[2], topics[2], 'no label above the threshold: the words stay');
  const multi = await zeroShotClassification(topics, embedTexts, { candidateTopics: ['x', 'y'], minSimilarity: 0.7, multiLabel: true });
  assert.deepEqual(multi[0].map(([l]) => l), ['x', 'y'], 'every label above the threshold, most similar first');
  assert.deepEqual(multi[1].map(([l]) => l), ['x']);
  // BERTopic's ">" : a score equal to the threshold does not label.
  const strict = await zeroShotClassification(topics.slice(1, 2), embedTexts, { candidateTopics: ['x'], minSimilarity: classified[1].scores[0], multiLabel: false });
  assert.deepEqual(strict[0], topics[1]);
});

// A manual fit of every fifth Brown paragraph (1,545), one topic per genre (fast: no UMAP / HDBSCAN).
const rows = brownDocs().filter((_, i) => i % 5 === 0);
const texts = rows.map((r) => r.text);
const genres = [...new Set(rows.map((r) => r.label))].sort();
const y = rows.map((r) => genres.indexOf(r.label));
const candidateTopics = genres.map((g) => g.replaceAll('_', ' '));
const base = { vectorizerModel: { stopWords: 'english' }, embeddingModel: 'fp32' };
const zeroshot = { type: 'ZeroShotClassification', candidateTopics, minSimilarity: 0.25 };
let plain;
let labelled;

before(async () => {
  plain = new TopicModel({ ...base, topNWords: 30 }); // BERTopic's base words: max(top_n_words, 30) c-TF-IDF words
  await plain.fitTransform(texts, { y });
  labelled = new TopicModel({ ...base, representationModel: zeroshot });
  await labelled.fitTransform(texts, { y });
});

const cosine = (u, v) => {
  let dot = 0, a = 0, b = 0;
  for (let c = 0; c < u.length; ++c) { dot += u[c] * v[c]; a += u[c] ** 2; b += v[c] ** 2; }
  return dot / Math.sqrt(a * b);
};

test('ZeroShotClassification on Brown genres: equal to the port applied to the c-TF-IDF words; names follow', async () => {
  const info = plain.getTopicInfo();
  const descriptions = info.map((r) => plain.getTopic(r.Topic).filter(([w]) => w !== '').map(([w]) => w).join(' '));
  const vectors = await embed([...candidateTopics, ...descriptions], { model: 'fp32' });
  const row = (i) => vectors.subarray(i * 384, (i + 1) * 384);
  let labelledCount = 0, ownGenre = 0;
  for (const [t, r] of info.entries()) {
    const sims = candidateTopics.map((_, c) => cosine(row(candidateTopics.length + t), row(c)));
    const best = sims.indexOf(Math.max(...sims));
    const got = labelled.getTopic(r.Topic);
    const name = labelled.getTopicInfo(r.Topic)[0].Name;
    if (sims[best] > zeroshot.minSimilarity) {
      labelledCount += 1;
      if (best === y[plain.topics_.indexOf(r.Topic)]) ownGenre += 1; // a manual fit: one genre per topic
      assert.equal(got.length, 1);
      assert.equal(got[0][0], candidateTopics[best], `topic ${r.Topic}`);
      assert.ok(Math.abs(got[0][1] - sims[best]) < 1e-5, `topic ${r.Topic}: score ${got[0][1]} vs ${sims[best]}`);
      assert.equal(name, `${r.Topic}_${candidateTopics[best]}`);
    } else {
      assert.deepEqual(got.map(([w]) => w), plain.getTopic(r.Topic).map(([w]) => w), `topic ${r.Topic} keeps its 30 words`);
      assert.equal(name, plain.getTopicInfo(r.Topic)[0].Name);
    }
  }
  assert.ok(labelledCount >= 3 && labelledCount < info.length, `${labelledCount} of ${info.length} topics labelled at 0.25: the test must see both cases`);
  console.log(`# ZeroShotClassification on ${info.length} Brown genre topics: ${labelledCount} labelled, ${ownGenre} with their own genre`);
});

test('ZeroShotClassification in a chain and as an aspect; saved and loaded; bad options', async () => {
  // After MMR the description is MMR's 10 words; as an aspect the topic words stay c-TF-IDF's.
  const model = new TopicModel({ ...base, representationModel: { Main: null, Label: ['MaximalMarginalRelevance', { ...zeroshot, multiLabel: true, minSimilarity: 0.2 }] } });
  await model.fitTransform(texts, { y });
  const mmr = new TopicModel({ ...base, representationModel: 'MaximalMarginalRelevance' });
  await mmr.fitTransform(texts, { y });
  const expected = await zeroShotClassification(mmr.getTopicInfo().map((r) => mmr.getTopic(r.Topic)), (t) => embed(t, { model: 'fp32' }),
    { candidateTopics, minSimilarity: 0.2, multiLabel: true });
  const aspect = model.topicAspects_.Label;
  mmr.getTopicInfo().forEach((r, i) => {
    assert.deepEqual(aspect[r.Topic].map(([w]) => w), expected[i].map(([w]) => w), `topic ${r.Topic}`);
    const scores = aspect[r.Topic].map(([, s]) => s);
    if (candidateTopics.includes(aspect[r.Topic][0][0])) assert.deepEqual([...scores].sort((a, b) => b - a), scores);
  });
  assert.deepEqual(model.getTopic(0), plain.getTopic(0).slice(0, 10), 'Main: the c-TF-IDF words');
  const loaded = await TopicModel.load(labelled.save());
  for (const r of labelled.getTopicInfo()) assert.deepEqual(loaded.getTopic(r.Topic), labelled.getTopic(r.Topic));
  assert.throws(() => new TopicModel({ representationModel: 'ZeroShotClassification' }), /needs \{type: 'ZeroShotClassification'/);
  assert.throws(() => new TopicModel({ representationModel: { type: 'ZeroShotClassification' } }), /candidateTopics must be a non-empty list/);
  assert.throws(() => new TopicModel({ representationModel: { type: 'ZeroShotClassification', candidateTopics: ['a', ''] } }), TypeError);
  assert.throws(() => new TopicModel({ representationModel: { ...zeroshot, minSimilarity: 2 } }), /minSimilarity must be a number between -1 and 1/);
  assert.throws(() => new TopicModel({ representationModel: { ...zeroshot, minProb: 0.8 } }), /unknown .*minProb/);
  assert.throws(() => new TopicModel({ representationModel: { ...zeroshot, multiLabel: 1 } }), /multiLabel must be true or false/);
});
