// Custom topic labels (BERTopic's set_topic_labels / custom_labels_): by list or by {id: label},
// shown as CustomName, reset by a new fit, and bad input rejected without changing anything.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TopicModel } from '../web/node.js';
import { shutdownAfterTests } from './helpers.mjs';

shutdownAfterTests();

const docs = ['cats purr', 'cats sleep all day', 'stocks fell', 'markets rallied', 'the weather is odd'];
const y = [0, 0, 1, 1, -1];

test('setTopicLabels by object and by list; CustomName in getTopicInfo', async () => {
  const model = new TopicModel();
  await model.fitTransform(docs, { y });
  assert.equal(model.customLabels_, null);
  assert.ok(!('CustomName' in model.getTopicInfo()[0]));
  const names = model.getTopicInfo().map((r) => r.Name);

  model.setTopicLabels({ 1: 'Finance' });
  const info = model.getTopicInfo();
  assert.deepEqual(info.map((r) => r.Topic), [-1, 0, 1]);
  assert.deepEqual(info.map((r) => r.CustomName), [names[0], names[1], 'Finance']);
  assert.deepEqual(model.customLabels_, { '-1': names[0], 0: names[1], 1: 'Finance' });

  model.setTopicLabels(['Outliers', 'Cats', 'Money']);
  assert.deepEqual(model.getTopicInfo().map((r) => r.CustomName), ['Outliers', 'Cats', 'Money']);
  assert.equal(model.getTopicInfo(0)[0].CustomName, 'Cats');

  const before = model.customLabels_;
  assert.throws(() => model.setTopicLabels(['a', 'b']), /got 2 labels for 3 topics/);
  assert.throws(() => model.setTopicLabels({ 7: 'x' }), /no topic 7/);
  assert.throws(() => model.setTopicLabels({ 0: 3 }), /label of topic 0 is not a string/);
  assert.throws(() => model.setTopicLabels('x'), /must be an array/);
  assert.deepEqual(model.customLabels_, before, 'a rejected call changes nothing');

  await model.fitTransform(docs, { y });
  assert.equal(model.customLabels_, null, 'a new fit drops the old labels');
  model.free();
});

test('setTopicLabels before fitting is an error', () => {
  assert.throws(() => new TopicModel().setTopicLabels({ 0: 'x' }), /not fitted yet/);
});

test('custom labels survive save and load (topics.json custom_labels, in topic order)', async () => {
  const model = new TopicModel();
  await model.fitTransform(docs, { y });
  model.setTopicLabels({ 0: 'Cats', 1: 'Money' });
  const files = model.save();
  const saved = JSON.parse(new TextDecoder().decode(files['topics.json']));
  assert.deepEqual(saved.custom_labels, [model.getTopicInfo(-1)[0].Name, 'Cats', 'Money']);
  const loaded = await TopicModel.load(files);
  assert.deepEqual(loaded.customLabels_, model.customLabels_);
  assert.deepEqual(loaded.getTopicInfo().map((r) => r.CustomName), ['-1_the_weather_odd', 'Cats', 'Money'].map((l, i) => (i === 0 ? model.getTopicInfo(-1)[0].Name : l)));
  model.free();
  loaded.free();
});
