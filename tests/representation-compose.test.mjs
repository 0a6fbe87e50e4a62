// BERTopic's composed representation models (bertopic/_bertopic.py, _extract_words_per_topic) on
// 1,000 Brown paragraphs: chains (a list applied in order), multi-aspect maps ({Main, aspect: ...},
// topic_aspects_ kept by the engine), user functions, and TextGeneration with a fake LLM.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TopicModel, createEmbedder } from '../web/node.js';
import { maximalMarginalRelevance } from '../web/model/representation/mmr.js';
import { DEFAULT_PROMPT, uniqueLabels } from '../web/model/representation/text_generation.js';
import { brownDocs, brownEmbeddings, shutdownAfterTests } from './helpers.mjs';

shutdownAfterTests();

const N = 1000, D = 384;
const texts = brownDocs().slice(0, N).map((d) => d.text);
const embeddings = brownEmbeddings().subarray(0, N * D);
// The static embedder: quick, and the same vectors in every model here.
const base = { vectorizerModel: { stopWords: 'english' }, embeddingModel: 'static', minTopicSize: 15 };
const MMR5 = { type: 'MaximalMarginalRelevance', diversity: 0.5, topNWords: 5 };
const fit = async (representationModel, extra = {}) => {
  const m = new TopicModel({ ...base, ...extra, representationModel });
  await m.fitTransform(texts, { embeddings });
  return m;
};
const words = (m) => m.getTopicInfo().map((r) => m.getTopic(r.Topic));
let plain, keybert, mmr, embedder;

before(async () => {
  plain = await fit(null);
  keybert = await fit('KeyBERTInspired');
  mmr = await fit(MMR5);
  embedder = await createEmbedder({ model: 'static' });
});
after(async () => {
  await embedder.dispose();
  for (const m of [plain, keybert, mmr]) m.free();
});

test('a chain equals its steps applied by hand: KeyBERTInspired, then MMR over its words, then a function', async () => {
  const reverse = (t) => t.words.slice().reverse();
  const chained = await fit(['KeyBERTInspired', MMR5, reverse]);
  const byHand = (await maximalMarginalRelevance(words(keybert), (x) => embedder.embed(x), MMR5)).map((w) => w.filter(([x]) => x !== '').reverse());
  assert.ok(plain.getTopicInfo().length >= 5);
  assert.deepEqual(words(chained), byHand);
  // MMR picked 5 of KeyBERTInspired's 10 words for each topic (not the c-TF-IDF candidates).
  for (const [r, w] of words(chained).entries()) {
    const keyWords = new Set(words(keybert)[r].map(([x]) => x));
    assert.ok(w.length <= 5 && w.every(([x]) => keyWords.has(x)));
  }
  // A one-step chain is that model.
  const one = await fit(['KeyBERTInspired']);
  assert.deepEqual(words(one), words(keybert));
  for (const m of [chained, one]) m.free();
});

