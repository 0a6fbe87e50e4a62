// BERTopic 0.17.4 tests/test_other.py on topicwasm.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TopicModel, visualizeTopics } from '../../../web/node.js';
import { shutdownAfterTests } from '../../helpers.mjs';
import { documents, targets } from '../fixtures.mjs';

shutdownAfterTests();

test('test_load_save_model', async () => {
  // Deliberate difference: BERTopic pickles an unfitted model (serialization="pickle", Python
  // only); topicwasm saves BERTopic's safetensors files, which need a fitted model (as BERTopic's
  // safetensors serialization does). The model is fitted by manual topic modeling (labels, no
  // embeddings), then saved and loaded. embedding_model=None has no counterpart (the default is
  // the built-in MiniLM): the default is kept on both sides.
  const model = new TopicModel({ language: 'Dutch' });
  await model.fit(documents.slice(0, 200), { y: targets.slice(0, 200) });
  const loadedModel = await TopicModel.load(model.save());
  assert.equal(Object.getPrototypeOf(model), Object.getPrototypeOf(loadedModel));
  assert.equal(model.options.language, loadedModel.options.language);
  assert.deepEqual(model.options.embeddingModel, loadedModel.options.embeddingModel);
  assert.equal(model.options.topNWords, loadedModel.options.topNWords);
});

test('test_get_params', () => {
  const model = new TopicModel();
  const params = model.getParams();
  // Deliberate difference: BERTopic's embedding_model defaults to None (fit then loads
  // all-MiniLM-L6-v2); topicwasm names its built-in all-MiniLM-L6-v2 ('int8') as the default.
  assert.equal(params.embedding_model, 'int8');
  assert.ok(!params.low_memory);
  assert.ok(!params.nr_topics);
  assert.deepEqual(params.n_gram_range, [1, 1]);
  assert.equal(params.min_topic_size, 10);
  assert.equal(params.language, 'english');
});

test('test_no_plotly', async () => {
  // BERTopic embeds with its multilingual default for language="Dutch"; here the built-in static
  // embeddings (no MiniLM at test time). umap_model=BaseDimensionalityReduction() is reduceModel 'none'.
  const model = new TopicModel({ language: 'Dutch', embeddingModel: 'static', minTopicSize: 2, topNWords: 1, reduceModel: 'none' });
  const docs = Array.from({ length: 10 }, () => ['hello', 'hi', 'goodbye', 'goodbye', 'whats up']).flat();
  await model.fit(docs);
  // Plotly is not needed: figures are Plotly specs ({data, layout}) built without it, so the
  // ImportError branch cannot happen; the figure is checked instead.
  const out = await visualizeTopics(model);
  assert.ok(Array.isArray(out.data));
  assert.equal(typeof out.layout, 'object');
});
