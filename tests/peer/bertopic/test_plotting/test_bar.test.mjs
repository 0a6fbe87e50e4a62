// BERTopic 0.17.4 tests/test_plotting/test_bar.py on topicwasm (fixtures: ../../fixtures.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { visualizeBarchart } from '../../../../web/node.js';
import { shutdownAfterTests } from '../../../helpers.mjs';
import { MODELS6, on, shared } from '../../fixtures.mjs';

shutdownAfterTests();

function check(model) {
  let fig = visualizeBarchart(model);
  assert.equal(fig.layout.annotations.length, 8);
  for (const annotation of fig.layout.annotations) assert.notEqual(Number.parseInt(annotation.text.split(' ').at(-1), 10), -1);
  fig = visualizeBarchart(model, { topNTopics: 5 });
  assert.equal(fig.layout.annotations.length, 5);
  for (const annotation of fig.layout.annotations) assert.notEqual(Number.parseInt(annotation.text.split(' ').at(-1), 10), -1);
}

for (const name of MODELS6) {
  test(`test_barchart[${name}_topic_model]`, on(name), async () => check(await shared(name)));
}

for (const name of MODELS6) {
  test(`test_barchart_outlier[${name}_topic_model]`, on(name), async () => {
    const model = await shared(name);
    // Deliberate difference: topicSizes_ is a read-only view (a new object on every read), so
    // `topic_model.topic_sizes_[-1] = 4` cannot add an outlier topic to the model; the figure is
    // checked as after BERTopic's assignment (no -1 bar either way).
    model.topicSizes_[-1] = 4;
    check(model);
  });
}
