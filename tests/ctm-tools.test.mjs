// CTM's inspection tools (contextualized-topic-models 2.6's ctm.py): get_topic_word_matrix,
// get_word_distribution_by_topic_id, get_thetas, get_top_documents_per_topic_id and
// get_ldavis_data_format, checked against their definitions on 800 Brown paragraphs.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { CTM, analyze } from '../web/node.js';
import { brownDocs, brownEmbeddings, shutdownAfterTests } from './helpers.mjs';

shutdownAfterTests();
const N = 800, K = 5;
const texts = brownDocs().slice(0, N).map((d) => d.text);
const embeddings = brownEmbeddings().slice(0, N * 384);
let ctm;

before(async () => {
  ctm = new CTM({ nComponents: K, numEpochs: 3, vocabularySize: 500 });
  await ctm.fit(texts, { embeddings });
});

test('getTopicWordMatrix is beta: its row-wise softmax is getTopicWordDistribution', () => {
  const beta = ctm.getTopicWordMatrix();
  const dist = ctm.getTopicWordDistribution();
  assert.equal(beta.length, K);
  assert.equal(beta[0].length, ctm.vocabulary.length);
  for (let t = 0; t < K; t++) {
    const max = Math.max(...beta[t]);
    const exp = Array.from(beta[t], (b) => Math.exp(b - max));
    const sum = exp.reduce((a, b) => a + b, 0);
    exp.forEach((e, v) => assert.ok(Math.abs(e / sum - dist[t][v]) < 1e-5, `topic ${t} word ${v}`));
  }
});

test('getWordDistributionByTopicId: every word once, most probable first, its head is the topic list', () => {
  const lists = ctm.getTopicLists(10);
  for (let t = 0; t < K; t++) {
    const pairs = ctm.getWordDistributionByTopicId(t);
    assert.equal(pairs.length, ctm.vocabulary.length);
    assert.equal(new Set(pairs.map(([w]) => w)).size, pairs.length);
    assert.ok(Math.abs(pairs.reduce((a, [, p]) => a + p, 0) - 1) < 1e-3);
    for (let i = 1; i < pairs.length; i++) assert.ok(pairs[i - 1][1] >= pairs[i][1]);
    assert.deepEqual(new Set(pairs.slice(0, 10).map(([w]) => w)), new Set(lists[t]));
  }
  assert.throws(() => ctm.getWordDistributionByTopicId(K), /topic must be an integer id in 0\.\.4/);
});

test('getThetas is the training documents\' topic distribution; top documents per topic follow it', () => {
  const thetas = ctm.getThetas({ nSamples: 5 });
  assert.equal(thetas.length, N);
  const top = CTM.getTopDocumentsPerTopicId(texts, thetas, 2, 5);
  assert.equal(top.length, 5);
  const shares = thetas.map((row) => row[2]).sort((a, b) => b - a);
  assert.deepEqual(top.map(([, share]) => share), shares.slice(0, 5));
  for (const [doc, share] of top) assert.equal(thetas[texts.indexOf(doc)][2], share);
  assert.throws(() => CTM.getTopDocumentsPerTopicId(texts, thetas.slice(1), 0), /one row per document/);
  assert.throws(() => CTM.getTopDocumentsPerTopicId(texts, thetas, K), /topicId must be an integer in 0\.\.4/);
});

test('getLdavisData: pyLDAvis\'s inputs; lengths and frequencies are the training bag of words', async () => {
  const data = ctm.getLdavisData({ nSamples: 5 });
  assert.deepEqual(Object.keys(data), ['topicTermDists', 'docTopicDists', 'docLengths', 'vocab', 'termFrequency']);
  const vocab = data.vocab;
  assert.equal(data.topicTermDists.length, K);
  assert.equal(data.docTopicDists.length, N);
  assert.equal(data.termFrequency.length, vocab.length);
  // Recount the bag of words independently: the vectorizer's terms (English stop words) kept in the vocabulary.
  const index = new Map(vocab.map((w, i) => [w, i]));
  const frequency = new Float64Array(vocab.length);
  for (let d = 0; d < N; d++) {
    let length = 0;
    for (const term of await analyze(texts[d], { stopWords: 'english' })) {
      if (!index.has(term)) continue;
      frequency[index.get(term)]++;
      length++;
    }
    assert.equal(data.docLengths[d], length, `document ${d}`);
  }
  assert.deepEqual(Array.from(data.termFrequency), Array.from(frequency));
  const loaded = await CTM.load(ctm.save());
  assert.throws(() => loaded.getLdavisData(), /fitted in this session/);
  loaded.free();
});