test('multi-aspect: Main sets the words, every other key an aspect; getTopic({full}), save/load, reduceTopics, deleteTopics', async () => {
  const upper = (t) => t.words.map(([w, s]) => [w.toUpperCase(), s]);
  const model = await fit({ Main: 'KeyBERTInspired', MMR: MMR5, Plain: null, Upper: [upper] });
  assert.deepEqual(words(model), words(keybert));
  assert.deepEqual(model.getTopicInfo().map((r) => r.Name), keybert.getTopicInfo().map((r) => r.Name));
  const aspects = model.topicAspects_;
  assert.deepEqual(Object.keys(aspects), ['MMR', 'Plain', 'Upper']);
  const ids = model.getTopicInfo().map((r) => r.Topic);
  for (const [r, id] of ids.entries()) {
    assert.deepEqual(aspects.MMR[id], words(mmr)[r]);
    assert.deepEqual(aspects.Plain[id], words(plain)[r]);
    // Aspects start from the base (30 c-TF-IDF) words, not from Main's.
    assert.equal(aspects.Upper[id].length, 30);
    assert.deepEqual(aspects.Upper[id].slice(0, 10).map(([w]) => w), words(plain)[r].map(([w]) => w.toUpperCase()));
    assert.deepEqual(model.getTopic(id, { full: true }), { Main: model.getTopic(id), MMR: aspects.MMR[id], Plain: aspects.Plain[id], Upper: aspects.Upper[id] });
  }
  assert.equal(model.getTopic(9999, { full: true }), false);
  assert.deepEqual(model.getTopics({ full: true }).MMR, aspects.MMR);
  assert.deepEqual(model.generateTopicLabels({ aspect: 'MMR', nrWords: 2 })[1], `${ids[1]}_${aspects.MMR[ids[1]][0][0]}_${aspects.MMR[ids[1]][1][0]}`);

  // topics.json's topic_aspects, as BERTopic writes them; loaded back into the engine; saved again the same.
  const files = model.save();
  const topicsJson = JSON.parse(new TextDecoder().decode(files['topics.json']));
  assert.deepEqual(Object.keys(topicsJson.topic_aspects), ['MMR', 'Plain', 'Upper']);
  assert.deepEqual(topicsJson.topic_aspects.MMR[String(ids[0])], aspects.MMR[ids[0]]);
  const loaded = await TopicModel.load(files);
  assert.deepEqual(loaded.topicAspects_, aspects);
  assert.deepEqual(loaded.getTopic(ids[1], { full: true }), model.getTopic(ids[1], { full: true }));
  assert.deepEqual(loaded.save()['topics.json'], files['topics.json']);
  // A loaded model without the representation model keeps its aspects through deleteTopics (renumbered).
  const gone = ids.find((id) => id >= 0);
  await loaded.deleteTopics([gone]);
  const after = loaded.topicAspects_;
  const kept = loaded.getTopicInfo().filter((r) => r.Topic >= 0);
  assert.equal(Object.keys(after.MMR).length, kept.length + (ids.includes(-1) ? 1 : 0));
  const idOf = new Map(ids.map((id) => [JSON.stringify(model.getTopic(id)), id]));
  for (const r of kept) assert.deepEqual(after.MMR[r.Topic], aspects.MMR[idOf.get(JSON.stringify(loaded.getTopic(r.Topic)))]);

  // reduceTopics: the aspects are computed again for the new topics (as BERTopic's _extract_topics).
  await model.reduceTopics(texts, { nrTopics: 5 });
  const reducedMmr = await fit(MMR5);
  await reducedMmr.reduceTopics(texts, { nrTopics: 5 });
  const newIds = model.getTopicInfo().map((r) => r.Topic);
  assert.deepEqual(Object.keys(model.topicAspects_.MMR).map(Number).sort((a, b) => a - b), newIds);
  for (const [r, id] of newIds.entries()) assert.deepEqual(model.topicAspects_.MMR[id], words(reducedMmr)[r]);
  for (const m of [model, loaded, reducedMmr]) m.free();
});

test("a user function's label becomes the topic's only word and its Name; it sees the topic's documents", async () => {
  const seen = new Map();
  const model = await fit(async (t) => {
    seen.set(t.topic, t);
    return `Label ${t.topic} ${t.words[0][0]}`;
  });
  const topics = model.topics_;
  for (const [r, row] of model.getTopicInfo().entries()) {
    const label = `Label ${row.Topic} ${words(plain)[r][0][0]}`;
    assert.deepEqual(model.getTopic(row.Topic), [[label, 1]]);
    assert.equal(row.Name, `${row.Topic}_${label}`);
    const t = seen.get(row.Topic);
    assert.deepEqual(t.documents, texts.filter((_, i) => topics[i] === row.Topic));
    assert.equal(t.representativeDocs.length, 3);
    assert.ok(t.representativeDocs.every((d) => t.documents.includes(d)));
  }
  // Words without scores get their rank as score; a bad return value is a clear error.
  const ranked = await fit((t) => t.words.slice(0, 3).map(([w]) => w));
  assert.deepEqual(ranked.getTopic(0).map(([, s]) => s), [1, 1 - 1 / 3, 1 - 2 / 3]);
  await assert.rejects(fit(() => 42), /must return a label string/);
  for (const m of [model, ranked]) m.free();
});

