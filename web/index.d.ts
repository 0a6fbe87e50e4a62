// Type declarations for topicwasm's public API (hand-written; mirrors web/index.js).

export interface VectorizerOptions {
  /** Lowercase before tokenising. Default true. */
  lowercase?: boolean;
  /** null (none), 'english' (scikit-learn's list) or your own words. Default null. */
  stopWords?: null | 'english' | string[];
  /** [min, max] word n-gram lengths. Default [1, 1]. */
  ngramRange?: [number, number];
  /** Integer >= 1: a document count; number in [0, 1): a fraction of documents. Default 1. */
  minDf?: number;
  /** 1 or a number in (0, 1): a fraction; integer >= 2: a document count. Default 1.0. */
  maxDf?: number;
  /** Keep only the most frequent terms. Default null (all). */
  maxFeatures?: number | null;
  /** A fixed vocabulary (feature i = vocabulary[i]). Default null (learned). */
  vocabulary?: string[] | null;
  /** scikit-learn's tokenizer: (lowercased text) => tokens, synchronous, in place of the token pattern (e.g. a Chinese word segmenter). Default null. */
  tokenizer?: ((text: string) => string[]) | null;
}

/** BERTopic's OnlineCountVectorizer, for partialFit. */
export interface OnlineVectorizerOptions extends VectorizerOptions {
  /** Keep counting across partialFit batches. Default false. */
  online?: boolean;
  /** null (none) or in [0, 1]: old counts *= 1 - decay per batch. Default null. */
  decay?: number | null;
  /** null (keep every word) or drop words whose accumulated count falls below it. Default null. */
  deleteMinDf?: number | null;
}

export interface CtfidfOptions {
  /** BM25-style idf. Default false. */
  bm25Weighting?: boolean;
  /** Square-root term frequency. Default false. */
  reduceFrequentWords?: boolean;
  /** Words whose idf is multiplied by seedMultiplier (ClassTfidfTransformer's seed_words). Default null. */
  seedWords?: string[] | null;
  /** Default 2. */
  seedMultiplier?: number;
}

export interface UmapOptions {
  nNeighbors?: number; // 15
  nComponents?: number; // 5
  minDist?: number; // 0.0
  spread?: number; // 1.0
  metric?: 'cosine' | 'euclidean'; // 'cosine'
  /**
   * 'faithful' (default): umap-learn's epochs (500 up to 10,000 points) and serial update order.
   * 'fast': 200 epochs and block-parallel SGD that scales with threads, trustworthiness within 0.01
   * of 'faithful' but fewer topics on Brown (254 vs 269). Both give the same result for any thread count.
   */
  schedule?: 'fast' | 'faithful';
  nEpochs?: number | null; // null: 'fast' 200; 'faithful' 500 up to 10,000 points, else 200
  learningRate?: number; // 1.0
  negativeSampleRate?: number; // 5
  localConnectivity?: number; // 1.0
  setOpMixRatio?: number; // 1.0
  init?: 'spectral' | 'random'; // 'spectral'
}

export interface HdbscanOptions {
  minClusterSize?: number | null; // null: minTopicSize
  minSamples?: number | null; // null: minClusterSize
  clusterSelectionMethod?: 'eom' | 'leaf'; // 'eom'
  clusterSelectionEpsilon?: number; // 0
  allowSingleCluster?: boolean; // false
  /** hdbscan's approx_min_span_tree: true (its default) reproduces hdbscan exactly; false gives the exact MST. */
  approxMinSpanTree?: boolean; // true
}

/** A classifier as the cluster step (clusterModel): scikit-learn's fit / predict. */
export interface Classifier {
  fit(X: Float32Array[], y: Int32Array): unknown;
  predict(X: Float32Array[]): ArrayLike<number> | Promise<ArrayLike<number>>;
}

/** What a representation function gets per topic. */
export interface RepresentationInput {
  topic: number;
  /** The previous step's words (the 30 best c-TF-IDF words for the first step). */
  words: TopicWords;
  /** The topic's representative documents (none for a loaded model). */
  representativeDocs: string[];
  /** The topic's training documents (none for a loaded model). */
  readonly documents: string[];
}

