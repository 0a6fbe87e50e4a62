// SHA-256 of the five BERTopic files that several Brown models save: the Python-saved reference
// model loaded and saved again, a default fit, a zero-shot + MMR fit with custom labels and a
// topic reduction, and a manual fit. Run before and after a refactor: equal lines mean the saved
// bytes did not change.   node scripts/model-files-digest.mjs > before.txt
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { TopicModel, createEmbedder, shutdown } from '../web/node.js';
import { brownDocs, brownEmbeddings, fixturePath } from '../tests/helpers.mjs';

const N = 2000, D = 384;
const docs = brownDocs();
const texts = docs.slice(0, N).map((d) => d.text);
const embeddings = brownEmbeddings().subarray(0, N * D);
const digest = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);

function print(name, files) {
  for (const [file, bytes] of Object.entries(files)) console.log(`${name} ${file} ${digest(bytes)}`);
}

const names = ['config.json', 'topics.json', 'topic_embeddings.safetensors', 'ctfidf.safetensors', 'ctfidf_config.json'];
const fixture = (name) => readFileSync(fixturePath(`brown/bertopic_model/${name}`));
const reference = Object.fromEntries(names.map((n) => [n, new Uint8Array(n.startsWith('ctfidf') ? gunzipSync(fixture(`${n}.gz`)) : fixture(n))]));
const loaded = await TopicModel.load(reference);
print('reference-reloaded', loaded.save());

const plain = new TopicModel({ vectorizerModel: { stopWords: 'english' } });
await plain.fitTransform(texts, { embeddings });
print('default-fit', plain.save());

const labels = ['sports and baseball', 'religion and the church', 'politics and elections', 'science and medicine'];
const embedder = await createEmbedder({ model: 'fp32' });
const zeroshotEmbeddings = await embedder.embed(labels);
await embedder.dispose();
const rich = new TopicModel({
  vectorizerModel: { stopWords: 'english' }, embeddingModel: 'fp32', zeroshotTopicList: labels,
  zeroshotMinSimilarity: 0.3, representationModel: 'MaximalMarginalRelevance',
});
await rich.fitTransform(texts, { embeddings, zeroshotEmbeddings });
rich.setTopicLabels({ 0: 'first topic' });
print('zeroshot-mmr-labels', rich.save());
await rich.reduceTopics(texts, { nrTopics: 12 });
print('zeroshot-mmr-reduced', rich.save());

const manual = new TopicModel({ vectorizerModel: { stopWords: 'english' } });
const genres = [...new Set(docs.slice(0, N).map((d) => d.label))];
await manual.fitTransform(texts, { y: docs.slice(0, N).map((d) => genres.indexOf(d.label)) });
print('manual-fit', manual.save());
await shutdown();
