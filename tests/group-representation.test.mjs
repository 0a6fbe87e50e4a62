// The main representation model inside topicsOverTime / topicsPerClass (BERTopic's
// _extract_words_per_topic(..., calculate_aspects=False) per group): with one group holding every
// document and no tuning, a group's c-TF-IDF is the model's, so each row's words must be the
// model's own (fine-tuned) topic words; with several classes, the rows are MMR's pick of the
// group's c-TF-IDF words. Manual fits (one topic per genre) keep it fast.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { TopicModel } from '../web/node.js';
import { brownDocs, shutdownAfterTests } from './helpers.mjs';

shutdownAfterTests();

const rows = brownDocs().filter((_, i) => i % 10 === 0); // 773 paragraphs of all 15 genres
const texts = rows.map((r) => r.text);
const genres = [...new Set(rows.map((r) => r.label))].sort();
const y = rows.map((r) => genres.indexOf(r.label));
const base = { vectorizerModel: { stopWords: 'english' }, embeddingModel: 'static' };
const fit = async (options) => {
  const model = new TopicModel({ ...base, ...options });
  await model.fitTransform(texts, { y });
  return model;
};
let plain, mmr, zeroshot, keybert;

before(async () => {
  plain = await fit({});
  mmr = await fit({ representationModel: { Main: { type: 'MaximalMarginalRelevance', diversity: 0.5 }, Other: 'KeyBERTInspired' } });
  zeroshot = await fit({ representationModel: { type: 'ZeroShotClassification', candidateTopics: ['news and politics', 'religion', 'science', 'romance and love'], minSimilarity: 0.3 } });
  keybert = await fit({ representationModel: 'KeyBERTInspired' });
});

const oneGroup = { globalTuning: false, evolutionTuning: false };
const top5 = (model, topic) => model.getTopic(topic).filter(([w]) => w !== '').slice(0, 5).map(([w]) => w).join(', ');

test('one time point without tuning: each row holds the model\'s fine-tuned words (MMR "Main", ZeroShotClassification labels)', async () => {
  for (const model of [mmr, zeroshot]) {
    const over = await model.topicsOverTime(texts, texts.map(() => 2000), oneGroup);
    assert.equal(over.length, model.getTopicInfo().length);
    for (const row of over) assert.equal(row.Words, top5(model, row.Topic), `topic ${row.Topic}`);
  }
  // The representation did change the words somewhere (else the test could not fail).
  const changed = mmr.getTopicInfo().filter((r) => top5(mmr, r.Topic) !== top5(plain, r.Topic)).length;
  assert.ok(changed >= 3, `${changed} topics with other words than c-TF-IDF's`);
  assert.ok(zeroshot.getTopicInfo().some((r) => r.Name.includes('religion') || r.Name.includes('news')), 'some topic labelled');
});

test('several classes: words re-picked by MMR from each group\'s c-TF-IDF words; a chain needing documents (KeyBERTInspired) keeps c-TF-IDF words', async () => {
  const classes = rows.map((_, i) => (i % 3 === 0 ? 'a' : 'b'));
  const ours = await mmr.topicsPerClass(texts, classes);
  const words = await plain.topicsPerClass(texts, classes);
  assert.deepEqual(ours.map((r) => [r.Topic, r.Class, r.Frequency]), words.map((r) => [r.Topic, r.Class, r.Frequency]));
  assert.ok(ours.some((r, i) => r.Words !== words[i].Words), 'MMR changed some group words');
  // KeyBERTInspired needs each group's representative documents: not applied, c-TF-IDF words as before.
  assert.deepEqual(await keybert.topicsPerClass(texts, classes), words);
  const overTime = await mmr.topicsOverTime(texts, rows.map((_, i) => 1990 + (i % 4)));
  assert.ok(overTime.every((r) => r.Words.split(', ').length <= 5));
});