/**
 * One representation model. MaximalMarginalRelevance: re-picks topNWords of the words it gets by MMR
 * over their embeddings (embeddingModel). KeyBERTInspired: nrCandidateWords (100) c-TF-IDF words
 * ranked by cosine to the mean embedding of nrReprDocs (5) representative documents (from nrSamples,
 * 500). A function (sync or async) returns the topic's words or a label (its words become [[label, 1]]).
 * TextGeneration: BERTopic's LLM labels through the user's generate(prompt) (the library ships no LLM):
 * prompt (default BERTopic's, [KEYWORDS] / [DOCUMENTS]), nrDocs 4, docLength (words) null,
 * concurrency 2 calls at once; labels kept unique. ZeroShotClassification: the candidate label whose embedding is
 * most cosine-similar to the topic's joined words, above minSimilarity (0.7), becomes its words (no NLI model).
 */
export type RepresentationStep = 'MaximalMarginalRelevance' | 'KeyBERTInspired'
  | { type?: 'MaximalMarginalRelevance'; diversity?: number; topNWords?: number }
  | { type: 'KeyBERTInspired'; topNWords?: number; nrReprDocs?: number; nrSamples?: number; nrCandidateWords?: number }
  | ((topic: RepresentationInput) => string | string[] | TopicWords | Promise<string | string[] | TopicWords>)
  | {
    type: 'TextGeneration'; generate: (prompt: string) => string | Promise<string>; prompt?: string | null; nrDocs?: number;
    docLength?: number | null; concurrency?: number; onProgress?: (progress: { stage: 'TextGeneration'; done: number; total: number }) => void;
  } | { type: 'ZeroShotClassification'; candidateTopics: string[]; minSimilarity?: number; multiLabel?: boolean };

export interface TopicModelOptions {
  /** 'english' strips everything but [A-Za-z0-9 ] before c-TF-IDF, as BERTopic. Default 'english'. */
  language?: string;
  /** Words per topic. Default 10. */
  topNWords?: number;
  /**
   * Smallest topic (HDBSCAN's min_cluster_size), or 'auto': chosen at each fit from the number of
   * documents n as clamp(round(log2(n) / 2), 2, 10) (see autoMinTopicSize; the model's
   * minTopicSize_ and onProgress's {stage: 'info'} tell the choice). Default 10.
   */
  minTopicSize?: number | 'auto';
  /**
   * BERTopic's nr_topics, applied at the end of fit: null keeps the topics (default); an integer
   * >= 2 reduces to that many topics counting the outlier topic -1; 'auto' merges topics HDBSCAN
   * groups together.
   */
  nrTopics?: number | 'auto' | null;
  /** Guided topic modeling (BERTopic's seed_topic_list): word lists, one per expected topic. Default null. */
  seedTopicList?: string[][] | null;
  /**
   * Zero-shot topic modeling (BERTopic's zeroshot_topic_list): topic labels, embedded with
   * embeddingModel (or given to fitTransform as zeroshotEmbeddings). A document whose most
   * cosine-similar label reaches zeroshotMinSimilarity gets that label's topic; the others are
   * clustered. Topic ids: -1, the zero-shot topics that took a document (list order, named after
   * their label), then the clusters (not renumbered by size). Once a document is assigned,
   * probabilities and transform use cosine similarity to the topic embeddings. Default null.
   */
  zeroshotTopicList?: string[] | null;
  /** BERTopic's zeroshot_min_similarity (cosine, -1..1). Default 0.7. */
  zeroshotMinSimilarity?: number;
  /**
   * BERTopic's representation_model. null (default): the c-TF-IDF words. One RepresentationStep, a
   * list of them applied in order (a chain: each gets the previous one's words), or a map of aspects.
   * Applied after fit, reduceTopics, mergeTopics and updateTopics (a failing step leaves the model as
   * it was). topicsOverTime / topicsPerClass / hierarchicalTopics keep c-TF-IDF words.
   */
  representationModel?: null | RepresentationStep | RepresentationStep[]
    /** Multi-aspect (BERTopic's dict): "Main" sets the topic words (c-TF-IDF without it); every other key is an aspect (topicAspects_). */
    | { [aspect: string]: null | RepresentationStep | RepresentationStep[] };
  /** Seed for everything random. Default 42. */
  seed?: number;
  /** Per-document topic distributions (n x K) instead of one probability. Default false. */
  calculateProbabilities?: boolean;
  /**
   * BERTopic's low_memory (umap-learn's UMAP(low_memory)): picks pynndescent's slower,
   * lower-memory neighbour search there. topicwasm's k-NN has a single mode, so true changes
   * nothing; fit reports that as a {stage: 'warning'} progress event. Shown by getParams and
   * saved in config.json. Default false.
   */
  lowMemory?: boolean;
  /**
   * BERTopic's umap_model: 'umap' (default), 'pca' (to umapModel.nComponents dimensions) or 'none'
   * (BaseDimensionalityReduction: the embeddings are clustered as given, e.g. a reduction you made).
   */
  reduceModel?: 'umap' | 'pca' | 'none' | 'incrementalPca';
  /**
   * 'hdbscan' (default) or 'kmeans' (no outliers, no probabilities): BERTopic's hdbscan_model.
   * 'miniBatchKmeans' (with reduceModel 'incrementalPca' or 'none' and vectorizerModel.online)
   * is for partialFit only. 'logisticRegression' (logisticRegressionModel) or any
   * {fit(X, y), predict(X)} object: supervised topic modeling, BERTopic's
   * hdbscan_model=LogisticRegression(): fitted on fit's y over the embeddings (reduceModel 'none');
   * its predictions are the clusters (topics renumbered by size; topicMapper_ maps label -> topic)
   * and transform predicts with it. X is an array of Float32Array rows, y an Int32Array.
   */
  clusterModel?: 'hdbscan' | 'kmeans' | 'miniBatchKmeans' | 'logisticRegression' | Classifier;
  /** scikit-learn's LogisticRegression(C=1.0, max_iter=100), multinomial, L2: C 1, maxIter 100. */
  logisticRegressionModel?: { C?: number; maxIter?: number };
  umapModel?: UmapOptions;
  hdbscanModel?: HdbscanOptions;
  kmeansModel?: { nClusters?: number; nInit?: number; maxIter?: number }; // 8, 1, 300
  /** scikit-learn's MiniBatchKMeans: nClusters 8, batchSize 1024, initSize null (3 * batchSize), reassignmentRatio 0.01. */
  miniBatchKmeansModel?: { nClusters?: number; batchSize?: number; initSize?: number | null; reassignmentRatio?: number };
  /** Used when fit / transform get no embeddings. Default 'int8' (shipped; 'fp32' is Node only; 'static': distilled static embeddings). */
  embeddingModel?: 'fp32' | 'int8' | 'static' | object;
  /**
   * CountVectorizer options, plus BERTopic's OnlineCountVectorizer for partialFit: online (false),
   * decay (null: none; else in [0, 1], old counts *= 1 - decay per batch), deleteMinDf (null: keep
   * every word; else drop words whose accumulated count falls below it).
   */
  vectorizerModel?: OnlineVectorizerOptions | CountVectorizer | OnlineCountVectorizer;
  ctfidfModel?: CtfidfOptions | ClassTfidfTransformer;
}

