// CTM 2.6.0 tests/test_contextualized_topic_models.py on topicwasm. CTM's data (GoogleNews.txt
// with labels, sample_text_document, custom_embeddings/) becomes Brown paragraphs with their genre
// labels and precomputed all-MiniLM-L6-v2 embeddings (384-d where CTM's tests use 512-d
// distiluse-base-multilingual-cased). TopicModelDataPreparation's bag of words is built by CTM.fit
// itself (vocabularySize most frequent words). No document is embedded at test time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as topicwasm from '../../../web/node.js';
import { fixturePath, shutdownAfterTests } from '../../helpers.mjs';
import { D, documents, embeddings, targets } from '../fixtures.mjs';

const { CTM, Kitty } = topicwasm;
shutdownAfterTests();

const rowsOf = (n, from = 0) => embeddings.subarray(from * D, (from + n) * D);

test('test_labels_set', async () => {
  // GoogleNews.txt[:100] with GoogleNews_LABEL.txt[:100]: 100 Brown paragraphs and their genres
  const data = documents.slice(0, 100);
  const labels = Array.from(targets.slice(0, 100));
  const ctm = new CTM({ modelType: 'combined', reduceOnPlateau: true, solver: 'sgd', numEpochs: 1, nComponents: 5, batchSize: 2, labelSize: new Set(labels).size });
  await ctm.fit(data, { embeddings: rowsOf(100), labels });
});

test('test_kitty', async () => {
  // Kitty(); kt.train(training, topics=5, epochs=1, stopwords_list=["stop", "words"],
  // embedding_model="paraphrase-distilroberta-base-v2"): the epochs and the embedding model are
  // Kitty's options here; Kitty embeds the documents itself, with the static embeddings (no
  // MiniLM at test time)
  const kt = new Kitty({ numEpochs: 1, embeddingModel: 'static' });
  const training = documents.slice(0, 100); // sample_text_document
  await kt.train(training, { nTopics: 5, stopwordsList: ['stop', 'words'] });
  kt.assignedClasses = { 0: 'nature', 3: 'shop/offices', 4: 'sport' };
  const topic = await kt.predict(['test sentence']);
  assert.ok(Object.values(kt.assignedClasses).includes(topic[0]));
  kt.prettyPrintWordClasses();
});

test('test_custom_embeddings', async () => {
  // custom_embeddings/sample_text.txt + sample_embeddings.npy: Brown paragraphs and their embeddings;
  // nltk's Turkish stop words: the English list (the documents are English)
  const training = documents.slice(0, 100);
  const stopwords = readFileSync(fixturePath('english_stop_words.txt'), 'utf8').split('\n').filter(Boolean);
  const kt = new Kitty({ numEpochs: 1, hiddenSizes: [200, 200] });
  await kt.train(training, { embeddings: rowsOf(100), nTopics: 5, stopwordsList: stopwords });
});

test('test_validation_set', async () => {
  const data = documents.slice(0, 105);
  const ctm = new CTM({ modelType: 'combined', reduceOnPlateau: true, solver: 'sgd', batchSize: 2, numEpochs: 1, nComponents: 5 });
  const { mkdtempSync, existsSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'ctm-'));
  const saveDir = join(dir, 'test_checkpoint');
  try {
    await ctm.fit(data.slice(0, 100), {
      embeddings: rowsOf(100),
      validation: { documents: data.slice(100, 105), embeddings: rowsOf(5, 100) }, // tp.transform(data[100:105])
      patience: 5,
      saveDir,
    });
    assert.ok(existsSync(saveDir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('test_training_all_classes_ctm', async () => {
  // sample_text_document: 100 Brown paragraphs
  const data = documents.slice(0, 100);
  const emb = rowsOf(100);
  let ctm = new CTM({ modelType: 'zeroshot', numEpochs: 1, nComponents: 5, batchSize: 2 });
  await ctm.fit(data, { embeddings: emb });
  // tp.transform(data): ZeroShotTM needs only the contextual embeddings
  let predictions = await ctm.transform(data, { embeddings: emb, nSamples: 2 });
  assert.equal(predictions.length, data.length);
  let topics = ctm.getTopicLists(2);
  assert.equal(topics.length, 5);

  ctm = new CTM({ modelType: 'combined', numEpochs: 1, nComponents: 5, batchSize: 2 });
  await ctm.fit(data, { embeddings: emb });
  topics = ctm.getTopicLists(2);
  assert.equal(topics.length, 5);

  // loss_weights={"beta": 10}: CTM's weight of the KL term, klWeight here
  ctm = new CTM({ modelType: 'combined', numEpochs: 1, nComponents: 5, klWeight: 10, batchSize: 2 });
  await ctm.fit(data, { embeddings: emb });
  assert.equal(ctm.options.klWeight, 10);
  topics = ctm.getTopicLists(2);
  assert.equal(topics.length, 5);

  predictions = await ctm.transform(data, { embeddings: emb, nSamples: 2 });
  assert.equal(predictions.length, data.length);
});

test('test_preprocessing', () => {
  const docs = documents.map((d) => d.trim()); // GoogleNews.txt
  const sp = new topicwasm.WhiteSpacePreprocessing(docs, { stopwordsLanguage: 'english' });
  const [prepCorpus, unpreprCorpus, vocab] = sp.preprocess();
  assert.equal(prepCorpus.length, unpreprCorpus.length); // prep docs must have the same size as the unprep docs
  assert.ok(prepCorpus.length <= docs.length); // preprocessed docs must be less than or equal the original docs
  assert.ok(vocab.length <= sp.vocabularySize); // check vocabulary size
});
