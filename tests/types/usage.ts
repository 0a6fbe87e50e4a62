// A typical user program against the package's types (checked by tests/types-compile.test.mjs with
// tsc --strict): every line must compile, and each @ts-expect-error line must fail to.
import {
  TopicModel, CountVectorizer, ClassTfidfTransformer, OnlineCountVectorizer, visualizeBarchart, visualizeDocuments, buildReport,
  visualizeHierarchy, visualizeHierarchicalDocuments, visualizeDocumentDatamap, visualizeHeatmap, visualizeTopics,
  npmiCoherence, topicDiversity, CTM, Kitty, KITTY_DEFAULTS, visualizeLdavis, WhiteSpacePreprocessingStopwords, createEmbedder, embed, init, shutdown, TOPIC_MODEL_DEFAULTS, type Figure, type TopicInfoRow,
} from 'topicwasm';

async function main(): Promise<void> {
  await init({ threads: 2 });
  const docs = ['the market fell', 'stocks rose', 'the team won', 'football tonight'];
  const embeddings: Float32Array = await embed(docs, { model: 'static' });
  const model = new TopicModel({
    nrTopics: 'auto', minTopicSize: 'auto', seed: 42,
    vectorizerModel: new CountVectorizer({ stopWords: 'english', ngramRange: [1, 2] }),
    ctfidfModel: new ClassTfidfTransformer({ reduceFrequentWords: true }),
  });
  const { topics } = await model.fitTransform(docs, { embeddings, onProgress: (p) => console.log(p.stage) });
  const info: TopicInfoRow[] = model.getTopicInfo();
  const words = model.getTopic(0);
  const labelled = new TopicModel({
    representationModel: {
      Main: ['KeyBERTInspired', { type: 'MaximalMarginalRelevance', diversity: 0.3 }],
      Label: { type: 'TextGeneration', generate: async (prompt: string) => prompt.slice(0, 10), concurrency: 4 },
      Custom: async ({ topic, words: w, representativeDocs }) => `${topic}: ${w[0][0]} (${representativeDocs.length})`,
      Plain: null,
    },
  });
  await labelled.fitTransform(docs, { embeddings });
  const full = labelled.getTopic(0, { full: true });
  const aspectWords: Array<[string, number]> | undefined = full ? full.Label : undefined;
  const aspects: Record<string, Record<number, Array<[string, number]>>> = labelled.topicAspects_;
  // @ts-expect-error a TextGeneration step needs its generate function
  new TopicModel({ representationModel: { type: 'TextGeneration' } });
  await model.reduceTopics(docs, { nrTopics: 5 });
  await model.mergeTopics(docs, [[0, 1]]);
  await model.deleteTopics([1]);
  const rows: number[][] = model.topicMapper_.mappings_;
  const files = model.save({ saveCtfidf: false, saveEmbeddingModel: true });
  const loaded = await TopicModel.load(files);
  const fig: Figure = visualizeBarchart(loaded, { topNTopics: 5 });
  const map = await visualizeDocuments(model, docs, { embeddings, maxHoverPoints: 1000 });
  const tree = await model.hierarchicalTopics(docs, { linkage: 'average', useCtfidf: false });
  const { condensed }: { condensed: Float64Array } = model.topicDistances({ useCtfidf: false });
  const figures: Figure[] = [
    visualizeHierarchy(model, { topNTopics: 5, linkage: 'single', hierarchicalTopics: tree }),
    visualizeHeatmap(model, { useCtfidf: true }),
    await visualizeTopics(model, { useCtfidf: true, topNTopics: 10 }),
    visualizeBarchart(model, { autoscale: true, showImages: false }),
    await visualizeHierarchicalDocuments(model, docs, tree, { nrLevels: 3, levelScale: 'log' }),
    await visualizeDocumentDatamap(model, null, { topics: [0, 1], subTitle: 'Brown' }),
  ];
  await model.fitTransform(docs, { embeddings, images: docs.map((_, i) => `https://example.org/${i}.png`) });
  const images: Record<number, string[]> | null = model.topicImages_;
  console.log(condensed.length, figures.length, images);
  // @ts-expect-error linkage is one of scipy's four methods
  await model.hierarchicalTopics(docs, { linkage: 'centroid' });
  const html: string = await buildReport(model, docs, { live: true, includeDocuments: true, semanticSearch: true });
  const { npmi } = await npmiCoherence(docs, [['market', 'stocks']]);
  const diversity: number = await topicDiversity([['a', 'b']]);
  const online = new TopicModel({ reduceModel: 'incrementalPca', clusterModel: 'miniBatchKmeans', vectorizerModel: new OnlineCountVectorizer({ decay: 0.01 }) });
  await online.partialFit(docs, { embeddings });
  const embedder = await createEmbedder({ model: 'int8' });
  const ctm = new CTM({ nComponents: 5, solver: 'sgd', reduceOnPlateau: true });
  const kitty = await new Kitty({ nComponents: 5 }).train(docs, { embeddings, nTopics: 5 });
  kitty.assignedClasses = { 0: 'finance' };
  const wordClasses: string[][] = kitty.getWordClasses(5);
  const restoredKitty: Kitty = await Kitty.load(kitty.save());
  const supervised = new CTM({ nComponents: 5, labelSize: 2 });
  await supervised.fit(docs, { embeddings, labels: [0, 1, 0, 1] });
  const { labels: predictedLabels, probabilities: labelProbabilities } = await supervised.predictLabels(docs, { embeddings });
  const ldavis: Figure = visualizeLdavis(supervised, { topic: 0, lambda: 0.6, R: 20 });
  console.log(wordClasses, restoredKitty, predictedLabels, labelProbabilities, ldavis, KITTY_DEFAULTS.numEpochs);
  const [preprocessed] = new WhiteSpacePreprocessingStopwords(docs, { stopwordsList: ['the'] }).preprocess();
  console.log(preprocessed.length, kitty.assignedClasses);
  // Issue 15: zero-shot labels by embedding similarity, a single string, an outlier share, fitted attributes.
  const zeroshot = new TopicModel({ representationModel: { type: 'ZeroShotClassification', candidateTopics: ['finance', 'sport'], minSimilarity: 0.5 } });
  const one = await model.transform('stocks fell', { embeddings: embeddings.subarray(0, 384) });
  const fewerOutliers: Int32Array = await model.reduceOutliers(docs, model.topics_, { strategy: 'c-tf-idf', targetOutlierShare: 0.1 });
  const csr: number[] | undefined = model.cTfIdf_?.shape;
  console.log(zeroshot, one.topics[0], fewerOutliers, csr, model.probabilities_, model.topicRepresentations_[0]);
  console.log(topics, info, words, rows, fig, map, html, npmi, diversity, embedder, ctm, TOPIC_MODEL_DEFAULTS.topNWords);
  // @ts-expect-error an option BERTopic does not have
  new TopicModel({ nrTopic: 5 });
  // @ts-expect-error nrTopics is a number, 'auto' or null
  new TopicModel({ nrTopics: 'five' });
  // @ts-expect-error getTopic takes a topic id
  model.getTopic('0');
  await shutdown();
}
main();