/**
 * What onProgress receives: a step of a stage ({stage, done, total}), or a warning
 * ({stage: 'warning', message}), e.g. umap-learn's "n_neighbors is larger than the dataset size".
 */
export type Progress = ProgressStep | ProgressWarning | ProgressInfo;

/** A choice made during a call, e.g. {stage: 'info', message: "minTopicSize 'auto': 6 for 360 documents (...)"}. */
export interface ProgressInfo {
  stage: 'info';
  message: string;
}

export interface ProgressStep {
  stage: string;
  done: number;
  total: number;
}

export interface ProgressWarning {
  stage: 'warning';
  message: string;
}

/**
 * n x d embeddings: a row-major Float32Array / Float64Array (its length must be n x the fitted
 * model's dimension), {data, rows, cols}, or n rows of d numbers. Values must be finite.
 */
export type Embeddings = Float32Array | Float64Array | { data: Float32Array | Float64Array; rows: number; cols: number } | ArrayLike<ArrayLike<number>>;

export interface FitOptions {
  /** n x d document embeddings (row-major Float32Array or rows): BERTopic's pipeline. */
  embeddings?: Embeddings;
  /**
   * One integer label per document. Alone: manual topic modeling (-1 = outlier). With embeddings:
   * (semi-)supervised UMAP (-1 = unlabelled), as BERTopic's fit(docs, embeddings, y).
   */
  y?: ArrayLike<number>;
  /** Multimodal: one image reference (URL or data URL) per document; pass the images' embeddings (your own CLIP-like model) as embeddings. topicImages_ then holds each topic's representative images. */
  images?: string[];
  /**
   * With zeroshotTopicList and embeddings computed elsewhere: the labels' embeddings from the same
   * model (one row per label, zeroshotTopicList order). Without it the labels are embedded with
   * embeddingModel; if that fails, fit throws an Error asking for zeroshotEmbeddings.
   */
  zeroshotEmbeddings?: Embeddings;
  onProgress?: (progress: Progress) => void;
}