// CTM's README: WhiteSpacePreprocessingStopwords(documents, stopwords_list).preprocess() ->
// preprocessed docs (bag of words), unpreprocessed docs (embedder), vocabulary, retained indices.
test('WhiteSpacePreprocessingStopwords / WhiteSpacePreprocessing: CTM 2.6 preprocess() on a hand-checked corpus and Brown', async () => {
  const { WhiteSpacePreprocessingStopwords, WhiteSpacePreprocessing } = await import('../web/node.js');
  const corpus = ['Café au lait, 2 cups!', 'The the THE', 'a cup of café; cups and lait', '1234 - 56'];
  const [pre, unpre, vocabulary, retained] = new WhiteSpacePreprocessingStopwords(corpus, { stopwordsList: ['the', 'of', 'and', 'a'] }).preprocess();
  assert.deepEqual(pre, ['cafe au lait cups', 'cup cafe cups lait']);
  assert.deepEqual(unpre, [corpus[0], corpus[2]]);
  assert.deepEqual(vocabulary, ['au', 'cafe', 'cup', 'cups', 'lait']);
  assert.deepEqual(retained, [0, 2]);
  // No stop words, the 3 most frequent words: 'the' (3), then of 'cafe', 'cups', 'lait' (2 each) the
  // alphabetically first two; '1234' and '56' (kept with removeNumbers false) do not make it.
  assert.deepEqual(new WhiteSpacePreprocessingStopwords(corpus, { removeNumbers: false, vocabularySize: 3 }).preprocess()[0], ['cafe cups', 'the the the', 'cafe cups']);
  assert.deepEqual(new WhiteSpacePreprocessingStopwords(corpus, { removeNumbers: false }).preprocess()[3], [0, 1, 2, 3]);
  // Brown: at most vocabularySize words, every preprocessed word in the vocabulary, indices line up.
  const stop = ['the', 'of', 'and', 'to', 'a', 'in'];
  const [docs, raw, vocab, kept] = new WhiteSpacePreprocessingStopwords(texts, { stopwordsList: stop, vocabularySize: 300, maxDf: 0.5 }).preprocess();
  assert.ok(vocab.length <= 300 && vocab.length > 250, `${vocab.length} words`);
  const words = new Set(vocab);
  for (const d of docs) for (const w of d.split(' ')) assert.ok(words.has(w) && !stop.includes(w) && w === w.toLowerCase(), w);
  kept.forEach((i, k) => assert.equal(raw[k], texts[i]));
  assert.equal(docs.length, kept.length);
  // The deprecated class: nltk's English stop words, numbers kept.
  const deprecated = new WhiteSpacePreprocessing(['It is 1999 and we are in Paris'], { vocabularySize: 10 });
  assert.equal(deprecated.vocabularySize, 10); // CTM's sp.vocabulary_size
  assert.equal(new WhiteSpacePreprocessingStopwords(['x']).vocabularySize, 2000);
  const [old] = deprecated.preprocess();
  assert.deepEqual(old, ['1999 paris']);
  assert.throws(() => new WhiteSpacePreprocessing(['x'], { stopwordsLanguage: 'italian' }), /not available/);
  assert.throws(() => new WhiteSpacePreprocessingStopwords('text'), TypeError);
  assert.throws(() => new WhiteSpacePreprocessingStopwords(['x'], { vocabularySize: 0 }), /vocabularySize must be an integer >= 1/);
  // As the README: the preprocessed documents train a CTM, the unpreprocessed ones are embedded
  // (here: their rows, picked by the retained indices). Our CTM also drops scikit-learn's English
  // stop words, so documents made of those alone are left out here.
  const usable = [];
  for (let k = 0; k < docs.length; ++k) if ((await analyze(docs[k], { stopWords: 'english' })).length) usable.push(k);
  const rows = new Float32Array(usable.length * 384);
  usable.forEach((k, r) => rows.set(embeddings.subarray(kept[k] * 384, (kept[k] + 1) * 384), r * 384));
  const small = new CTM({ nComponents: 3, numEpochs: 1, vocabularySize: 300 });
  await small.fit(usable.map((k) => docs[k]), { embeddings: rows });
  assert.equal(small.getTopicLists(5).length, 3);
  small.free();
});
