// visualizeTopics({useCtfidf}): BERTopic's use_ctfidf intertopic map (MinMaxScaler over the chosen
// topics' c-TF-IDF rows, then UMAP with metric='hellinger', init='random'), web/plotting/topics.js.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { TopicModel, visualizeTopics, reduceDimensions } from '../web/node.js';
import { brownDocs, brownEmbeddings, shutdownAfterTests } from './helpers.mjs';

shutdownAfterTests();

const N = 1000;
const texts = brownDocs().slice(0, N).map((r) => r.text);
const embeddings = brownEmbeddings().slice(0, N * 384);
let model;

before(async () => {
  model = new TopicModel({ vectorizerModel: { stopWords: 'english' }, umapModel: { nEpochs: 100 } });
  await model.fitTransform(texts, { embeddings });
});

// Oracle, written from the definitions: scikit-learn's MinMaxScaler column by column (a constant
// column scales by 1, so becomes 0) and umap-learn's hellinger distance on the scaled rows.
function scaledRows(topics) {
  const all = model.getTopicInfo().map((r) => r.Topic).sort((a, b) => a - b);
  const dense = model.cTfIdf_.toArray();
  const rows = topics.map((t) => dense[all.indexOf(t)]);
  const cols = rows[0].length;
  for (let c = 0; c < cols; ++c) {
    const column = rows.map((r) => r[c]);
    const lo = Math.min(...column), hi = Math.max(...column);
    for (const r of rows) r[c] = (r[c] - lo) / (hi - lo || 1);
  }
  return rows;
}
function hellinger(x, y) {
  let bc = 0, sx = 0, sy = 0;
  for (let c = 0; c < x.length; ++c) { bc += Math.sqrt(x[c] * y[c]); sx += x[c]; sy += y[c]; }
  return Math.sqrt(Math.max(0, 1 - bc / Math.sqrt(sx * sy)));
}

test('useCtfidf: the map is a UMAP of rows whose euclidean distances are sqrt(2) x the Hellinger distances of the min-max scaled c-TF-IDF rows', async () => {
  const topics = model.getTopicInfo().map((r) => r.Topic).filter((t) => t >= 0);
  assert.ok(topics.length >= 6, `${topics.length} topics`);
  const fig = await visualizeTopics(model, { useCtfidf: true });
  assert.deepEqual(fig.data[0].customdata.map((c) => c[0]), topics);

  // The rows the figure reduces reproduce the Hellinger geometry pair by pair...
  const { hellingerRows } = await import('../web/plotting/topics.js');
  const rows = hellingerRows(model, model.getTopicInfo(), topics, 'test');
  const cols = rows.length / topics.length;
  const scaled = scaledRows(topics);
  for (let i = 0; i < topics.length; ++i) {
    for (let j = i + 1; j < topics.length; ++j) {
      let d2 = 0;
      for (let c = 0; c < cols; ++c) d2 += (rows[i * cols + c] - rows[j * cols + c]) ** 2;
      assert.ok(Math.abs(Math.sqrt(d2) - Math.SQRT2 * hellinger(scaled[i], scaled[j])) < 1e-5, `topics ${topics[i]}, ${topics[j]}`);
    }
  }
  // ...and the figure's coordinates are those rows' UMAP (2 neighbours, random init, seed 42).
  const reduced = await reduceDimensions(rows, topics.length, { nComponents: 2, umapModel: { nNeighbors: 2, metric: 'euclidean', init: 'random' }, seed: 42 });
  assert.deepEqual(fig.data[0].x, topics.map((_, i) => reduced.data[2 * i]));
  assert.deepEqual(fig.data[0].y, topics.map((_, i) => reduced.data[2 * i + 1]));

  // Not the embedding map, and a subset maps only its own topics.
  const byEmbedding = await visualizeTopics(model);
  assert.notDeepEqual(byEmbedding.data[0].x, fig.data[0].x);
  const some = await visualizeTopics(model, { useCtfidf: true, topics: topics.slice(0, 5) });
  assert.deepEqual(some.data[0].customdata.map((c) => c[0]), topics.slice(0, 5));
  await assert.rejects(visualizeTopics(model, { useCtfidf: 'yes' }), /useCtfidf must be true or false/);
});
