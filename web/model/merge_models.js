// BERTopic's merge_models (BERTopic 0.17, BERTopic.merge_models): BERTopic saves every model,
// combines the saved topics.json / topic embeddings and loads the result; so do we (TopicModel.
// mergeModels loads what this returns). Starting from the first model, each later model's topics
// are compared with the merged topics by the cosine similarity of their topic embeddings:
//   - a topic whose best similarity is below minSimilarity is new: it gets the next id (after the
//     highest id so far), its words, label and embedding;
//   - the others are the same topic: their documents join the most similar merged topic in topics_.
// The merged model has no c-TF-IDF (BERTopic passes none to _create_model_from_files) and no
// custom labels; its topic mapper is the identity over -1..the highest id.
// Outliers: a later model's outlier documents stay -1 (BERTopic's to_merge[-1] = -1). When the
// first model has no outlier topic, BERTopic still puts them in topics_ but keeps _outliers = 0,
// so the merged model would count documents in a topic it has no words or embedding for; here
// the merged model gets the outlier topic of the first model that has one (its words, label and
// embedding), outside the similarity comparisons, as BERTopic's merged_tensors never hold it.
import { cosineRows } from '../engine/embeddings.js';
import { loadEngine } from '../engine/module.js';
import { withDefaults } from '../engine/options.js';
import { CONFIG, TOPICS, TOPIC_EMBEDDINGS, topicsJsonFile } from '../files/model_files.js';

/**
 * TopicModel.mergeModels' checks and files: {files (the merged model's, for TopicModel.load),
 * embeddingModel (the option, or undefined)}. TopicModelClass: models must be its instances;
 * internals(model): its {core, saved}.
 */
export async function mergedModels(models, options, TopicModelClass, internals) {
  const { minSimilarity, embeddingModel } = withDefaults(options, { minSimilarity: 0.7, embeddingModel: undefined }, 'mergeModels');
  if (typeof minSimilarity !== 'number' || !Number.isFinite(minSimilarity)) {
    throw new (typeof minSimilarity === 'number' ? Error : TypeError)(`mergeModels: minSimilarity must be a finite number, got ${JSON.stringify(minSimilarity)}`);
  }
  if (!Array.isArray(models) || models.length === 0) throw new (Array.isArray(models) ? Error : TypeError)('mergeModels: models must be a non-empty array of fitted TopicModels');
  const parts = models.map((m, i) => {
    if (!(m instanceof TopicModelClass)) throw new TypeError(`mergeModels: models[${i}] is not a TopicModel`);
    const { core, saved } = internals(m);
    if (!core?.fitted()) throw new Error(`mergeModels: models[${i}] is not fitted yet`);
    const embeddings = core.topicEmbeddings();
    if (!embeddings.rows) throw new Error(`mergeModels: models[${i}] has no topic embeddings (a manual fit): it cannot be compared with the others`);
    const info = m.getTopicInfo();
    return {
      ids: info.map((r) => r.Topic),
      names: info.map((r) => r.Name),
      representations: info.map((r) => core.topic(r.Topic)),
      topics: core.documentTopics(),
      aspects: m.topicAspects_, // the engine's (BERTopic's topic_aspects_)
      embeddings,
    };
  });
  const engine = await loadEngine();
  const config = models[0].save({ saveCtfidf: false })[CONFIG];
  return { files: mergedModelFiles(parts, minSimilarity, config, engine.topicEmbeddingsFile), embeddingModel };
}

/**
 * parts: per model {ids (ascending topic ids), names, representations ([[word, score]] per id),
 * topics (topics_), aspects (topic_aspects), embeddings ({data, rows, cols}, rows in ids order)}.
 * config: the first model's config.json bytes. topicEmbeddingsFile(data, rows, cols): the engine's
 * safetensors writer. Returns the merged model's files.
 */