test('TextGeneration: the default prompt filled, at most `concurrency` calls at once, progress, unique labels', async () => {
  let inFlight = 0, most = 0;
  const prompts = [];
  const progress = [];
  const generate = async (prompt) => {
    prompts.push(prompt);
    most = Math.max(most, ++inFlight);
    await new Promise((r) => setTimeout(r, 5));
    inFlight--;
    return 'Same label';
  };
  const model = await fit({ type: 'TextGeneration', generate, concurrency: 3, onProgress: (p) => progress.push(p) });
  const info = model.getTopicInfo();
  assert.equal(prompts.length, info.length);
  assert.equal(most, 3);
  assert.deepEqual(progress.at(-1), { stage: 'TextGeneration', done: info.length, total: info.length });
  assert.equal(progress.length, info.length + 1);
  // BERTopic's DEFAULT_PROMPT with the topic's 30 base keywords.
  // (a fit with topNWords 30 gives the base words)
  const thirty = await fit(null, { topNWords: 30 });
  const expected = thirty.getTopicInfo().map((r) => DEFAULT_PROMPT.replace('[KEYWORDS]', thirty.getTopic(r.Topic).filter(([w]) => w).map(([w]) => w).join(', ')));
  assert.deepEqual([...prompts].sort(), [...expected].sort());
  // Every topic named "Same label": unique labels, the first as it is, the others with a keyword.
  const labels = info.map((r) => model.getTopic(r.Topic)[0][0]);
  assert.equal(new Set(labels).size, labels.length);
  assert.equal(labels[0], 'Same label');
  assert.equal(labels[1], `Same label (${thirty.getTopic(info[1].Topic)[0][0]})`);
  assert.deepEqual(uniqueLabels(['a', 'a', 'a', 'b'], ['x', 'x', '', 'y']), ['a', 'a (x)', 'a (2)', 'b']);
  for (const m of [model, thirty]) m.free();
});

test('TextGeneration: a template with [DOCUMENTS] and [KEYWORDS], documents cut to docLength words', async () => {
  const prompts = [];
  const model = await fit({
    type: 'TextGeneration', prompt: 'Docs:\n[DOCUMENTS]Keys: [KEYWORDS]', nrDocs: 2, docLength: 3,
    generate: (p) => { prompts.push(p); return `topic ${prompts.length}`; },
  });
  for (const p of prompts) {
    const lines = p.split('\n');
    assert.equal(lines[0], 'Docs:');
    assert.ok(lines[1].startsWith('- ') && lines[2].startsWith('- '));
    assert.ok(lines[1].slice(2).split(' ').length <= 3);
    assert.ok(lines[3].startsWith('Keys: ') && lines[3].split(', ').length >= 10);
  }
  model.free();
});

test('TextGeneration: a throwing generate leaves the model as it was (fit and reduceTopics)', async () => {
  let fail = false;
  const generate = async (prompt) => {
    if (fail) throw new Error('LLM offline');
    return prompt.length % 2 ? 'odd' : 'even';
  };
  const model = await fit({ type: 'TextGeneration', generate });
  const info = model.getTopicInfo(), topics = Array.from(model.topics_), saved = model.save()['topics.json'];
  fail = true;
  await assert.rejects(model.reduceTopics(texts, { nrTopics: 3 }), /LLM offline/);
  assert.deepEqual(model.getTopicInfo(), info);
  assert.deepEqual(Array.from(model.topics_), topics);
  assert.deepEqual(model.save()['topics.json'], saved);
  await assert.rejects(model.fitTransform(texts.slice(0, 500), { embeddings: embeddings.subarray(0, 500 * D) }), /LLM offline/);
  assert.deepEqual(model.getTopicInfo(), info);
  assert.deepEqual(Array.from(model.topics_), topics);
  // A new model whose first fit fails stays unfitted.
  const fresh = new TopicModel({ ...base, representationModel: { type: 'TextGeneration', generate } });
  await assert.rejects(fresh.fitTransform(texts, { embeddings }), /LLM offline/);
  assert.throws(() => fresh.getTopicInfo(), /not fitted/);
  for (const m of [model, fresh]) m.free();
});

test('representationModel options: chains, maps and TextGeneration are checked', () => {
  assert.throws(() => new TopicModel({ representationModel: [] }), /at least one/);
  assert.throws(() => new TopicModel({ representationModel: ['KeyBERT'] }), /representationModel\[0\] must be null/);
  assert.throws(() => new TopicModel({ representationModel: { Main: 'MMR' } }), /representationModel.Main must be null/);
  assert.throws(() => new TopicModel({ representationModel: { type: 'TextGeneration' } }), /generate must be a function/);
  assert.throws(() => new TopicModel({ representationModel: { type: 'TextGeneration', generate: () => '', concurrency: 0 } }), /concurrency/);
  const m = new TopicModel({ representationModel: { Main: ['KeyBERTInspired', 'MaximalMarginalRelevance'], Label: { type: 'TextGeneration', generate: () => 'x' } } });
  assert.equal(m.options.representationModel.Main.length, 2);
  assert.equal(typeof m.getParams().representation_model.Label.generate, 'function');
  // The checked options are accepted again (a model built from another's options).
  new TopicModel(m.options).free();
  m.free();
});
