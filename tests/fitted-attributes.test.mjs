// BERTopic's fitted attributes probabilities_, c_tf_idf_ and topic_representations_, transform of a
// single string, and getDocumentInfo's Probability from probabilities_
// (web/model/fitted_attributes.js; the engine keeps the probabilities and maps them).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { TopicModel } from '../web/node.js';
import { brownDocs, brownEmbeddings, shutdownAfterTests } from './helpers.mjs';

shutdownAfterTests();

const N = 1000;
const rows = brownDocs().slice(0, N);
const texts = rows.map((r) => r.text);
const embeddings = brownEmbeddings().slice(0, N * 384);
const base = { vectorizerModel: { stopWords: 'english' }, umapModel: { nEpochs: 100 } };
let distributions; // calculateProbabilities: n x K
let single; // one probability per document
let fitted;

before(async () => {
  distributions = new TopicModel({ ...base, calculateProbabilities: true });
  fitted = await distributions.fitTransform(texts, { embeddings });
  single = new TopicModel(base);
  await single.fitTransform(texts, { embeddings });
});

// BERTopic's _map_probabilities: column `from` added to column `to` for each from -> to of the
// topic mapper's last two columns (get_mappings: a dict, one entry per `from`).
function mapProbabilities(probabilities, mappings, k) {
  return probabilities.map((row) => {
    const out = new Float64Array(k);
    for (const [from, to] of new Map(mappings)) if (from !== -1 && to !== -1) out[to] += row[from];
    return out;
  });
}
const lastTwo = (model) => model.topicMapper_.mappings_.map((r) => [r.at(-2), r.at(-1)]);

test('probabilities_: fitTransform\'s, then mapped through reduceTopics and deleteTopics as BERTopic; kept by updateTopics', async () => {
  assert.deepEqual(distributions.probabilities_, fitted.probabilities);
  assert.ok(single.probabilities_ instanceof Float32Array && single.probabilities_.length === N);
  const before = distributions.probabilities_;
  await distributions.reduceTopics(texts, { nrTopics: 6 });
  const k = distributions.getTopicInfo().filter((r) => r.Topic !== -1).length;
  const expected = mapProbabilities(before, lastTwo(distributions), k);
  const reduced = distributions.probabilities_;
  assert.equal(reduced.length, N);
  reduced.forEach((row, i) => {
    assert.equal(row.length, k);
    row.forEach((p, c) => assert.ok(Math.abs(p - expected[i][c]) < 1e-5, `document ${i} topic ${c}: ${p} vs ${expected[i][c]}`));
  });
  const deleting = distributions.probabilities_;
  await distributions.deleteTopics([2]);
  const afterDelete = mapProbabilities(deleting, lastTwo(distributions), k - 1);
  distributions.probabilities_.forEach((row, i) => row.forEach((p, c) => assert.ok(Math.abs(p - afterDelete[i][c]) < 1e-6)));
  const kept = distributions.probabilities_;
  await distributions.updateTopics(texts, { topNWords: 5 });
  assert.deepEqual(distributions.probabilities_, kept);
  // One probability per document: unchanged by a reduction (BERTopic maps 2-D arrays only).
  const flat = single.probabilities_;
  await single.reduceTopics(texts, { nrTopics: 8 });
  assert.deepEqual(single.probabilities_, flat);
  // A manual fit and a loaded model have none.
  const manual = new TopicModel(base);
  await manual.fitTransform(texts.slice(0, 200), { y: rows.slice(0, 200).map((r) => r.label.length % 3) });
  assert.equal(manual.probabilities_, null);
  assert.equal((await TopicModel.load(single.save())).probabilities_, null);
});

