// c-TF-IDF against BERTopic 0.17.4 on the Brown corpus grouped by HDBSCAN's eom labels
// (fixture: ../shared/reference/brown/ctfidf.json, five vectorizer/weighting settings). That
// reference applies CountVectorizer + ClassTfidfTransformer to the joined class documents directly,
// without BERTopic's English clean-up (_preprocess_text), so those tests use a non-English
// `language`; the last test checks the clean-up against a full BERTopic fit (bertopic.json).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TopicModel, CountVectorizer, ClassTfidfTransformer, analyze } from '../web/node.js';
import { brownDocs, readJson, shutdownAfterTests } from './helpers.mjs';

shutdownAfterTests();
const reference = readJson('brown/ctfidf.json');
const docs = brownDocs().map((d) => d.text);
const labels = readJson('brown/eom_labels.json');

const SETTINGS = {
  default: { vectorizerModel: { stopWords: 'english' } },
  bm25: { vectorizerModel: { stopWords: 'english' }, ctfidfModel: { bm25Weighting: true } },
  reduce_frequent: { vectorizerModel: { stopWords: 'english' }, ctfidfModel: { reduceFrequentWords: true } },
  no_stopwords: { vectorizerModel: {} },
  bigrams_mindf2: { vectorizerModel: { stopWords: 'english', ngramRange: [1, 2], minDf: 2 } },
};

// Words with equal scores may come in any order: compare as score-sorted lists, and words as sets
// within runs of equal scores.
function assertSameTopWords(ours, theirs, where) {
  assert.equal(ours.length, theirs.length, `${where}: number of words`);
  for (let i = 0; i < theirs.length; ++i) {
    const [, refScore] = theirs[i];
    const [, score] = ours[i];
    // 1e-6 relative, or half a unit of the reference's last printed digit (it keeps 8 decimals).
    const tolerance = Math.max(1e-6 * Math.abs(refScore), 5e-9 + 1e-12);
    assert.ok(Math.abs(score - refScore) <= tolerance, `${where}: score ${i}: ${score} vs ${refScore}`);
  }
  // Ties at the cut-off may pick different words of equal score; compare the words above it.
  const cut = theirs[theirs.length - 1][1];
  const above = (list) => list.filter(([, s]) => s > cut * (1 + 1e-6)).map(([w]) => w).sort();
  assert.deepEqual(above(ours), above(theirs), `${where}: words`);
}

for (const [name, options] of Object.entries(SETTINGS)) {
  test(`c-TF-IDF "${name}" equals BERTopic: vocabulary size and top-10 words per topic`, async () => {
    const model = new TopicModel({ topNWords: 10, language: 'multilingual', ...options });
    const { topics } = await model.fitTransform(docs, { y: labels });
    // Our topics are renumbered by size (as BERTopic's fit does); map each back via a document.
    const ourTopicOf = new Map();
    labels.forEach((label, i) => ourTopicOf.set(label, topics[i]));
    const expected = reference[name];
    assert.equal(model.vocabularySize, expected.vocab_size, 'vocabulary size');
    assert.equal(Object.keys(expected.topics).length, ourTopicOf.size, 'number of classes');
    for (const [label, words] of Object.entries(expected.topics)) {
      assertSameTopWords(model.getTopic(ourTopicOf.get(Number(label))), words, `${name} topic ${label}`);
    }
    model.free();
  });
}

test('manual topic modeling with a BERTopic fit\'s topics reproduces its topic words (English clean-up included)', async () => {
  // bertopic_model/topics.json: the saved model of a full BERTopic 0.17.4 fit on these documents.
  const reference = readJson('brown/bertopic_model/topics.json');
  const model = new TopicModel({ vectorizerModel: { stopWords: 'english' } });
  const { topics } = await model.fitTransform(docs, { y: reference.topics });
  // Its topics are already numbered by size, so renumbering may only permute topics of equal size
  // (BERTopic's pandas sort leaves ties in no defined order; ours keeps first appearance).
  const ours = new Map();
  reference.topics.forEach((t, i) => ours.set(t, topics[i]));
  const sizes = model.topicSizes_;
  for (const [t, id] of ours) assert.equal(sizes[id], reference.topic_sizes[t], `topic ${t} size`);
  for (const [t, words] of Object.entries(reference.topic_representations)) {
    const id = ours.get(Number(t));
    assertSameTopWords(model.getTopic(id), words, `topic ${t}`);
  }
  assert.equal(model.vocabularySize, 47645, 'vocabulary size of the fitted model (ctfidf_config.json)');
  model.free();
});

