// BERTopic's MaximalMarginalRelevance representation model on 2,000 Brown paragraphs: the topic
// words are re-picked from the 30 best c-TF-IDF words by MMR over their all-MiniLM-L6-v2 embeddings.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TopicModel, createEmbedder } from '../web/node.js';
import { cosineRows } from '../web/engine/embeddings.js';
import { brownDocs, brownEmbeddings, shutdownAfterTests } from './helpers.mjs';

shutdownAfterTests();

const N = 2000, D = 384;
const texts = brownDocs().slice(0, N).map((d) => d.text);
const embeddings = brownEmbeddings().subarray(0, N * D);
// fp32: the words are checked against MMR over fp32 embeddings computed here.
const base = { vectorizerModel: { stopWords: 'english' }, embeddingModel: 'fp32' };
let candidates, mmrModel, embedder;

before(async () => {
  // The same fit with 30 words per topic: the c-TF-IDF candidates MMR picks from.
  candidates = new TopicModel({ ...base, topNWords: 30 });
  await candidates.fitTransform(texts, { embeddings });
  mmrModel = new TopicModel({ ...base, representationModel: 'MaximalMarginalRelevance' });
  await mmrModel.fitTransform(texts, { embeddings });
  embedder = await createEmbedder({ model: 'fp32' });
});
after(async () => {
  await embedder.dispose();
  candidates.free();
  mmrModel.free();
});

// BERTopic's mmr(), literally: full similarity matrices, the max over picked words recomputed.
function referenceMmr(topicEmbedding, wordEmbeddings, n, diversity, topN) {
  const wordDoc = Array.from({ length: n }, (_, i) => cosineRows(wordEmbeddings, i, topicEmbedding, 0, D));
  const wordWord = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => cosineRows(wordEmbeddings, i, wordEmbeddings, j, D)));
  const keywords = [wordDoc.indexOf(Math.max(...wordDoc))];
  const candidatesIdx = [...Array(n).keys()].filter((i) => i !== keywords[0]);
  for (let k = 0; k < topN - 1; ++k) {
    const scores = candidatesIdx.map((c) => (1 - diversity) * wordDoc[c] - diversity * Math.max(...keywords.map((w) => wordWord[c][w])));
    const pick = candidatesIdx[scores.indexOf(Math.max(...scores))];
    keywords.push(pick);
    candidatesIdx.splice(candidatesIdx.indexOf(pick), 1);
  }
  return keywords;
}

test('MMR words: 10 of the 30 c-TF-IDF candidates, in c-TF-IDF order with their scores, as BERTopic\'s mmr() picks them', async () => {
  const info = mmrModel.getTopicInfo();
  assert.deepEqual(info.map((r) => [r.Topic, r.Count]), candidates.getTopicInfo().map((r) => [r.Topic, r.Count]), 'same clustering');
  let changed = 0;
  for (const row of info) {
    const words = mmrModel.getTopic(row.Topic);
    const pool = candidates.getTopic(row.Topic);
    assert.equal(words.length, 10);
    // A subsequence of the candidates (order and scores kept).
    let at = 0;
    for (const [w, s] of words) {
      while (at < pool.length && pool[at][0] !== w) ++at;
      assert.ok(at < pool.length, `topic ${row.Topic}: "${w}" is not a candidate`);
      assert.equal(s, pool[at][1]);
    }
    assert.equal(row.Name, [row.Topic, ...words.slice(0, 4).map(([w]) => w)].join('_'));
    assert.deepEqual(row.Representation, words.map(([w]) => w));
    if (words.map(([w]) => w).join() !== pool.slice(0, 10).map(([w]) => w).join()) ++changed;
  }
  console.log(`MMR changed the words of ${changed} of ${info.length} topics`);
  assert.ok(changed > info.length / 2);
  // Agreement with BERTopic's mmr() on a few topics (embedding the candidates here).
  for (const topic of [-1, 0, 5, 20]) {
    const pool = candidates.getTopic(topic).map(([w]) => w).filter(Boolean);
    const wordEmbeddings = await embedder.embed(pool);
    const topicEmbedding = await embedder.embed([pool.join(' ')]);
    const picked = new Set(referenceMmr(topicEmbedding, wordEmbeddings, pool.length, 0.1, 10).map((i) => pool[i]));
    assert.deepEqual(mmrModel.getTopic(topic).map(([w]) => w), pool.filter((w) => picked.has(w)), `topic ${topic}`);
  }
});

test('MMR words are saved (topics.json) and survive reduceTopics as a fresh MMR pick', async () => {
  const files = mmrModel.save();
  const topicsJson = JSON.parse(new TextDecoder().decode(files['topics.json']));
  assert.deepEqual(topicsJson.topic_representations['3'].map(([w]) => w), mmrModel.getTopic(3).map(([w]) => w));
  assert.equal(topicsJson.topic_labels['3'], mmrModel.getTopicInfo(3)[0].Name);
  const loaded = await TopicModel.load(files);
  assert.deepEqual(loaded.getTopic(3), mmrModel.getTopic(3));
  loaded.free();

  const m = new TopicModel({ ...base, representationModel: { type: 'MaximalMarginalRelevance', diversity: 0.5 } });
  await m.fitTransform(texts, { embeddings });
  await m.reduceTopics(texts, { nrTopics: 10 });
  const plain = new TopicModel({ ...base, topNWords: 30 });
  await plain.fitTransform(texts, { embeddings });
  await plain.reduceTopics(texts, { nrTopics: 10 });
  for (const row of m.getTopicInfo()) {
    const pool = plain.getTopic(row.Topic).map(([w]) => w);
    assert.ok(m.getTopic(row.Topic).every(([w]) => pool.includes(w)), `topic ${row.Topic} after reduction`);
  }
  m.free();
  plain.free();
});

test('representationModel: bad options and a missing embedding model are clear errors, the model unchanged', async () => {
  assert.throws(() => new TopicModel({ representationModel: 'KeyBERT' }), /representationModel must be null, 'MaximalMarginalRelevance'/);
  assert.throws(() => new TopicModel({ representationModel: { type: 'MMR' } }), /representationModel.type must be one of 'MaximalMarginalRelevance'/);
  assert.throws(() => new TopicModel({ representationModel: { diversity: 2 } }), /representationModel.diversity must be a number between 0 and 1/);
  assert.throws(() => new TopicModel({ representationModel: { topN: 5 } }), /unknown representationModel option "topN"/);
  const m = new TopicModel({ ...base, representationModel: 'MaximalMarginalRelevance', embeddingModel: { model: '/nonexistent/model.onnx' } });
  await assert.rejects(m.fitTransform(texts, { embeddings }), /representationModel needs embeddingModel to embed topic words/);
  assert.throws(() => m.getTopicInfo(), /not fitted yet/);
});

test('setTopicLabels: topics not relabelled keep their MMR name as CustomName (BERTopic: get_topic_info().Name)', async () => {
  const m = new TopicModel({ ...base, representationModel: 'MaximalMarginalRelevance' });
  await m.fitTransform(texts, { embeddings });
  m.setTopicLabels({ 0: 'first topic' });
  for (const row of m.getTopicInfo()) {
    assert.equal(row.CustomName, row.Topic === 0 ? 'first topic' : row.Name);
    assert.equal(row.Name, [row.Topic, ...m.getTopic(row.Topic).slice(0, 4).map(([w]) => w)].join('_'));
  }
});
