// CTM's other evaluation measures (contextualized_topic_models/evaluation/measures.py):
// CoherenceWordEmbeddings, KLDivergence and Matches, checked against their definitions and on the
// Brown reference topics.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { embed, klDivergence, topicMatches, wordEmbeddingCoherence } from '../web/node.js';
import { readJson, shutdownAfterTests } from './helpers.mjs';

shutdownAfterTests();
const fit = readJson('brown/bertopic_model/topics.json');
const topics = Object.keys(fit.topic_representations).map(Number).filter((t) => t >= 0).sort((a, b) => a - b)
  .map((t) => fit.topic_representations[t].map(([w]) => w)).slice(0, 40);

test('wordEmbeddingCoherence: the mean pairwise cosine of each topic\'s words; real topics beat shuffled ones', async () => {
  const { coherence, perTopic } = await wordEmbeddingCoherence(topics, { topK: 5 });
  assert.equal(perTopic.length, topics.length);
  // Topic 0 by hand: its five words embedded alone, every pair's cosine averaged.
  const words = topics[0].slice(0, 5);
  const v = await embed(words, { model: 'static' });
  const d = v.length / 5;
  const cos = (i, j) => { let s = 0, a = 0, b = 0; for (let k = 0; k < d; k++) { s += v[i * d + k] * v[j * d + k]; a += v[i * d + k] ** 2; b += v[j * d + k] ** 2; } return s / Math.sqrt(a * b); };
  let sum = 0;
  for (let i = 0; i < 5; i++) for (let j = i + 1; j < 5; j++) sum += cos(i, j);
  assert.ok(Math.abs(perTopic[0] - sum / 10) < 1e-6, `${perTopic[0]} vs ${sum / 10}`);
  // The same words dealt round-robin across topics lose their coherence.
  const flat = topics.flatMap((t) => t.slice(0, 5));
  const shuffled = topics.map((_, t) => Array.from({ length: 5 }, (_, k) => flat[(t + k * 7) % flat.length]));
  const random = await wordEmbeddingCoherence(shuffled, { topK: 5 });
  assert.ok(coherence > random.coherence + 0.05, `topics ${coherence} vs shuffled ${random.coherence}`);
  await assert.rejects(wordEmbeddingCoherence(topics, { topK: 1 }), /topK must be an integer >= 2/);
});

test('klDivergence: CTM\'s sum of a log(a / b) over a\'s non-zero entries, averaged over documents', () => {
  const a = [[0.5, 0.5, 0], [1, 0, 0]];
  const b = [[0.9, 0.05, 0.05], [0.5, 0.25, 0.25]];
  const expected = ((0.5 * Math.log(0.5 / 0.9) + 0.5 * Math.log(0.5 / 0.05)) + Math.log(1 / 0.5)) / 2;
  assert.ok(Math.abs(klDivergence(a, b) - expected) < 1e-12);
  assert.equal(klDivergence(b, b), 0);
  // Gibbs' inequality on random distributions.
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const dist = () => { const r = Array.from({ length: 6 }, rand); const s = r.reduce((x, y) => x + y); return r.map((x) => x / s); };
  const p = Array.from({ length: 50 }, dist), q = Array.from({ length: 50 }, dist);
  assert.ok(klDivergence(p, q) > 0);
  assert.throws(() => klDivergence(p, q.slice(1)), /one row per document/);
});

test('topicMatches: the share of documents with the same most likely topic', () => {
  const a = [[0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.3, 0.3, 0.4], [0.5, 0.4, 0.1]];
  const b = [[0.6, 0.3, 0.1], [0.6, 0.3, 0.1], [0.1, 0.1, 0.8], [0.2, 0.7, 0.1]];
  assert.equal(topicMatches(a, b), 0.5);
  assert.equal(topicMatches(a, a), 1);
  assert.throws(() => topicMatches(a, [[1, 0]]), /one row per document/);
});
