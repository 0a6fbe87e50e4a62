// Benchmark (not a test): CombinedTM / ZeroShotTM on the Brown corpus (7,725 documents, MiniLM
// embeddings, K = 15, vocabulary 2,000, English stop words): seconds per epoch for 1 and 2 threads,
// inference time, and quality (NPMI as gensim c_npmi, topic diversity of the top 25 words, NMI of
// the argmax topic against the genres) next to the PyTorch reference measured on this machine kind
// (contextualized-topic-models 2.6, torch 1.13: CombinedTM 2.8 s/epoch, NPMI 0.045, diversity
// 0.90, NMI 0.21; ZeroShotTM 1.55 s/epoch, 0.026, 0.81, 0.24).
//   node bench/ctm.mjs [--epochs 100] [--seeds 42,43,44] [--threads 1,2] [--models combined,zeroshot]
import { parseArgs } from 'node:util';
import { CTM, init, normalizedMutualInfo, npmiCoherence, shutdown, topicDiversity } from '../web/node.js';
import { brownDocs, brownEmbeddings } from '../tests/helpers.mjs';

const { values } = parseArgs({ options: {
  epochs: { type: 'string', default: '100' },
  seeds: { type: 'string', default: '42' },
  threads: { type: 'string', default: '1,2' },
  models: { type: 'string', default: 'combined,zeroshot' },
} });
const REFERENCE = { combined: { sPerEpoch: 2.79, npmi: 0.045, diversity: 0.9, nmi: 0.21 }, zeroshot: { sPerEpoch: 1.55, npmi: 0.026, diversity: 0.81, nmi: 0.24 } };

const docs = brownDocs();
const texts = docs.map((d) => d.text);
const embeddings = brownEmbeddings();
const genres = [...new Set(docs.map((d) => d.label))];
const genre = docs.map((d) => genres.indexOf(d.label));
const { engine } = await init({ threads: 2 });

for (const modelType of values.models.split(',')) {
  for (const threads of values.threads.split(',').map(Number)) {
    engine.setThreadLimit(threads);
    for (const seed of values.seeds.split(',').map(Number)) {
      const ctm = new CTM({ modelType, nComponents: 15, numEpochs: Number(values.epochs), seed });
      let start = performance.now();
      const cpuStart = process.cpuUsage();
      const report = await ctm.fit(texts, { embeddings });
      const seconds = (performance.now() - start) / 1000;
      const cpu = process.cpuUsage(cpuStart);
      start = performance.now();
      const theta = ctm.getDocTopicDistribution();
      const inference = (performance.now() - start) / 1000;
      const { npmi } = await npmiCoherence(texts, ctm.getTopicLists(10));
      const diversity = await topicDiversity(ctm.getTopicLists(25), { topK: 25 });
      const nmi = await normalizedMutualInfo(genre, CTM.predictedTopics(theta));
      const perEpoch = seconds / report.epochsRun;
      const ref = REFERENCE[modelType];
      console.log(`${modelType} threads=${threads} seed=${seed}: ${perEpoch.toFixed(3)} s/epoch wall ` +
        `(${((cpu.user + cpu.system) / 1e6 / report.epochsRun).toFixed(3)} CPU-s/epoch; reference ${ref.sPerEpoch} -> ${(ref.sPerEpoch / perEpoch).toFixed(1)}x), ` +
        `inference ${inference.toFixed(2)} s, NPMI ${npmi.toFixed(4)} (ref ${ref.npmi}), diversity@25 ${diversity.toFixed(3)} (ref ${ref.diversity}), NMI ${nmi.toFixed(3)} (ref ${ref.nmi})`);
      ctm.free();
    }
  }
}
await shutdown();
