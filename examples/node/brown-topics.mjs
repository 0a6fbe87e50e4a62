// A BERTopic-style run in Node on your own embeddings, with quality metrics and an HTML report.
//   node examples/node/brown-topics.mjs   (uses the Brown corpus fixture shipped with the tests)
import { writeFileSync } from 'node:fs';
import { TopicModel, buildReport, normalizedMutualInfo, npmiCoherence, shutdown } from '../../web/node.js';
import { brownDocs, brownEmbeddings } from '../../tests/helpers.mjs';

const docs = brownDocs();
const texts = docs.map((d) => d.text);
const embeddings = brownEmbeddings(); // 7,725 x 384 all-MiniLM-L6-v2 vectors

const model = new TopicModel({ vectorizerModel: { stopWords: 'english' } });
const started = performance.now();
const { topics } = await model.fitTransform(texts, {
  embeddings,
  onProgress: ({ stage, done, total }) => process.stderr.write(`\r${stage} ${done}/${total}      `),
});
console.error(`\nfitted in ${((performance.now() - started) / 1000).toFixed(1)} s`);

const info = model.getTopicInfo();
console.table(info.slice(0, 11).map(({ Topic, Count, Name }) => ({ Topic, Count, Name })));
const genres = [...new Set(docs.map((d) => d.label))];
const nmi = await normalizedMutualInfo(docs.map((d) => genres.indexOf(d.label)), topics);
const { npmi } = await npmiCoherence(texts, info.filter((r) => r.Topic >= 0).map((r) => r.Representation));
console.log(`${info.length - 1} topics, NMI vs genre ${nmi.toFixed(3)}, NPMI ${npmi.toFixed(3)}`);

writeFileSync('brown-report.html', await buildReport(model, texts, { title: 'Brown corpus topics' }));
console.log('wrote brown-report.html (open it in a browser; it works offline)');
await shutdown();
