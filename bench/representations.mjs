// Benchmark (not a test): BERTopic's default pipeline on the Brown paragraphs with each
// representation model (c-TF-IDF words, MaximalMarginalRelevance, KeyBERTInspired), same clusters
// (same seed), and the quality of their words: NPMI (gensim c_npmi, top 10) and topic diversity,
// with the time each representation took. Words are embedded with fp32 all-MiniLM-L6-v2, the model
// the fixture's document embeddings come from.
//   node bench/representations.mjs [--docs 7725]
import { parseArgs } from 'node:util';
import { TopicModel, npmiCoherence, topicDiversity, shutdown } from '../web/node.js';
import { brownDocs, brownEmbeddings } from '../tests/helpers.mjs';

const { values } = parseArgs({ options: { docs: { type: 'string', default: '7725' } } });
const n = Number(values.docs);
const texts = brownDocs().slice(0, n).map((d) => d.text);
const embeddings = brownEmbeddings().subarray(0, n * 384);

for (const representationModel of [null, 'MaximalMarginalRelevance', 'KeyBERTInspired']) {
  const model = new TopicModel({ vectorizerModel: { stopWords: 'english' }, embeddingModel: 'fp32', representationModel });
  const start = performance.now();
  await model.fitTransform(texts, { embeddings });
  const seconds = (performance.now() - start) / 1000;
  const words = model.getTopicInfo().filter((r) => r.Topic !== -1).map((r) => model.getTopic(r.Topic).map(([w]) => w).filter((w) => w));
  const { npmi } = await npmiCoherence(texts, words);
  const diversity = await topicDiversity(words);
  console.log(`${String(representationModel ?? 'c-TF-IDF').padEnd(25)} ${words.length} topics  NPMI ${npmi.toFixed(4)}  diversity ${diversity.toFixed(4)}  fit ${seconds.toFixed(1)} s`);
  model.free();
}
await shutdown();
