// Kitty (CTM 2.6's kitty_classifier.py) beyond train / assign / predict (tests/ctm.test.mjs): its
// own defaults, get_word_classes, get_raw_class_topic_distribution and a save / load round trip
// of Kitty's state, on Brown paragraphs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Kitty, KITTY_DEFAULTS, CTM, CTM_DEFAULTS, embed } from '../web/node.js';
import { writeZip } from '../web/files/zip.js';
import { brownDocs, brownEmbeddings, shutdownAfterTests } from './helpers.mjs';

shutdownAfterTests();
const N = 300;
const texts = brownDocs().slice(0, N).map((d) => d.text);
const embeddings = brownEmbeddings().slice(0, N * 384);

test('Kitty trains a ZeroShotTM with its own defaults (10 epochs, batches of 2), not CTM\'s', async () => {
  const kitty = new Kitty({ vocabularySize: 300 });
  assert.deepEqual(
    Object.fromEntries(Object.keys(KITTY_DEFAULTS).map((k) => [k, kitty.ctmOptions[k]])),
    { modelType: 'zeroshot', numEpochs: 10, batchSize: 2, hiddenSizes: [100, 100], dropout: 0.2, activation: 'softplus' },
  );
  const few = texts.slice(0, 120);
  const epochs = [];
  await kitty.train(few, { embeddings: embeddings.subarray(0, 120 * 384), nTopics: 3, onProgress: (p) => epochs.push(p.done) });
  const trained = kitty.ctm.options;
  assert.equal(trained.modelType, 'zeroshot');
  assert.equal(trained.batchSize, 2);
  assert.equal(trained.numEpochs, 10);
  assert.equal(trained.nComponents, 3);
  assert.equal(epochs.at(-1), 10, 'ten epochs ran');
  assert.notEqual(CTM_DEFAULTS.numEpochs, 10, 'CTM\'s own default differs');
  // CTM's train arguments override them per call.
  await kitty.train(few, { embeddings: embeddings.subarray(0, 120 * 384), nTopics: 3, epochs: 2, batchSize: 16, hiddenSizes: [50] });
  assert.deepEqual([kitty.ctm.options.numEpochs, kitty.ctm.options.batchSize, kitty.ctm.options.hiddenSizes], [2, 16, [50]]);
  await assert.rejects(kitty.train(few, { epoch: 2 }), /unknown Kitty.train option "epoch"/);
  kitty.free();
});

test('getWordClasses, save / load: the loaded Kitty has the same state and predicts the same classes', async () => {
  const kitty = new Kitty({ vocabularySize: 400, otherClass: 'misc', embeddingModel: 'static' });
  assert.throws(() => kitty.getWordClasses(), /not trained yet/);
  assert.throws(() => kitty.save(), /not trained yet/);
  // Kitty embeds the documents itself (the static model, 256 dimensions), here and in predict.
  await kitty.train(texts, { nTopics: 5, epochs: 3, batchSize: 32, stopwordsList: ['said', 'would'] });
  // CTM's get_word_classes(number_of_words=5): the CTM's top words; pretty_print uses them.
  const classes = kitty.getWordClasses();
  assert.deepEqual(classes, kitty.ctm.getTopicLists(5));
  assert.equal(classes.length, 5);
  assert.deepEqual(kitty.getWordClasses(12), kitty.ctm.getTopicLists(12));
  assert.equal(kitty.prettyPrintWordClasses(), classes.map((w, i) => `${i}\t${w.join(', ')}`).join('\n'));
  assert.ok(kitty.vocabulary.length > 0 && kitty.vocabulary.length <= 2000);
  assert.ok(!kitty.vocabulary.includes('said'), 'the stop-word list shaped the preprocessing vocabulary');
  const probe = texts.slice(0, 60);
  const before = await kitty.getRawClassTopicDistribution(probe);
  const rows = await embed(probe, { model: 'static' });
  assert.deepEqual(before.map((r) => Array.from(r)), (await kitty.ctm.transform(probe, { embeddings: rows })).map((r) => Array.from(r)));
  // Name the probe's most frequent topic, so that named and default classes are both predicted.
  const topics = CTM.predictedTopics(before);
  const counts = new Map();
  for (const t of topics) counts.set(t, (counts.get(t) ?? 0) + 1);
  assert.ok(counts.size >= 2, `the probe falls in ${counts.size} topic(s)`);
  const top = [...counts].sort((a, b) => b[1] - a[1])[0][0];
  kitty.assignedClasses = { [top]: 'alpha' };

  const bytes = kitty.save();
  const loaded = await Kitty.load(bytes);
  assert.deepEqual(loaded.assignedClasses, kitty.assignedClasses);
  assert.deepEqual(loaded.vocabulary, kitty.vocabulary);
  assert.deepEqual(loaded.getWordClasses(10), kitty.getWordClasses(10));
  assert.deepEqual(loaded.ctmOptions, kitty.ctmOptions);
  // The embedding model is part of the state: the loaded Kitty embeds new text with the static model too.
  const after = await loaded.getRawClassTopicDistribution(probe);
  assert.deepEqual(after.map((r) => Array.from(r)), before.map((r) => Array.from(r)));
  const predicted = await kitty.predict(probe);
  assert.deepEqual(await loaded.predict(probe), predicted);
  assert.deepEqual(predicted, [...topics].map((t) => (t === top ? 'alpha' : 'misc')), 'the class of the most likely topic, else the default');
  assert.deepEqual(loaded.save(), bytes, 'saving the loaded Kitty gives the same bytes');

  await assert.rejects(Kitty.load('kitty.zip'), /Kitty.load needs the Uint8Array/);
  await assert.rejects(Kitty.load(kitty.ctm.save()), /zip: no end-of-central-directory record/);
  await assert.rejects(Kitty.load(writeZip({ 'other.json': new Uint8Array(2) })), /not a saved Kitty \(needs kitty.json and ctm.safetensors\)/);
  await assert.rejects(Kitty.load(writeZip({ 'kitty.json': new TextEncoder().encode('{"format":"x"}'), 'ctm.safetensors': kitty.ctm.save() })), /kitty.json is not a topicwasm-kitty-1 file/);
  const badClasses = { format: 'topicwasm-kitty-1', otherClass: 'misc', classes: { 9: 'nope' }, embeddingModel: 'static', ctmOptions: kitty.ctmOptions, vocabulary: [] };
  await assert.rejects(Kitty.load(writeZip({ 'kitty.json': new TextEncoder().encode(JSON.stringify(badClasses)), 'ctm.safetensors': kitty.ctm.save() })), /Kitty.load: assignClasses: there is no topic 9/);
  kitty.free();
  loaded.free();
});