export interface TopicInfoRow {
  Topic: number;
  Count: number;
  Name: string;
  /** Present after setTopicLabels, or for a loaded model whose topics.json has custom_labels. */
  CustomName?: string;
  Representation: string[];
  /** Absent for a loaded model (BERTopic does not save representative documents). */
  Representative_Docs?: string[];
}

/**
 * BERTopic's safetensors model directory as in-memory files: config.json, topics.json,
 * topic_embeddings.safetensors, and (saveCtfidf, the default) ctfidf.safetensors + ctfidf_config.json.
 */
export type ModelFiles = Record<string, Uint8Array>;
/** TopicModel.save's options (BERTopic's save_ctfidf, save_embedding_model). */
export interface SaveOptions { saveCtfidf?: boolean; saveEmbeddingModel?: boolean | string }

export type TopicWords = Array<[string, number]>;

/** TopicModel.getParams(): BERTopic's get_params keys with this model's option values. */
export interface TopicModelParams {
  calculate_probabilities: boolean;
  ctfidf_model: Required<CtfidfOptions>;
  embedding_model: TopicModelOptions['embeddingModel'];
  hdbscan_model: { type: 'hdbscan' | 'kmeans' | 'miniBatchKmeans' | 'logisticRegression' | 'classifier'; [option: string]: unknown };
  language: string;
  low_memory: boolean;
  min_topic_size: number;
  n_gram_range: [number, number];
  nr_topics: number | 'auto' | null;
  representation_model: TopicModelOptions['representationModel'];
  seed_topic_list: string[][] | null;
  top_n_words: number;
  umap_model: { type: 'umap' | 'pca' | 'incrementalPca' | 'none'; [option: string]: unknown };
  vectorizer_model: Required<VectorizerOptions> & Required<OnlineVectorizerOptions>;
  verbose: false;
  zeroshot_min_similarity: number;
  zeroshot_topic_list: string[] | null;
  /** With deep: each sub-model's options as `<key>__<option>`. */
  [deepKey: string]: unknown;
}

/** BERTopic's TopicMapper (TopicModel.topicMapper_). */
export interface TopicMapper {
  /** Rows [label, label, topic, ...]: first column the cluster step's labels, last the current topics. */
  mappings_: number[][];
  getMappings(originalTopics?: boolean): Record<number, number>;
}

export const TOPIC_MODEL_DEFAULTS: Readonly<Required<TopicModelOptions>>;