test('getDocumentInfo takes Probability from probabilities_ (BERTopic: max, or 1 - sum for an outlier)', () => {
  const info = distributions.getDocumentInfo(texts);
  const p = distributions.probabilities_;
  const topics = distributions.topics_;
  info.forEach((row, i) => {
    const expected = topics[i] === -1 ? 1 - p[i].reduce((s, x) => s + x, 0) : Math.max(...p[i]);
    assert.ok(Math.abs(row.Probability - expected) < 1e-12, `document ${i}`);
  });
  assert.deepEqual(single.getDocumentInfo(texts).map((r) => r.Probability), Array.from(single.probabilities_));
});

test('transform of one string: the same as transform([string]), arrays of length 1', async () => {
  for (const i of [0, 17, 321]) {
    const row = embeddings.subarray(i * 384, (i + 1) * 384);
    const one = await single.transform(texts[i], { embeddings: row });
    const list = await single.transform([texts[i]], { embeddings: row });
    assert.equal(one.topics.length, 1);
    assert.equal(one.probabilities.length, 1);
    assert.deepEqual(one, list);
  }
  await assert.rejects(single.transform(42, { embeddings: embeddings.subarray(0, 384) }), TypeError);
});

test('cTfIdf_ equals a port of BERTopic\'s ClassTfidfTransformer on the topics\' joined documents; topicRepresentations_ is getTopics()', () => {
  const model = single;
  const csr = model.cTfIdf_;
  const info = model.getTopicInfo();
  assert.deepEqual(csr.shape, [info.length, model.vocabularySize]);
  assert.equal(csr.indptr.length, info.length + 1);
  // BERTopic's _c_tf_idf: documents joined per topic (ascending ids), the fitted vectorizer, then
  // idf = log(1 + int(mean words per topic) / word frequency), rows L1-normalised times idf.
  const topics = model.topics_;
  // BERTopic's _preprocess_text (language 'english'): \n and \t to spaces, only [A-Za-z0-9 ] kept.
  const joined = info.map((r) => texts.filter((_, i) => topics[i] === r.Topic).join(' ').replace(/[\n\t]/g, ' ').replace(/[^A-Za-z0-9 ]+/g, '') || 'emptydoc');
  const X = model.vectorizerModel_.transform(joined);
  const frequency = new Float64Array(X.cols);
  let total = 0;
  for (let p = 0; p < X.data.length; ++p) frequency[X.indices[p]] += X.data[p], total += X.data[p];
  const mean = Math.trunc(total / X.rows);
  let compared = 0;
  for (let r = 0; r < X.rows; ++r) {
    let sum = 0;
    for (let p = X.indptr[r]; p < X.indptr[r + 1]; ++p) sum += X.data[p];
    const expected = new Map();
    for (let p = X.indptr[r]; p < X.indptr[r + 1]; ++p) expected.set(X.indices[p], (X.data[p] / sum) * Math.log(mean / frequency[X.indices[p]] + 1));
    const got = new Map();
    for (let p = csr.indptr[r]; p < csr.indptr[r + 1]; ++p) if (csr.data[p] !== 0) got.set(csr.indices[p], csr.data[p]);
    assert.equal(got.size, expected.size, `row ${r}`);
    for (const [c, v] of expected) assert.ok(Math.abs(got.get(c) - v) <= 1e-12 * Math.max(1, v), `row ${r} column ${c}: ${got.get(c)} vs ${v}`), compared++;
  }
  assert.ok(compared > 1000);
  // The topic words are each row's largest entries.
  const vocabulary = model.vectorizerModel_.getFeatureNamesOut();
  const row = info.findIndex((r) => r.Topic === 0);
  const entries = [];
  for (let p = csr.indptr[row]; p < csr.indptr[row + 1]; ++p) entries.push([vocabulary[csr.indices[p]], csr.data[p]]);
  entries.sort((a, b) => b[1] - a[1]);
  assert.deepEqual(model.getTopic(0).slice(0, 5).map(([w]) => w), entries.slice(0, 5).map(([w]) => w));
  assert.deepEqual(model.topicRepresentations_, model.getTopics());
  assert.equal(model.topicRepresentations_[0][0][0], model.getTopic(0)[0][0]);
});