export function mergedModelFiles(parts, minSimilarity, config, topicEmbeddingsFile) {
  const [first] = parts;
  const d = first.embeddings.cols;
  // The first model's outlier topic, or the first later one's (see above).
  let outlierTopic = null;
  const ids = [...first.ids]; // the merged topics, in the rows' order of `rows`
  const rows = first.ids.map((_, r) => first.embeddings.data.subarray(r * d, (r + 1) * d));
  const representations = new Map(first.ids.map((id, r) => [id, first.representations[r]]));
  const labels = new Map(first.ids.map((id, r) => [id, first.names[r]]));
  const topics = Array.from(first.topics);
  const aspects = structuredClone(first.aspects);
  let maxTopic = Math.max(...ids);

  parts.slice(1).forEach((part, k) => {
    const which = `models[${k + 1}]`;
    if (part.embeddings.cols !== d) {
      throw new Error(`mergeModels: ${which} has ${part.embeddings.cols}-d topic embeddings but models[0] has ${d}-d: merge models of one embedding model`);
    }
    if (!ids.includes(-1) && !outlierTopic && part.ids[0] === -1 && part.topics.includes(-1)) {
      outlierTopic = { row: part.embeddings.data.subarray(0, d), words: part.representations[0], name: part.names[0] };
    }
    // sim_matrix = cosine_similarity(its topic embeddings, the merged ones), before any is added.
    const merged = rows.length;
    const best = new Int32Array(part.ids.length);
    const bestSim = new Float64Array(part.ids.length);
    for (let r = 0; r < part.ids.length; ++r) {
      bestSim[r] = -Infinity;
      for (let m = 0; m < merged; ++m) {
        const sim = cosineRows(part.embeddings.data, r, rows[m], 0, d);
        if (sim > bestSim[r]) best[r] = m, bestSim[r] = sim; // first maximum, as numpy's argmax
      }
    }
    // BERTopic: max_topic = max(set(merged topics_)); the topic ids too, in case a topic has no document.
    for (const t of topics) if (t > maxTopic) maxTopic = t;
    const toMerge = new Map();
    part.ids.forEach((id, r) => {
      if (bestSim[r] >= minSimilarity) toMerge.set(id, ids[best[r]]);
    });
    part.ids.forEach((id, r) => {
      if (bestSim[r] >= minSimilarity || id === -1) return;
      maxTopic += 1;
      toMerge.set(id, maxTopic);
      ids.push(maxTopic);
      rows.push(part.embeddings.data.subarray(r * d, (r + 1) * d));
      representations.set(maxTopic, part.representations[r]);
      labels.set(maxTopic, part.names[r]);
      // BERTopic's topic aspects: new aspects start empty; the topic's values are copied.
      for (const [aspect, values] of Object.entries(part.aspects)) {
        aspects[aspect] ??= {};
        if (values[String(id)] !== undefined) aspects[aspect][String(maxTopic)] = values[String(id)];
      }
    });
    toMerge.set(-1, -1);
    for (const t of part.topics) topics.push(toMerge.get(t));
  });

  // topic_sizes_ is collections.Counter(topics_): keys in order of first appearance.
  const sizes = new Map();
  for (const t of topics) sizes.set(String(t), (sizes.get(String(t)) ?? 0) + 1);
  if (outlierTopic) {
    ids.push(-1);
    rows.push(outlierTopic.row);
    representations.set(-1, outlierTopic.words);
    labels.set(-1, outlierTopic.name);
  }
  const outliers = ids.includes(-1) ? 1 : 0;
  const order = [...ids].sort((a, b) => a - b);
  const mapper = [];
  for (let t = -1; t <= maxTopic; ++t) mapper.push([t, t]);
  const data = new Float32Array(order.length * d);
  order.forEach((id, r) => data.set(rows[ids.indexOf(id)], r * d));
  return {
    [CONFIG]: config,
    [TOPICS]: topicsJsonFile({
      ids: order, words: (id) => representations.get(id), topics, sizes, mapper,
      name: (id) => labels.get(id), customLabels: null, outliers, aspects,
    }),
    [TOPIC_EMBEDDINGS]: topicEmbeddingsFile(data, order.length, d),
  };
}