// The objects on their own, as scikit-learn's and BERTopic's: CountVectorizer.fit / transform on
// the joined class documents and ClassTfidfTransformer.fit(X).transform(X) give the reference's
// vocabulary and top words (computed in JS over the engine's analyzer, not by the engine's c-TF-IDF).
test('CountVectorizer.fit + ClassTfidfTransformer.fit / transform on their own equal BERTopic', async () => {
  const classes = [...new Set(labels)].sort((a, b) => a - b);
  const members = new Map(classes.map((c) => [c, []]));
  labels.forEach((label, i) => members.get(label).push(docs[i]));
  const joined = classes.map((c) => members.get(c).join(' '));
  // One vectorizer per vectorizer setting (each fit + transform reads the whole corpus twice): the
  // three weightings of stop_words='english', and bigrams with min_df=2.
  const fitted = new Map();
  for (const name of ['default', 'bm25', 'reduce_frequent', 'bigrams_mindf2']) {
    const options = SETTINGS[name];
    const key = JSON.stringify(options.vectorizerModel);
    if (!fitted.has(key)) {
      const vectorizer = new CountVectorizer(options.vectorizerModel);
      assert.equal(await vectorizer.fit(joined), vectorizer, 'fit resolves to the vectorizer');
      fitted.set(key, { words: vectorizer.getFeatureNamesOut(), X: vectorizer.transform(joined) });
    }
    const { words, X } = fitted.get(key);
    assert.equal(words.length, reference[name].vocab_size, `${name}: vocabulary size`);
    assert.deepEqual(X.shape, [classes.length, words.length]);
    const ctfidf = new ClassTfidfTransformer(options.ctfidfModel).fit(X).transform(X);
    classes.forEach((label, r) => {
      const row = [];
      for (let p = ctfidf.indptr[r]; p < ctfidf.indptr[r + 1]; ++p) row.push([words[ctfidf.indices[p]], ctfidf.data[p]]);
      row.sort((a, b) => b[1] - a[1]);
      assertSameTopWords(row.slice(0, 10), reference[name].topics[label], `${name} class ${label}`);
    });
  }
  assert.throws(() => new CountVectorizer().transform(['x']), /not fitted yet/);
  assert.throws(() => new ClassTfidfTransformer().transform({ rows: 1, cols: 1, indptr: Int32Array.of(0, 0), indices: new Int32Array(0), data: new Float64Array(0) }), /not fitted yet/);
  assert.throws(() => new ClassTfidfTransformer().fit([[1, 2]]), TypeError);
  await assert.rejects(new CountVectorizer({ stopWords: 'english' }).fit(['the and of']), /no terms remain/);
});

// BERTopic's swappable objects: new CountVectorizer({...}) / new ClassTfidfTransformer({...}) where
// the option objects go; the vectorizer is fitted in place (vocabulary, bag of words), and
// model.options.vectorizerModel passes back into updateTopics as it is.
test('CountVectorizer / ClassTfidfTransformer objects: the same topics as the options; vocabulary and bag of words after fit', async () => {
  const few = docs.slice(0, 1500);
  const y = few.map((_, i) => i % 7);
  const vectorizer = new CountVectorizer({ stopWords: 'english', minDf: 2 });
  const ctfidf = new ClassTfidfTransformer({ bm25Weighting: true });
  assert.throws(() => vectorizer.getFeatureNamesOut(), /not fitted yet/);
  assert.throws(() => new CountVectorizer({ stopWords: 5 }), TypeError);
  assert.throws(() => new ClassTfidfTransformer({ bm25: true }), /unknown ctfidfModel option "bm25"/);
  const model = new TopicModel({ vectorizerModel: vectorizer, ctfidfModel: ctfidf });
  const plain = new TopicModel({ vectorizerModel: { stopWords: 'english', minDf: 2 }, ctfidfModel: { bm25Weighting: true } });
  await model.fitTransform(few, { y });
  await plain.fitTransform(few, { y });
  assert.deepEqual(model.getTopics(), plain.getTopics());
  assert.equal(model.options.vectorizerModel, vectorizer, 'options hands back the object itself');
  assert.equal(model.options.ctfidfModel, ctfidf);
  assert.equal(vectorizer.getParams().minDf, 2);
  // The vocabulary is the model's; transform counts the analyzer's terms over it.
  const vocabulary = vectorizer.getFeatureNamesOut();
  assert.equal(vocabulary.length, model.vocabularySize);
  assert.deepEqual([...vocabulary].sort(), vocabulary, 'sorted, as scikit-learn');
  assert.equal(vectorizer.vocabulary_[vocabulary[5]], 5);
  const bow = vectorizer.transform(few.slice(0, 3));
  assert.equal(bow.rows, 3);
  assert.equal(bow.cols, vocabulary.length);
  for (let r = 0; r < 3; ++r) {
    const expected = new Map();
    for (const term of await analyze(few[r], { stopWords: 'english', minDf: 2 })) if (term in vectorizer.vocabulary_) expected.set(term, (expected.get(term) ?? 0) + 1);
    const got = new Map();
    for (let p = bow.indptr[r]; p < bow.indptr[r + 1]; ++p) got.set(vocabulary[bow.indices[p]], bow.data[p]);
    assert.deepEqual(got, expected, `document ${r}`);
  }
  // vectorizerModel_ (BERTopic's fitted vectorizer_model): the object given, or one made from the
  // options, reading the model's vocabulary; its own fit detaches it and leaves the model as it was.
  assert.equal(model.vectorizerModel_, vectorizer);
  const made = plain.vectorizerModel_;
  assert.ok(made instanceof CountVectorizer);
  assert.deepEqual(made.getFeatureNamesOut(), vocabulary);
  await made.fit(few.slice(0, 5));
  assert.ok(made.getFeatureNamesOut().length < vocabulary.length);
  assert.equal(plain.vocabularySize, vocabulary.length);
  // updateTopics with the model's own option objects, as they are (also a plain model's, which
  // carry the online keys); a new vectorizer object passed there is fitted by it.
  await model.updateTopics(few, { vectorizerModel: model.options.vectorizerModel, ctfidfModel: model.options.ctfidfModel });
  assert.deepEqual(model.getTopics(), plain.getTopics());
  await plain.updateTopics(few, { vectorizerModel: plain.options.vectorizerModel, ctfidfModel: plain.options.ctfidfModel });
  const bigrams = new CountVectorizer({ stopWords: 'english', ngramRange: [1, 2], minDf: 3 });
  await model.updateTopics(few, { vectorizerModel: bigrams });
  assert.ok(bigrams.getFeatureNamesOut().some((t) => t.includes(' ')), 'bigrams in the vocabulary');
  assert.equal(bigrams.getFeatureNamesOut().length, model.vocabularySize);
  model.free();
  plain.free();
});
