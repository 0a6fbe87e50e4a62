// BERTopic 0.17.4 tests/test_plotting/test_topics.py on topicwasm (fixtures: ../../fixtures.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { visualizeTopics } from '../../../../web/node.js';
import { shutdownAfterTests } from '../../../helpers.mjs';
import { MODELS6, on, shared } from '../../fixtures.mjs';

shutdownAfterTests();

async function check(model) {
  for (const options of [{}, { topNTopics: 5 }]) {
    const fig = await visualizeTopics(model, options);
    for (const slider of fig.layout.sliders) {
      for (const step of slider.steps) assert.notEqual(Number.parseInt(step.label.split(' ').at(-1), 10), -1);
    }
  }
}

for (const name of MODELS6) {
  test(`test_topics[${name}_topic_model]`, on(name), async () => check(await shared(name)));
}

for (const name of MODELS6) {
  test(`test_topics_outlier[${name}_topic_model]`, on(name), async () => {
    const model = await shared(name);
    // Deliberate difference: topicSizes_ is a read-only view (a new object on every read), so the
    // assignment cannot add an outlier topic to the model; the figure is checked as after it.
    model.topicSizes_[-1] = 4;
    await check(model);
  });
}
