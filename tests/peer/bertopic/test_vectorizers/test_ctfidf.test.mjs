// BERTopic 0.17.4 tests/test_vectorizers/test_ctfidf.py on topicwasm (fixtures: ../../fixtures.mjs).
// The classes are looked up at run time (a missing named export would fail the whole file).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as topicwasm from '../../../../web/node.js';
import { shutdownAfterTests } from '../../../helpers.mjs';
import { MODELS6, TODO, documents, on, shared } from '../../fixtures.mjs';

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
  // Checked first so that the todo costs no fit while the classes are missing.
  assert.equal(typeof topicwasm.CountVectorizer, 'function', 'CountVectorizer is not exported');
  assert.equal(typeof topicwasm.ClassTfidfTransformer, 'function', 'ClassTfidfTransformer is not exported');
  const model = await shared(name);
  const topics = model.topics_;
  const docs = preprocessText(documentsPerTopic(model));
  const vectorizer = cv ?? new topicwasm.CountVectorizer(model.options.vectorizerModel);
  const count = vectorizer.fit(docs);
  const words = count.getFeatureNamesOut();
  const X = count.transform(docs);
  const transformer = new topicwasm.ClassTfidfTransformer().fit(X);
  const cTfIdf = transformer.transform(X);

  assert.ok(words.length > 1000);
  assert.ok(words.every((x) => typeof x === 'string'));
  // isinstance(X, csr_matrix): a sparse matrix with BERTopic's shape
  assert.equal(X.shape[0], new Set(topics).size);
  assert.equal(X.shape[1], words.length);
  assert.equal(cTfIdf.shape[0], new Set(topics).size);
  assert.equal(cTfIdf.shape[1], words.length);
  assert.equal(Math.min(...X.toArray().flat()), 0);
}

for (const name of MODELS6) {
  test(`test_ctfidf[${name}_topic_model]`, on(name, TODO.vectorizerClasses), () => check(name));
}

for (const name of MODELS6) {
  test(`test_ctfidf_custom_cv[${name}_topic_model]`, on(name, TODO.vectorizerClasses), () => {
    // CountVectorizer(ngram_range=(1, 3), stop_words="english")
    assert.equal(typeof topicwasm.CountVectorizer, 'function', 'CountVectorizer is not exported');
    const cv = new topicwasm.CountVectorizer({ ngramRange: [1, 3], stopWords: 'english' });
    return check(name, cv);
  });
}
