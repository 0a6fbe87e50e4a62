// KeyBERTInspired (web/model/representation/keybert.js): the ranking on vectors small enough to
// check by hand, then on a real Brown fit: the words come from the c-TF-IDF candidates, are ranked
// by similarity, name the topics, and sit closer to the topics' documents than c-TF-IDF's words.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { TopicModel, embed } from '../web/node.js';
import { keyBertInspired } from '../web/model/representation/keybert.js';
import { brownDocs, brownEmbeddings, shutdownAfterTests } from './helpers.mjs';

shutdownAfterTests();

test('keyBertInspired: candidates ranked by cosine to the mean of the representative documents', async () => {
  // 2-D vectors: words a (1,0), b (0,1), c (1,1); topic 0's documents (1,0) and (1,0.5) -> mean (1,0.25);
  // topic 1's document (0,1).
  const vectors = { a: [1, 0], b: [0, 1], c: [1, 1], d1: [1, 0], d2: [1, 0.5], d3: [0, 1] };
  const embedTexts = async (texts) => Float32Array.from(texts.flatMap((t) => vectors[t]));
  const candidates = [[['a', 0.5], ['b', 0.4], ['c', 0.3], ['', 0.00001]], [['a', 0.9], ['c', 0.2]]];
  const out = await keyBertInspired(candidates, [['d1', 'd2'], ['d3']], embedTexts, { topNWords: 2 });
  const cos = (u, v) => (u[0] * v[0] + u[1] * v[1]) / Math.hypot(...u) / Math.hypot(...v);
  assert.deepEqual(out[0].map(([w]) => w), ['a', 'c']);
  assert.ok(Math.abs(out[0][0][1] - cos([1, 0], [1, 0.25])) < 1e-6);
  assert.ok(Math.abs(out[0][1][1] - cos([1, 1], [1, 0.25])) < 1e-6);
  assert.deepEqual(out[1].map(([w]) => w), ['c', 'a']);
  // Fewer candidates than topNWords: padded as the default representation is.
  const padded = await keyBertInspired([[['b', 1]]], [['d3']], embedTexts, { topNWords: 3 });
  assert.deepEqual(padded[0].map(([w]) => w), ['b', '', '']);
});

const N = 1000;
const texts = brownDocs().slice(0, N).map((d) => d.text);
const embeddings = brownEmbeddings().slice(0, N * 384);
const base = { vectorizerModel: { stopWords: 'english' }, umapModel: { nEpochs: 100 }, embeddingModel: 'fp32' };
let keybert;
let plain;

before(async () => {
  keybert = new TopicModel({ ...base, representationModel: 'KeyBERTInspired' });
  await keybert.fitTransform(texts, { embeddings });
  // Same fit, c-TF-IDF words only: its top 100 words are KeyBERTInspired's candidates.
  plain = new TopicModel({ ...base, topNWords: 100 });
  await plain.fitTransform(texts, { embeddings });
});

const mean = (rows, d) => {
  const m = new Float64Array(d);
  for (let r = 0; r < rows.length / d; ++r) for (let c = 0; c < d; ++c) m[c] += rows[r * d + c];
  return m;
};
const cosine = (u, v) => {
  let dot = 0, a = 0, b = 0;
  for (let c = 0; c < u.length; ++c) { dot += u[c] * v[c]; a += u[c] ** 2; b += v[c] ** 2; }
  return dot / Math.sqrt(a * b);
};

test('KeyBERTInspired on Brown: candidate words ranked by similarity, naming the topics, closer to the documents than c-TF-IDF', async () => {
  const info = keybert.getTopicInfo();
  assert.deepEqual(info.map((r) => [r.Topic, r.Count]), plain.getTopicInfo().map((r) => [r.Topic, r.Count]), 'the same clusters');
  let closer = 0, compared = 0;
  for (const row of info) {
    const words = keybert.getTopic(row.Topic).filter(([w]) => w !== '');
    const candidates = new Set(plain.getTopic(row.Topic).map(([w]) => w));
    for (const [w] of words) assert.ok(candidates.has(w), `topic ${row.Topic}: ${w} is not among its 100 c-TF-IDF candidates`);
    const scores = words.map(([, s]) => s);
    assert.deepEqual([...scores].sort((a, b) => b - a), scores, `topic ${row.Topic}: most similar first`);
    assert.ok(scores.every((s) => s >= -1 && s <= 1));
    assert.equal(row.Name, [row.Topic, ...words.slice(0, 4).map(([w]) => w)].join('_'));
    if (row.Topic === -1 || compared >= 8) continue;
    // Against the topic's representative documents (3 of KeyBERTInspired's 5), the chosen words sit
    // closer on average than the c-TF-IDF top 10.
    const docs = keybert.getRepresentativeDocs(row.Topic);
    const topic = mean(await embed(docs, { model: 'fp32' }), 384);
    const meanSim = async (ws) => {
      const v = await embed(ws, { model: 'fp32' });
      return ws.reduce((s, _, i) => s + cosine(v.subarray(i * 384, (i + 1) * 384), topic), 0) / ws.length;
    };
    const ours = await meanSim(words.map(([w]) => w));
    const ctfidf = await meanSim(plain.getTopic(row.Topic).slice(0, 10).map(([w]) => w));
    compared += 1;
    if (ours > ctfidf) closer += 1;
  }
  assert.ok(compared >= 5, `only ${compared} topics compared`);
  assert.equal(closer, compared, `KeyBERTInspired words closer than c-TF-IDF's for ${closer} of ${compared} topics`);
});

test('KeyBERTInspired follows reduceTopics and survives save/load', async () => {
  await keybert.reduceTopics(texts, { nrTopics: 5 });
  const info = keybert.getTopicInfo();
  assert.equal(info.length, 5);
  const loaded = await TopicModel.load(keybert.save());
  for (const row of info) {
    const words = keybert.getTopic(row.Topic);
    assert.equal(row.Name, [row.Topic, ...words.slice(0, 4).map(([w]) => w)].join('_'));
    assert.deepEqual(loaded.getTopic(row.Topic).map(([w]) => w), words.map(([w]) => w));
  }
  assert.throws(() => new TopicModel({ representationModel: { type: 'KeyBERTInspired', nrReprDocs: 0 } }), /nrReprDocs must be/);
  assert.throws(() => new TopicModel({ representationModel: { type: 'KeyBERTInspired', diversity: 0.1 } }), /unknown/);
});