export class TopicModel {
  constructor(options?: TopicModelOptions);
  readonly options: Required<TopicModelOptions>;
  /**
   * BERTopic's get_params(deep): BERTopic's parameter names (sorted) with this model's values:
   * calculate_probabilities, language, min_topic_size, nr_topics, seed_topic_list, top_n_words,
   * zeroshot_min_similarity, zeroshot_topic_list as the options of the same meaning;
   * n_gram_range = vectorizerModel.ngramRange; embedding_model = embeddingModel; umap_model =
   * {type: 'umap', ...umapModel} | {type: 'pca' | 'incrementalPca', nComponents} | {type: 'none'};
   * hdbscan_model = {type: 'hdbscan', ...hdbscanModel (minClusterSize in effect)} | {type: 'kmeans' |
   * 'miniBatchKmeans', ...}; vectorizer_model, ctfidf_model, representation_model = those options;
   * low_memory = lowMemory; verbose false (no such mode). deep adds `<key>__<option>` for the sub-models.
   */
  getParams(options?: { deep?: boolean }): TopicModelParams;
  fit(documents: string[], options?: FitOptions): Promise<this>;
  fitTransform(documents: string[], options?: FitOptions): Promise<{ topics: Int32Array; probabilities: Float32Array | Float32Array[] | null }>;
  /**
   * BERTopic's partial_fit: one batch of online topic modeling; returns the batch's topics, and
   * topics_ / reducedEmbeddings_ / clusterLabels_ cover every batch so far, so reduceTopics,
   * mergeTopics, updateTopics, hierarchicalTopics and topicsOverTime take all documents passed
   * (after which partialFit cannot continue).
   */
  partialFit(documents: string[], options?: { embeddings?: Embeddings; onProgress?: (p: Progress) => void }): Promise<{ topics: Int32Array; probabilities: null }>;
  transform(documents: string[] | string, options?: { embeddings?: Embeddings; onProgress?: (p: Progress) => void }): Promise<{ topics: Int32Array; probabilities: Float32Array | Float32Array[] | null }>;
  readonly probabilities_: Float32Array | Float32Array[] | null; readonly cTfIdf_: SparseMatrix | null; readonly topicRepresentations_: Record<number, TopicWords>; // BERTopic's (c_tf_idf_ as CSR)
  readonly reducedEmbeddings_: { data: Float32Array; rows: number; cols: number } | null;
  /** HDBSCAN's min_cluster_size in effect: minTopicSize, or what 'auto' chose at the last fit (null before it). */
  readonly minTopicSize_: number | null;
  readonly topicEmbeddings_: { data: Float32Array; rows: number; cols: number } | null;
  /** BERTopic's VisualRepresentation after a fit with images: {topicId: the images of its 9 representative documents}, else null (a loaded model has none). */
  readonly topicImages_: Record<number, string[]> | null;
  readonly topics_: Int32Array;
  /**
   * BERTopic's topic_mapper_: mappings_ rows [label, label, topic after fit, after each
   * reduceTopics / mergeTopics]; getMappings(originalTopics = true) gives {from: current topic}.
   */
  readonly topicMapper_: TopicMapper;
  /** The cluster step's label per training document (BERTopic's hdbscan_model.labels_); null for a loaded model. */
  readonly clusterLabels_: Int32Array | null;
  /**
   * BERTopic's vectorizer_model, fitted: the vectorizer object given as vectorizerModel, or one
   * made from the options, reading this model's vocabulary (its own fit detaches it).
   */
  readonly vectorizerModel_: CountVectorizer | OnlineCountVectorizer;
  readonly topicSizes_: Record<number, number>;
  readonly topicLabels_: Record<number, string>;
  readonly vocabularySize: number;
  getTopicInfo(topic?: number): TopicInfoRow[];
  /** BERTopic's topics_over_time: rows by time point then topic. */
  topicsOverTime(documents: string[], timestamps: Array<number | Date | string>, options?: { topics?: ArrayLike<number>; nrBins?: number; evolutionTuning?: boolean; globalTuning?: boolean }): Promise<Array<{ Topic: number; Words: string; Frequency: number; Timestamp: number | Date }>>;
  /** BERTopic's topics_per_class: rows by class then topic. */
  topicsPerClass(documents: string[], classes: Array<string | number>, options?: { topics?: ArrayLike<number>; globalTuning?: boolean }): Promise<Array<{ Topic: number; Words: string; Frequency: number; Class: string | number }>>;
  /** BERTopic's approximate_distribution (c-TF-IDF variant): per-document topic distributions over topics 0..K-1. */
  approximateDistribution(documents: string | string[], options?: { window?: number; stride?: number; minSimilarity?: number; batchSize?: number; padding?: boolean; useEmbeddingModel?: false; calculateTokens?: boolean; separator?: string }): Promise<{ topicDistributions: Float32Array[]; topicTokenDistributions: Array<{ tokens: string[]; distributions: Float32Array[] }> | null }>;
  /** BERTopic's hierarchical_topics (Ward linkage of the topics' c-TF-IDF, 1 - cosine): merges, highest Parent_ID first. */
  /**
   * BERTopic's hierarchical_topics: `linkage` ('ward' default, 'single', 'complete', 'average':
   * scipy's methods) of 1 - cosine between the topics' c-TF-IDF rows (useCtfidf: true, default) or
   * topic embeddings. linkageFunction (BERTopic's linkage_function) replaces the linkage:
   * it gets the topics' condensed distances (scipy's pdist order), n and the square matrix, and
   * returns scipy's linkage matrix (n - 1 rows [a, b, distance, count?]); a malformed one throws.
   */
  hierarchicalTopics(documents: string[], options?: {
    linkage?: Linkage;
    useCtfidf?: boolean;
    linkageFunction?: ((condensed: Float64Array, matrix: { n: number; square: Float64Array[] }) => ArrayLike<ArrayLike<number>> | ArrayLike<number>) | null;
  }): Promise<Array<{ Parent_ID: string; Parent_Name: string; Topics: number[]; Child_Left_ID: string; Child_Left_Name: string; Child_Right_ID: string; Child_Right_Name: string; Distance: number }>>;
  /** The condensed 1 - cosine distances (scipy's pdist order) between the n topics other than -1, ascending: c-TF-IDF rows (default) or topic embeddings. */
  topicDistances(options?: { useCtfidf?: boolean }): { condensed: Float64Array; n: number };
  /** BERTopic's set_topic_labels: one label per topic (getTopicInfo order) or {topicId: label}. */
  setTopicLabels(labels: string[] | Record<number, string>): void;
  /** {topicId: label} after setTopicLabels, else null (BERTopic's custom_labels_). */
  readonly customLabels_: Record<number, string> | null;
  getTopic(topic: number): TopicWords | false;
  /** BERTopic's get_topic(topic, full=True): {Main: words, aspect: words, ...}. */
  getTopic(topic: number, options: { full: true }): Record<string, TopicWords> | false;
  getTopic(topic: number, options?: { full?: boolean }): TopicWords | Record<string, TopicWords> | false;
  getTopics(): Record<number, TopicWords>;
  /** {Main: {topicId: words}, aspect: {topicId: words}, ...}. */
  getTopics(options: { full: true }): Record<string, Record<number, TopicWords>>;
  /** BERTopic's topic_aspects_ of a multi-aspect representationModel: {aspect: {topicId: words}} (the engine's; saved in topics.json). */
  readonly topicAspects_: Record<string, Record<number, TopicWords>>;
  /** BERTopic's get_document_info: a row per training document; Probability from probabilities_ (or the `probabilities` passed), `df` rows and `metadata` columns are merged in. */
  getDocumentInfo(documents: string[], options?: { probabilities?: ArrayLike<number> | ArrayLike<ArrayLike<number>> | null; df?: Array<Record<string, unknown>> | null; metadata?: Record<string, ArrayLike<unknown>> | null }): Array<{ Document: string; Topic: number; Name: string; CustomName?: string; Representation: string[]; Representative_Docs?: string[]; Top_n_words: string; Probability?: number; Representative_document: boolean; [column: string]: unknown }>;
  /** BERTopic's find_topics: the topN (default 5) topics nearest the term's embedding (embeddingModel), most similar first. */
  findTopics(searchTerm: string, options?: { topN?: number }): Promise<{ topics: number[]; similarities: number[] }>;
  /** BERTopic's generate_topic_labels (defaults nrWords 3, topicPrefix true, wordLength null, separator '_'). */
  generateTopicLabels(options?: { nrWords?: number; topicPrefix?: boolean; wordLength?: number | null; separator?: string; aspect?: string | null }): string[];
  /** BERTopic's get_topic_tree: hierarchicalTopics' rows as a printable tree. */
  getTopicTree(hierarchicalTopics: Awaited<ReturnType<TopicModel['hierarchicalTopics']>>, options?: { maxDistance?: number | null; tightLayout?: boolean }): string;
  static getTopicTree(hierarchicalTopics: Awaited<ReturnType<TopicModel['hierarchicalTopics']>>, options?: { maxDistance?: number | null; tightLayout?: boolean }): string;
  /** BERTopic's get_topic_freq: every topic's count by decreasing count. */
  getTopicFreq(): Array<{ Topic: number; Count: number }>;
  /** BERTopic's get_topic_freq(topic): that topic's document count; throws an Error for an unknown topic (BERTopic's KeyError). */
  getTopicFreq(topic: number): number;
  getRepresentativeDocs(): Record<number, string[]>;
  getRepresentativeDocs(topic: number): string[] | false;
  /**
   * BERTopic.save(dir, serialization="safetensors", save_ctfidf=saveCtfidf, save_embedding_model)
   * as in-memory files. saveEmbeddingModel: true (default) records the model that embedded the
   * documents, false none, a string that name in config.json.
   */
  save(options?: SaveOptions): ModelFiles;
  /** save()'s files as one zip archive (stored entries). */
  saveZip(options?: SaveOptions): Uint8Array;
  /** Node: writes save()'s files into `dir` (created if needed); resolves to the file names. */
  saveTo(dir: string, options?: SaveOptions): Promise<string[]>;
  /**
   * A model from BERTopic's safetensors files (Python- or topicwasm-saved): the files object
   * (values Uint8Array | ArrayBuffer | string for JSON), zip bytes (stored or deflated), or in
   * Node a directory or zip path. options override the saved TopicModel options.
   */
  static load(source: Record<string, Uint8Array | ArrayBuffer | string> | Uint8Array | ArrayBuffer | string, options?: TopicModelOptions): Promise<TopicModel>;
  /**
   * BERTopic's merge_models: models[0]'s topics plus, from each later model, the topics whose
   * topic embedding's best cosine similarity to the topics merged so far is below minSimilarity
   * (default 0.7; they get the next ids). topics_ holds every model's documents (mapped to the
   * merged ids). Like BERTopic's, the merged model has no c-TF-IDF, documents or custom labels; it
   * transforms by topic-embedding similarity and saves / loads. The models are not changed.
   */
  static mergeModels(models: TopicModel[], options?: { minSimilarity?: number; embeddingModel?: TopicModelOptions['embeddingModel'] }): Promise<TopicModel>;
  /** Merges topics until nrTopics remain (counting -1), or 'auto'. Default nrTopics 20. */
  reduceTopics(documents: string[], options?: { nrTopics?: number | 'auto'; useCtfidf?: boolean }): Promise<this>;
  /** [1, 2, 3] merges those topics; [[1, 2], [3, 4]] merges each group. */
  mergeTopics(documents: string[], topicsToMerge: number[] | number[][]): Promise<this>;
  /** BERTopic's delete_topics: the topics' documents become outliers (-1); the others keep their words, renumbered by size. */
  deleteTopics(topicsToDelete: number[]): Promise<this>;
  /** New topics with outliers assigned to their nearest topic; the model does not change. */
  reduceOutliers(documents: string[], topics: ArrayLike<number>, options?: {
    strategy?: 'distributions' | 'probabilities' | 'c-tf-idf' | 'embeddings'; // 'distributions' (default)
    threshold?: number; targetOutlierShare?: number | null; // 0; beyond BERTopic: the share (0..1) of outliers to leave, picks the threshold
    probabilities?: Float32Array[] | Float32Array | null;
    embeddings?: Embeddings | null;
  }): Promise<Int32Array>;
  /**
   * Recomputes topic words (and with embeddings, centroids); unspecified options reset to defaults, as BERTopic.
   * topics: -1 or a current topic id per document (a topic left without documents disappears, ids are
   * kept); with embeddings also new ids >= 0 (a split, moved documents, a re-clustering), after which
   * transform uses the topic embeddings.
   */
  updateTopics(documents: string[], options?: { topics?: ArrayLike<number> | null; topNWords?: number; vectorizerModel?: OnlineVectorizerOptions | CountVectorizer | OnlineCountVectorizer; ctfidfModel?: CtfidfOptions | ClassTfidfTransformer; embeddings?: Embeddings | null }): Promise<this>;
  free(): void;
}

