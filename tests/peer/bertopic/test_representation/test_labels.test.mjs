// BERTopic 0.17.4 tests/test_representation/test_labels.py on topicwasm (fixtures: ../../fixtures.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shutdownAfterTests } from '../../../helpers.mjs';
import { MODELS6, take, on, outliers, shared, topicSet } from '../../fixtures.mjs';

shutdownAfterTests();

// BERTopic's custom_labels_ is a list in topic order (-1 first); topicwasm's customLabels_ is
// {topicId: label}. Python's custom_labels_[i] is the label of the i-th topic of getTopicInfo().
const labelList = (model) => model.getTopicInfo().map((r) => model.customLabels_[r.Topic]);

for (const name of MODELS6) {
  test(`test_generate_topic_labels[${name}_topic_model]`, on(name), async () => {
    const model = await shared(name);
    let labels = model.generateTopicLabels({ topicPrefix: false });
    assert.ok(labels.slice(1).filter((label) => /\d/.test(label[0])).length / labels.length < 0.2);
    labels = model.generateTopicLabels().map((label) => Number.parseInt(label.split('_')[0], 10));
    assert.deepEqual(labels, topicSet(model));
    labels = model.generateTopicLabels({ nrWords: 1, topicPrefix: false });
    assert.ok(labels.every((label) => label.length < 15));
  });
}

for (const name of MODELS6) {
  // setTopicLabels changes the model (take: copy.deepcopy)
  test(`test_set_labels[${name}_topic_model]`, on(name), async () => {
    const model = await take(name);
    let labels = model.generateTopicLabels();
    model.setTopicLabels(labels);
    assert.deepEqual(labelList(model), labels);
    const o = outliers(model);
    if (name !== 'online') {
      model.setTopicLabels({ 1: 'My label', 2: 'Another label' });
      assert.equal(labelList(model)[1 + o], 'My label');
      assert.equal(labelList(model)[2 + o], 'Another label');
      model.setTopicLabels({ 1: 'Change label', 3: 'New label' });
      assert.equal(labelList(model)[1 + o], 'Change label');
      assert.equal(labelList(model)[3 + o], 'New label');
    } else {
      const ids = topicSet(model);
      model.setTopicLabels({ [ids[0]]: 'My label', [ids[1]]: 'Another label' });
      assert.equal(labelList(model)[0], 'My label');
      assert.equal(labelList(model)[1], 'Another label');
      model.setTopicLabels({ [ids[0]]: 'Change label', [ids[2]]: 'New label' });
      assert.equal(labelList(model)[0 + o], 'Change label');
      assert.equal(labelList(model)[2 + o], 'New label');
    }
  });
}
