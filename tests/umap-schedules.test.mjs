// UMAP's two schedules on all of Brown (7,725 x 384, BERTopic's UMAP settings, seed 42): the opt-in
// 'fast' (200 epochs, block-parallel) must keep trustworthiness@15 within 0.01 of 'faithful'
// (umap-learn's schedule), measured on the same 3,000 sampled rows. Speed is for bench/umap-schedules.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reduceDimensions, trustworthiness } from '../web/node.js';
import { brownEmbeddings, sampledRows, shutdownAfterTests } from './helpers.mjs';

shutdownAfterTests();

test("fast schedule's trustworthiness@15 on Brown is within 0.01 of the faithful schedule's", async () => {
  const embeddings = brownEmbeddings();
  const dim = 384, n = embeddings.length / dim, sampleSize = 3000;
  // A fixed sample of rows (a seeded partial shuffle; an exact trustworthiness on all rows is O(n^2)).
  const { take } = sampledRows(n, sampleSize);
  const input = take(embeddings, dim);
  const score = {};
  for (const schedule of ['fast', 'faithful']) {
    const reduced = await reduceDimensions(embeddings, n, { nComponents: 5, umapModel: { schedule } });
    assert.equal(reduced.rows, n);
    score[schedule] = await trustworthiness(input, take(reduced.data, 5), sampleSize, { nNeighbors: 15, inputMetric: 'cosine' });
  }
  console.log(`trustworthiness@15 on ${sampleSize} rows: fast ${score.fast.toFixed(4)}, faithful ${score.faithful.toFixed(4)}`);
  // A real embedding, not a degenerate one, for both (umap-learn's own is 0.934 on these rows).
  assert.ok(score.faithful > 0.92, `faithful ${score.faithful}`);
  assert.ok(Math.abs(score.fast - score.faithful) <= 0.01, `fast ${score.fast} vs faithful ${score.faithful}`);
});
