// CTM through the JavaScript API: training on real documents, save -> load -> identical
// transforms, and clear errors for bad input. (Quality on the full Brown corpus against the
// PyTorch reference is measured by bench/ctm.mjs, too slow for a unit test.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CTM } from '../web/node.js';
import { brownDocs, brownEmbeddings, shutdownAfterTests } from './helpers.mjs';

shutdownAfterTests();
const N = 800;
const texts = brownDocs().slice(0, N).map((d) => d.text);
const embeddings = brownEmbeddings().slice(0, N * 384);

for (const modelType of ['combined', 'zeroshot']) {
  test(`${modelType}: trains, reports progress, topics are words, save -> load transforms identically`, async () => {
    const ctm = new CTM({ modelType, nComponents: 5, numEpochs: 4, vocabularySize: 500 });
    const epochs = [];
    const report = await ctm.fit(texts, { embeddings, onProgress: (p) => epochs.push(p.done) });
    assert.equal(report.epochsRun, 4);
    assert.deepEqual(epochs, [1, 2, 3, 4]);
    assert.ok(report.trainLoss[3] < report.trainLoss[0], 'loss decreases');
    const topics = ctm.getTopicLists(10);
    assert.equal(topics.length, 5);
    assert.ok(topics.every((t) => t.length === 10 && t.every((w) => typeof w === 'string' && w.length > 1)));
    const dist = ctm.getDocTopicDistribution({ nSamples: 5 });
    assert.equal(dist.length, N);
    assert.ok(dist.every((row) => Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-4));

    const bytes = ctm.save();
    const loaded = await CTM.load(bytes);
    assert.deepEqual(loaded.getTopicLists(10), topics);
    const some = texts.slice(0, 50), someEmb = embeddings.slice(0, 50 * 384);
    const a = await ctm.transform(some, { embeddings: someEmb });
    const b = await loaded.transform(some, { embeddings: someEmb });
    assert.deepEqual(b.map((r) => [...r]), a.map((r) => [...r]));
    // Same seed -> same model.
    const again = new CTM({ modelType, nComponents: 5, numEpochs: 4, vocabularySize: 500 });
    await again.fit(texts, { embeddings });
    assert.deepEqual(again.getTopicLists(10), topics);
    for (const m of [ctm, loaded, again]) m.free();
  });
}

test('bad input: clear errors, and a fitted model stays as it was', async () => {
  assert.throws(() => new CTM({ nComponents: 1 }), /nComponents must be an integer >= 2/);
  assert.throws(() => new CTM({ modelType: 'prodlda' }), /modelType must be 'combined' or 'zeroshot'/);
  assert.throws(() => new CTM({ epochs: 3 }), /unknown CTM option "epochs"/);
  const ctm = new CTM({ nComponents: 3, numEpochs: 2, vocabularySize: 300 });
  await ctm.fit(texts, { embeddings });
  const topics = ctm.getTopicLists(5);
  await assert.rejects(new CTM({ nComponents: 50, numEpochs: 1, vocabularySize: 20 }).fit(texts, { embeddings }), /vocabulary/i);
  await assert.rejects(ctm.fit(texts, { embeddings: embeddings.slice(0, 10) }), /not a multiple|rows/);
  await assert.rejects(ctm.fit([...texts.slice(0, 20), 'the and of'], { embeddings: embeddings.slice(0, 21 * 384) }), /empty bag of words/);
  await assert.rejects(ctm.transform(texts.slice(0, 2), { embeddings: new Float32Array(2 * 100) }), /dimension/);
  const nan = embeddings.slice();
  nan[3] = NaN;
  await assert.rejects(ctm.fit(texts, { embeddings: nan }), /NaN/);
  assert.deepEqual(ctm.getTopicLists(5), topics);
  await assert.rejects(CTM.load(new Uint8Array([1, 2, 3])), Error);
  await assert.rejects(CTM.load(ctm.save().slice(0, 100)), Error);
});

test('Kitty: name some topics, predictions use the names and the default class', async () => {
  const { Kitty } = await import('../web/node.js');
  const kitty = new Kitty({ numEpochs: 3, vocabularySize: 400, otherClass: 'misc' });
  assert.throws(() => kitty.assignClasses({ 0: 'x' }), /not trained yet/);
  await kitty.train(texts, { embeddings, nTopics: 4 });
  assert.equal(kitty.prettyPrintWordClasses(5).split('\n').length, 4);
  kitty.assignClasses({ 0: 'alpha', 2: 'gamma' });
  assert.throws(() => kitty.assignClasses({ 9: 'nope' }), /there is no topic 9/);
  // CTM's kt.assigned_classes = {...}: assigning the property names the topics (and checks them)
  kitty.assignedClasses = { 1: 'beta' };
  assert.deepEqual(kitty.assignedClasses, { 0: 'misc', 1: 'beta', 2: 'misc', 3: 'misc' }, 'every topic, unnamed ones the default class');
  assert.throws(() => { kitty.assignedClasses = { 9: 'nope' }; }, /there is no topic 9/);
  kitty.assignedClasses = { 0: 'alpha', 2: 'gamma' };
  const some = texts.slice(0, 100);
  const predicted = await kitty.predict(some, { embeddings: embeddings.slice(0, 100 * 384) });
  assert.equal(predicted.length, 100);
  assert.ok(predicted.every((c) => ['alpha', 'gamma', 'misc'].includes(c)));
  assert.ok(new Set(predicted).size >= 2, 'more than one class predicted');
  kitty.free();
});

// CTM's Kitty.train(documents, stopwords_list=...) preprocesses with WhiteSpacePreprocessingStopwords
// and embeds the unpreprocessed documents itself; predict embeds too.
test('Kitty embeds documents itself (static model) and honours a stop-word list in train', async () => {
  const { Kitty } = await import('../web/node.js');
  const few = texts.slice(0, 300);
  const stop = ['said', 'would', 'one', 'new', 'two', 'first'];
  const kitty = new Kitty({ numEpochs: 2, vocabularySize: 400, embeddingModel: 'static' });
  await kitty.train(few, { nTopics: 3, stopwordsList: stop, maxWords: 500 });
  const words = kitty.prettyPrintWordClasses(30);
  for (const w of stop) assert.ok(!words.split(/[\t, \n]+/).includes(w), `stop word "${w}" in ${words}`);
  kitty.assignClasses({ 1: 'b' });
  const predicted = await kitty.predict(few.slice(0, 20));
  assert.equal(predicted.length, 20);
  assert.ok(predicted.every((c) => c === 'b' || c === 'other'));
  // Given embeddings (one row per given document) are used for the retained documents only.
  const withRows = new Kitty({ numEpochs: 2, vocabularySize: 400 });
  await withRows.train(few, { nTopics: 3, stopwordsList: stop, embeddings: embeddings.subarray(0, 300 * 384) });
  assert.equal(withRows.prettyPrintWordClasses(5).split('\n').length, 3);
  await assert.rejects(withRows.train(few, { stopwords: stop }), /unknown Kitty.train option "stopwords"/);
  kitty.free();
  withRows.free();
});
