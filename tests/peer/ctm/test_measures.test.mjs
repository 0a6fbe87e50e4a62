// CTM 2.6.0 tests/test_measures.py on topicwasm. train_model: ZeroShotTM(num_epochs=2,
// n_components=5) on GoogleNews.txt, here the 500 Brown paragraphs of the fixtures with their precomputed
// all-MiniLM-L6-v2 embeddings (384-d for CTM's 512-d distiluse-base-multilingual-cased).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CTM, invertedRbo, npmiCoherence, topicCoherence, topicDiversity, wordEmbeddingCoherence } from '../../../web/node.js';
import { shutdownAfterTests } from '../../helpers.mjs';
import { documents, embeddings } from '../fixtures.mjs';

shutdownAfterTests();

let trained = null;
async function trainModel() {
  if (!trained) {
    const ctm = new CTM({ modelType: 'zeroshot', numEpochs: 2, nComponents: 5 });
    await ctm.fit(documents, { embeddings });
    trained = ctm;
  }
  return trained;
}

test('test_diversities', async () => {
  const topics = (await trainModel()).getTopicLists(25);
  let score = await invertedRbo(topics); // InvertedRBO(topics).score(): topk 10, weight 0.9
  assert.ok(score >= 0 && score <= 1);
  score = await topicDiversity(topics); // TopicDiversity(topics).score(): topk 25
  assert.ok(score >= 0 && score <= 1);
});

test('test_coherences', async () => {
  // texts = [doc.split() for doc in GoogleNews.txt]: the functions take documents and tokenize them
  const topics = (await trainModel()).getTopicLists(10);
  let score = (await npmiCoherence(documents, topics)).npmi; // CoherenceNPMI
  assert.ok(score >= -1 && score <= 1);
  score = (await topicCoherence(documents, topics, { measure: 'c_v' })).coherence; // CoherenceCV
  assert.ok(score >= -1 && score <= 1);
  // CoherenceWordEmbeddings(topics): word2vec-google-news-300 in CTM; the built-in static word
  // embeddings here
  score = (await wordEmbeddingCoherence(topics)).coherence;
  assert.ok(score >= -1 && score <= 1);
});
