// gensim's coherences (u_mass, c_uci, c_v; CTM's CoherenceUMASS / UCI / CV) of the 269 Brown
// reference topics equal gensim 4.2's own values (tests/fixtures/brown/coherence_gensim.json, made by
// scripts/fixtures/coherence_brown.py with Debian's python3-gensim), mean and per topic.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { npmiCoherence, topicCoherence } from '../web/node.js';
import { brownDocs, readJson, shutdownAfterTests } from './helpers.mjs';

shutdownAfterTests();
const gensim = readJson('brown/coherence_gensim.json');
const fit = readJson('brown/bertopic_model/topics.json');
const texts = brownDocs().map((d) => d.text);
const topicWords = Object.keys(fit.topic_representations).map(Number).filter((t) => t >= 0).sort((a, b) => a - b)
  .map((t) => fit.topic_representations[t].map(([w]) => w));

for (const measure of ['u_mass', 'c_uci', 'c_v', 'c_npmi']) {
  test(`${measure} equals gensim's on Brown, per topic too`, async () => {
    const expected = gensim[measure];
    assert.equal(topicWords.length, gensim.topics);
    const { coherence, perTopic } = await topicCoherence(texts, topicWords, { measure });
    const close = (a, b) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
    assert.ok(close(coherence, expected.mean), `${coherence} vs ${expected.mean}`);
    expected.per_topic.forEach((v, i) => assert.ok(close(perTopic[i], v), `topic ${i}: ${perTopic[i]} vs ${v}`));
  });
}

test('c_npmi through topicCoherence is npmiCoherence; bad options are clear errors', async () => {
  const some = topicWords.slice(0, 20);
  const a = await topicCoherence(texts, some, { measure: 'c_npmi' });
  const b = await npmiCoherence(texts, some);
  assert.deepEqual(Array.from(a.perTopic), Array.from(b.perTopic));
  await assert.rejects(topicCoherence(texts, some, { measure: 'cv' }), /measure must be one of 'c_v', 'u_mass', 'c_uci', 'c_npmi'/);
  await assert.rejects(topicCoherence(texts, some, { measure: 'u_mass', windowSize: 10 }), /u_mass counts documents/);
  await assert.rejects(topicCoherence(texts, some, { windowSize: 0 }), /windowSize must be null or an integer >= 1/);
  await assert.rejects(topicCoherence(texts, [['zzzunknownword']]), /no word of topic 0 occurs in the documents/);
});
