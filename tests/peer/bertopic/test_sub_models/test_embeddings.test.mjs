// BERTopic 0.17.4 tests/test_sub_models/test_embeddings.py on topicwasm. BERTopic's private
// _extract_embeddings(docs) embeds with the model's embedding_model: embed(docs, {model}) with the
// fixture's embeddingModel here (all fixtures use fp32 all-MiniLM-L6-v2, conftest's model).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TopicModel, createEmbedder } from '../../../../web/node.js';
import { shutdownAfterTests } from '../../../helpers.mjs';
import { D, FIXTURE_OPTIONS, MODELS6, documents, embeddings } from '../../fixtures.mjs';

shutdownAfterTests();

const embedders = new Map();
const extractEmbeddings = async (name, docs) => {
  const model = FIXTURE_OPTIONS[name].embeddingModel;
  if (!embedders.has(model)) embedders.set(model, createEmbedder({ model }));
  const vectors = await (await embedders.get(model)).embed(typeof docs === 'string' ? [docs] : docs);
  return { data: vectors, rows: vectors.length / D, cols: D };
};
const cosine = (a, b) => {
  let dot = 0, na = 0, nb = 0;
  for (let i = 0; i < a.length; ++i) { dot += a[i] * b[i]; na += a[i] * a[i]; nb += b[i] * b[i]; }
  return dot / Math.sqrt(na * nb);
};
const row = (m, i) => m.data.subarray(i * m.cols, (i + 1) * m.cols);
const min = (a) => a.reduce((x, y) => Math.min(x, y), Infinity);
const max = (a) => a.reduce((x, y) => Math.max(x, y), -Infinity);

for (const name of MODELS6) {
  test(`test_extract_embeddings[${name}_topic_model]`, async () => {
    const single = await extractEmbeddings(name, 'a document');
    const multiple = await extractEmbeddings(name, ['something different', 'another document']);
    const sim = [0, 1].map((j) => cosine(row(single, 0), row(multiple, j)));
    assert.equal(single.rows, 1);
    assert.equal(single.cols, 384);
    assert.ok(min(single.data) > -5);
    assert.ok(max(single.data) < 5);
    assert.equal(multiple.rows, 2);
    assert.equal(multiple.cols, 384);
    assert.ok(min(multiple.data) > -5);
    assert.ok(max(multiple.data) < 5);
    assert.ok(sim[0] < 0.5);
    assert.ok(sim[1] > 0.5);
  });
}

for (const name of MODELS6) {
  test(`test_extract_embeddings_compare[${name}_topic_model]`, async () => {
    // BERTopic compares with SentenceTransformer.encode on the same text. The reference here is
    // the fixture's embedding of a Brown paragraph (sentence-transformers' all-MiniLM-L6-v2, stored
    // as half floats): deliberate difference, equal within the half-float rounding (and the ONNX
    // graph's 1e-4), not bit for bit.
    const docs = [documents[0]];
    const ours = await extractEmbeddings(name, docs);
    assert.ok(ours.data instanceof Float32Array);
    assert.deepEqual([ours.rows, ours.cols], [1, 384]);
    const reference = embeddings.subarray(0, D);
    const maxDiff = max(Array.from(ours.data, (v, i) => Math.abs(v - reference[i])));
    // half-float rounding of values below 0.5 is at most 1.2e-4 (measured: 5.4e-5)
    assert.ok(maxDiff < 3e-4, `max |difference| ${maxDiff}`);
  });
}

test('test_extract_incorrect_embeddings', async () => {
  // Deliberate difference: BERTopic picks a sentence-transformers model by `language` and raises
  // ValueError for a language it has none for. topicwasm's embedding model does not depend on
  // `language` (which only decides whether c-TF-IDF keeps non-ASCII letters), so the option is
  // accepted; the fit of a single document still fails with an Error (nothing to cluster). The
  // static embeddings keep MiniLM out of this test.
  const model = new TopicModel({ language: 'Unknown language', embeddingModel: 'static' });
  await assert.rejects(model.fit(['some document']), Error);
});
