// BERTopic's get_params: the constructor's parameters by BERTopic's (snake_case) names, sorted as
// scikit-learn's _get_param_names sorts them, with this model's option values (camelCase objects).
import { cloneOptions, withDefaults } from '../engine/options.js';

// The reduction step as BERTopic's umap_model would be: UMAP, PCA / IncrementalPCA (to
// umapModel.nComponents dimensions) or BaseDimensionalityReduction ('none').
function reductionStep(o) {
  if (o.reduceModel === 'umap') return { type: 'umap', ...o.umapModel };
  if (o.reduceModel === 'none') return { type: 'none' };
  return { type: o.reduceModel, nComponents: o.umapModel.nComponents };
}

// The clustering step as BERTopic's hdbscan_model would be. BERTopic's default HDBSCAN is built
// with min_cluster_size=min_topic_size, so the size in effect is shown rather than null.
// minTopicSize 'auto' shows the size the last fit chose (`chosen`), or 'auto' before a fit.
function clusterStep(o, chosen) {
  const size = o.minTopicSize === 'auto' ? chosen ?? 'auto' : o.minTopicSize;
  if (o.clusterModel === 'hdbscan') return { type: 'hdbscan', ...o.hdbscanModel, minClusterSize: o.hdbscanModel.minClusterSize ?? size };
  if (o.clusterModel === 'kmeans') return { type: 'kmeans', ...o.kmeansModel };
  if (o.clusterModel === 'logisticRegression') return { type: 'logisticRegression', ...o.logisticRegressionModel };
  if (o.clusterModel === 'classifier') return { type: 'classifier' }; // the user's {fit, predict}
  return { type: 'miniBatchKmeans', ...o.miniBatchKmeansModel };
}

/**
 * TopicModel.getParams(options): `o` are the model's checked options. With {deep: true}, as
 * BERTopic's get_params(deep=True), the sub-models' parameters are added as
 * `<key>__<option>` (e.g. umap_model__nNeighbors). `chosenMinTopicSize`: what minTopicSize 'auto'
 * chose at the last fit.
 */
export function modelParams(o, options, chosenMinTopicSize = null) {
  const { deep } = withDefaults(options, { deep: false }, 'getParams');
  if (typeof deep !== 'boolean') throw new TypeError('getParams: deep must be true or false');
  const params = {
    calculate_probabilities: o.calculateProbabilities,
    ctfidf_model: { ...o.ctfidfModel },
    embedding_model: null, // set below, uncloned
    hdbscan_model: clusterStep(o, chosenMinTopicSize),
    language: o.language,
    // Accepted and reported; it changes nothing here (web/engine/options.js, lowMemory).
    low_memory: o.lowMemory,
    min_topic_size: o.minTopicSize,
    // BERTopic's n_gram_range builds the default CountVectorizer; here it is the vectorizer's own.
    n_gram_range: o.vectorizerModel.ngramRange,
    nr_topics: o.nrTopics,
    representation_model: null, // set below: it may hold the user's functions, which are not copied
    seed_topic_list: o.seedTopicList,
    top_n_words: o.topNWords,
    umap_model: reductionStep(o),
    vectorizer_model: { ...o.vectorizerModel },
    // Progress goes to onProgress rather than a logger: there is no verbosity to set.
    verbose: false,
    zeroshot_min_similarity: o.zeroshotMinSimilarity,
    zeroshot_topic_list: o.zeroshotTopicList,
  };
  const out = cloneOptions(params);
  // 'int8' | 'fp32' | 'static', or the Embedder options as given (they may hold an onnxruntime
  // module or model bytes, which are passed on, not copied).
  out.embedding_model = o.embeddingModel;
  out.representation_model = o.representationModel;
  if (!deep) return out;
  // scikit-learn's deep get_params puts each sub-model's parameters before the sub-model itself.
  const withSubs = {};
  for (const [key, value] of Object.entries(out)) {
    // Not the embedding model: BERTopic's embedding backends have no get_params either.
    if (key !== 'embedding_model' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [sub, v] of Object.entries(value)) withSubs[`${key}__${sub}`] = v;
    }
    withSubs[key] = value;
  }
  return withSubs;
}