/**
 * Loads the engine with a pool of `threads` (default: cores). Without cross-origin isolation
 * (no SharedArrayBuffer) the single-threaded build loads and `threads` must be 1.
 */
export function init(options?: { threads?: number; build?: 'auto' | 'pthreads' | 'single-threaded' }): Promise<{ threads: number; build: 'pthreads' | 'single-threaded'; engine: unknown }>;
/** True where wasm threads can run: Node, or a cross-origin isolated page or Worker. */
export function threadsAvailable(): boolean;
/** Where topicwasm finds its files and how it caches and runs (web/engine/env.js). Set before the first model loads. */
export const env: {
  /** File name ('topicwasm.wasm', 'minilm-int8.onnx', 'ort-wasm-simd-threaded.wasm', ...) -> URL to use instead of the package's copy. */
  urls: Record<string, string | URL>;
  /** URL prefix holding minilm-int8.onnx and tokenizer.json (e.g. a CDN). Default null: the package's files. */
  modelBaseUrl: string | URL | null;
  /** Browsers: models in the Cache API, embeddings in IndexedDB. Default true. */
  useBrowserCache: boolean;
  /** Cache API cache / IndexedDB database name. Default 'topicwasm-v1'. */
  cacheName: string;
  /** Node: directory for graphs built from the fp16 weights. Default $XDG_CACHE_HOME/topicwasm or ~/.cache/topicwasm. */
  cacheDir: string | null;
  /** Node: keep built graphs in cacheDir. Default true. */
  useDiskCache: boolean;
  /** Engine thread pool size. Default null: the cores (at most 8), 1 without cross-origin isolation. */
  threads: number | null;
  /** Embedding backend: 'wasm' (default) or 'webgpu' (needs `import 'topicwasm/webgpu'`; falls back to 'wasm' without an adapter). */
  backend: 'wasm' | 'webgpu';
  /** Counters (read only): files fetched, files served from a cache, documents embedded, embeddings served from the cache. */
  readonly stats: { downloads: number; cacheHits: number; embedded: number; embeddingsFromCache: number };
};
/** Ends the engine's worker threads (lets a Node process exit). */
export function shutdown(): Promise<void>;
// scikit-learn / BERTopic's vectorizer and c-TF-IDF classes: web/model/swappable.d.ts.
export { SparseMatrix, CountVectorizer, OnlineCountVectorizer, ClassTfidfTransformer } from './model/swappable.js';
import type { CountVectorizer, OnlineCountVectorizer, ClassTfidfTransformer, SparseMatrix } from './model/swappable.js';

