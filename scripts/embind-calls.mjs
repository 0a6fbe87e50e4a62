// Counts the calls JavaScript makes into the engine's TopicModelCore (Embind) for one reduceTopics
// on a zero-shot + MMR model of 2,000 Brown paragraphs, and for getTopic on every topic: to show
// what a change to who owns the model's state costs or saves. Run on two checkouts to compare.
//   node scripts/embind-calls.mjs
import { TopicModel, createEmbedder, init, shutdown } from '../web/node.js';
import { brownDocs, brownEmbeddings } from '../tests/helpers.mjs';

const N = 2000, D = 384;
const texts = brownDocs().slice(0, N).map((d) => d.text);
const embeddings = brownEmbeddings().subarray(0, N * D);
const { engine } = await init();

// Wrap every method of the core's prototype with a counter.
const counts = new Map();
const proto = engine.TopicModelCore.prototype;
for (const name of Object.getOwnPropertyNames(proto)) {
  const method = proto[name];
  if (typeof method !== 'function' || name === 'constructor') continue;
  proto[name] = function counted(...args) {
    counts.set(name, (counts.get(name) ?? 0) + 1);
    return method.apply(this, args);
  };
}
const report = (what) => {
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  console.log(`${what}: ${total} calls (${[...counts].map(([n, c]) => `${n} ${c}`).join(', ')})`);
  counts.clear();
};

const labels = ['sports and baseball', 'religion and the church', 'politics and elections', 'science and medicine'];
const embedder = await createEmbedder({ model: 'fp32' });
const zeroshotEmbeddings = await embedder.embed(labels);
await embedder.dispose();
const model = new TopicModel({
  vectorizerModel: { stopWords: 'english' }, embeddingModel: 'fp32', zeroshotTopicList: labels,
  zeroshotMinSimilarity: 0.3, representationModel: 'MaximalMarginalRelevance',
});
await model.fitTransform(texts, { embeddings, zeroshotEmbeddings });
counts.clear();
await model.reduceTopics(texts, { nrTopics: 12 });
report('reduceTopics (zero-shot + MMR)');
const ids = model.getTopicInfo().map((r) => r.Topic);
counts.clear();
for (const id of ids) model.getTopic(id);
report(`getTopic on each of ${ids.length} topics`);
await shutdown();
