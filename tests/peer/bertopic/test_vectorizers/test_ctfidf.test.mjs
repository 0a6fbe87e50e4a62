// BERTopic 0.17.4 tests/test_vectorizers/test_ctfidf.py on topicwasm (fixtures: ../../fixtures.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClassTfidfTransformer, CountVectorizer } from '../../../../web/node.js';
import { shutdownAfterTests } from '../../../helpers.mjs';
import { MODELS6, documents, on, shared } from '../../fixtures.mjs';

shutdownAfterTests();

// BERTopic's _preprocess_text for language "english": newlines and tabs to spaces, then only
// [A-Za-z0-9 ] kept.
const preprocessText = (docs) => docs.map((doc) => doc.replace(/[\n\t]/g, ' ').replace(/[^A-Za-z0-9 ]+/g, ''));

// documents.groupby(["Topic"]).agg({"Document": " ".join}): one joined document per topic, by id.
function documentsPerTopic(model) {
  const byTopic = new Map();
  Array.from(model.topics_).forEach((t, i) => byTopic.set(t, [...(byTopic.get(t) ?? []), documents[i]]));
  return [...byTopic.keys()].sort((a, b) => a - b).map((t) => byTopic.get(t).join(' '));
}

async function check(name, cv) {
  const model = await shared(name);
  const topics = model.topics_;
  const docs = preprocessText(documentsPerTopic(model));
  // topic_model.vectorizer_model (the model's fitted vectorizer; a copy here, so that its fit leaves
  // the shared model as it is, as copy.deepcopy does), or the custom one
  const vectorizer = cv ?? model.vectorizerModel_;
  const count = await vectorizer.fit(docs);
  const words = count.getFeatureNamesOut();
  const X = count.transform(docs);
  const transformer = new ClassTfidfTransformer().fit(X);
  const cTfIdf = transformer.transform(X);

  assert.ok(words.length > 1000);
  assert.ok(words.every((x) => typeof x === 'string'));
  // isinstance(X, csr_matrix): CSR matrices (row pointers, column indices, values)
  for (const m of [X, cTfIdf]) assert.equal(m.indptr.length, m.shape[0] + 1);
  assert.equal(X.shape[0], new Set(topics).size);
  assert.equal(X.shape[1], words.length);
  assert.equal(cTfIdf.shape[0], new Set(topics).size);
  assert.equal(cTfIdf.shape[1], words.length);
  assert.equal(X.toArray().flat().reduce((min, x) => Math.min(min, x), Infinity), 0);
}

for (const name of MODELS6) {
  test(`test_ctfidf[${name}_topic_model]`, on(name), () => check(name));
}

for (const name of MODELS6) {
  test(`test_ctfidf_custom_cv[${name}_topic_model]`, on(name), () => {
    // CountVectorizer(ngram_range=(1, 3), stop_words="english")
    const cv = new CountVectorizer({ ngramRange: [1, 3], stopWords: 'english' });
    return check(name, cv);
  });
}