// CTM's preprocessing classes: web/ctm/preprocessing.d.ts.
export { WhiteSpacePreprocessing, WhiteSpacePreprocessingStopwords } from './ctm/preprocessing.js';

/** The terms a CountVectorizer with these options makes of `text`. */
export function analyze(text: string, vectorizerModel?: VectorizerOptions): Promise<string[]>;

// Evaluation metrics (coherence, diversity, clustering scores): web/model/evaluation.d.ts.
export * from './model/evaluation.js';

// CTM (CombinedTM / ZeroShotTM): web/ctm/ctm.d.ts.
export { CtmOptions, CtmCheckpointInfo, CtmFitOptions, CtmFitReport, CTM_DEFAULTS, CTM } from './ctm/ctm.js';
// CTM's Kitty: web/ctm/kitty.d.ts.
export { Kitty, KITTY_DEFAULTS } from './ctm/kitty.js';

/** scipy's linkage methods hierarchicalTopics and visualizeHierarchy take. */
export type Linkage = 'ward' | 'single' | 'complete' | 'average';

// Figures (BERTopic's visualize_*) and the reports: web/plotting/index.d.ts.
export * from './plotting/index.js';

/** HDBSCAN (euclidean) of n rows, e.g. a model's reducedEmbeddings_ clustered again; minClusterSize required. */
export function hdbscanCluster(vectors: Embeddings, n: number, options: HdbscanOptions & { minClusterSize: number }): Promise<{ labels: Int32Array; probabilities: Float64Array }>;
/** The min_cluster_size minTopicSize 'auto' picks for n documents. */
export function autoMinTopicSize(n: number): number;
/** autoMinTopicSize's rule, as text. */
export const AUTO_MIN_TOPIC_SIZE_RULE: string;
export function reduceDimensions(vectors: Embeddings, n: number, options?: { method?: 'umap' | 'pca'; nComponents?: number; umapModel?: UmapOptions; seed?: number }): Promise<{ data: Float32Array; rows: number; cols: number }>;
// The built-in embedders: web/embedding/create.d.ts.
export { EmbedderOptions, Embedder, createEmbedder, embed } from './embedding/create.js';

/** A corpus file's text (CSV / TSV with a header, JSONL / JSON, TXT one document per line) as records; `name` picks the format. */
export function parseCorpus(name: string, text: string): { columns: string[]; records: Array<Record<string, unknown>> };
/** "text" if present, else the column with the longest strings on average. */
export function guessTextColumn(corpus: { columns: string[]; records: Array<Record<string, unknown>> }): string;
/** A column named like a time (timestamp, date, year, ...) whose values are all numbers or dates, or null. */
export function guessTimeColumn(corpus: { columns: string[]; records: Array<Record<string, unknown>> }): string | null;
/** Texts of the records with non-empty text, and their times (numbers or date strings) when timeColumn is given. */
export function documentsOf(corpus: { records: Array<Record<string, unknown>> }, column: string, timeColumn?: string | null): { texts: string[]; times: Array<number | string> | null };
/** The non-empty, trimmed texts of a column. */
export function textsOf(corpus: { records: Array<Record<string, unknown>> }, column: string): string[];
/** IEEE half floats (little-endian bytes) as a Float32Array. */
export function halfToFloat(bytes: Uint8Array | ArrayBuffer): Float32Array;
