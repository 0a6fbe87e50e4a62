// TopicModel: BERTopic's methods in camelCase over the engine's TopicModelCore.
import { checkDocuments, encodeDocuments } from '../engine/documents.js';
import { modelDimension, probabilityRows, toMatrix } from '../engine/embeddings.js';
import { topicsOverTime, topicsPerClass } from './topics_per_group.js';
import { seedTopicEmbeddings } from './guided.js';
import { EngineSlot } from './engine_slot.js';
import { platform } from '../platform/current.js';
import { cloneOptions, topicModelOptions, withDefaults } from '../engine/options.js';
import { collectFiles, isBuiltinEmbeddingModel, readModelFiles, writeModelFiles } from '../files/model_files.js';
import { writeZip } from '../files/zip.js';
import { deleteTopics, reduceTopics, mergeTopics, reduceOutliers, updateTopics } from './topic_reduction.js';
import { labelEmbeddings } from './zeroshot.js';
import { mergedModels } from './merge_models.js';
import { freeLater, oneCallAtATime } from '../engine/busy.js';
import { aspectsObject, fineTuneTopics, fullTopic, representationEmbeds } from './representation/index.js';
import { STATIC_MODEL_NAME } from '../embedding/static_embedder.js';
import { createEmbedder } from '../embedding/create.js';
import { FIT_OPTIONS, builtinModelName, checkLabels, embeddingModelKind, reportProgress, reportWarnings } from './fit_inputs.js';
import { relabel } from './custom_labels.js';
import { approximateDistribution, hierarchicalTopics } from './topic_structure.js';
import { topicDistances } from './topic_linkage.js';
import { checkImages, topicImages } from './visual.js';
import { documentInfo, findTopics, generateTopicLabels, topicTree } from './topic_inspection.js';
import { topicFreq } from './topic_freq.js';
import { modelParams } from './params.js';
import { TopicMapper } from './topic_mapper.js';
import { bindVectorizer, isSwappable, vectorizerFromOptions } from './swappable.js';
import { ctfidfMatrix, fittedProbabilities } from './fitted_attributes.js';
import { classifierLabels, fitClassifier } from './classifier.js';

/** A BERTopic-style topic model. Options: see TOPIC_MODEL_DEFAULTS and README. */
export class TopicModel {
  #options;
  // The engine model (web/model/engine_slot.js); #core is its current one.
  #slot = new EngineSlot();
  get #core() { return this.#slot.core; }
  #embedder = null;
  // A model from TopicModel.load: what BERTopic's files hold beyond the engine's state (config,
  // topic_mapper, vectorizer params); null after a fit. Topic aspects are the engine's.
  #saved = null;
  // True while the topics are those of the loaded files (BERTopic.load has no representative
  // documents); a change made with the documents (reduce, merge, update) computes them again.
  #asLoaded = false;
  // config.json's embedding_model: the built-in model's name when fit embedded the documents.
  #embeddingModelName = null;
  // The CountVectorizer / OnlineCountVectorizer / ClassTfidfTransformer objects the user passed
  // (web/model/swappable.js): options returns them as they are, and fits bind the vectorizer.
  // clusterModel: the user's {fit, predict} classifier object (the options say 'classifier').
  #objects = { vectorizerModel: null, ctfidfModel: null, clusterModel: null };
  // The fitted classifier of a supervised fit (clusterModel 'logisticRegression' or an object).
  #classifier = null;
  #images = null; // fitTransform's images, one per training document (model/visual.js)

  constructor(options = {}) {
    this.#options = topicModelOptions(options);
    for (const key of ['vectorizerModel', 'ctfidfModel']) if (isSwappable(options?.[key])) this.#objects[key] = options[key];
    if (typeof this.#options.clusterModel === 'object') {
      this.#objects.clusterModel = this.#options.clusterModel;
      this.#options.clusterModel = 'classifier';
    }
  }

  /** The options in effect (defaults filled in); a vectorizer / c-TF-IDF object given is returned as is. */
  get options() {
    const options = cloneOptions(this.#options); // the user's functions (tokenizer, representations) by reference
    for (const [key, object] of Object.entries(this.#objects)) if (object) options[key] = object;
    return options;
  }

  // The vectorizer object now describes this model's vocabulary (BERTopic fits it in place).
  #bindVectorizer(object = this.#objects.vectorizerModel) {
    if (object) bindVectorizer(object, () => this.#core, this.#slot.engine);
  }

  /** BERTopic's get_params({deep}): its parameter names with this model's values (web/model/params.js). */
  getParams(options) {
    return modelParams(this.#options, options, this.#slot.size);
  }

  /**
   * The min_cluster_size HDBSCAN used (or will use): minTopicSize, or with minTopicSize 'auto' the
   * size the last fit chose from its number of documents (null before the first fit).
   */
  get minTopicSize_() {
    return this.#options.minTopicSize === 'auto' ? this.#slot.size : this.#options.minTopicSize;
  }

  async #embed(documents, onProgress) {
    const model = this.#options.embeddingModel;
    this.#embedder ??= await createEmbedder(typeof model === 'string' ? { model } : model);
    return this.#embedder.embed(documents, { onProgress });
  }

  // The engine model for a fit of `n` documents (n null: load); see web/model/engine_slot.js.
  #engineModel(n = null, onProgress = undefined) {
    return this.#slot.forFit(this.#options, n, onProgress);
  }

  /**
   * Fits the model and returns {topics, probabilities}.
   * - with `embeddings` (n x d): BERTopic's pipeline, UMAP -> HDBSCAN -> c-TF-IDF. probabilities is
   *   HDBSCAN's probability per document (Float32Array), or with calculateProbabilities an array
   *   of per-document topic distributions (Float32Array of length K each).
   * - with `y` only: manual topic modeling (BERTopic's fit(docs, y=labels) with no clustering).
   * - with `embeddings` and `y` (integers, -1 = unlabelled): (semi-)supervised topic modeling,
   *   BERTopic's fit(docs, embeddings, y): the labels steer UMAP (umap-learn's categorical target).
   * - with the seedTopicList option and embeddings (given or computed): guided topic modeling
   *   (embeds the seed topics with embeddingModel, which must be the documents' embedding model);
   *   it sets y itself. A manual fit (y only) uses seedTopicList for the c-TF-IDF boost alone.
   * - with the zeroshotTopicList option: zero-shot topic modeling. The labels are embedded with
   *   embeddingModel, or given as `zeroshotEmbeddings` (one row per label, from the model that
   *   embedded the documents). Once a document is assigned to a zero-shot topic, probabilities are
   *   cosine similarities to the topic embeddings (the maximum, or with calculateProbabilities every
   *   topic's, -1 first) and transform assigns the most similar topic embedding, as BERTopic.
   */
  async fitTransform(documents, options) {
    let { y, embeddings, zeroshotEmbeddings, images, onProgress } = withDefaults(options, FIT_OPTIONS, 'fitTransform');
    checkDocuments(documents);
    images = checkImages(images, documents.length);
    if (onProgress !== undefined && typeof onProgress !== 'function') throw new TypeError('onProgress must be a function');
    if (this.#saved?.unsupported.length) {
      throw new Error(`cannot fit again: the loaded model's vectorizer uses ${this.#saved.unsupported.join(', ')}, which topicwasm does not implement`);
    }
    const zeroshotList = this.#options.zeroshotTopicList;
    if (zeroshotEmbeddings !== undefined && !zeroshotList) throw new Error('zeroshotEmbeddings needs the zeroshotTopicList option (the labels they embed)');
    if (zeroshotList && y !== undefined && embeddings === undefined) {
      throw new Error('zeroshotTopicList needs document embeddings: a manual fit (y without embeddings) does not embed the documents');
    }
    const core = await this.#engineModel(documents.length, onProgress);
    try {
      const result = await this.#fitCore(core, documents, y, embeddings, zeroshotEmbeddings, onProgress);
      this.#images = images;
      return result;
    } catch (e) {
      this.#slot.discard(core);
      throw e;
    }
  }

  async #fitCore(core, documents, y, embeddings, zeroshotEmbeddings, onProgress) {
    const zeroshotList = this.#options.zeroshotTopicList;
    const { utf8, offsets } = encodeDocuments(documents);
    if (y !== undefined && embeddings === undefined) {
      const labels = checkLabels(y, documents.length);
      reportProgress(onProgress, 'ctfidf', 0, 1);
      await this.#representationReady(core);
      const topics = core.fitTransformLabels(utf8, offsets, labels);
      await this.#fineTune(core);
      this.#slot.adopt(core);
      reportProgress(onProgress, 'ctfidf', 1, 1);
      this.#fittedAnew(null);
      return { topics, probabilities: null };
    }
    const embedded = embeddings === undefined;
    embeddings ??= await this.#embed(documents, onProgress);
    const { data, cols } = toMatrix(embeddings, documents.length);
    const target = y === undefined ? null : checkLabels(y, documents.length);
    // Guided topic modeling: the engine labels and nudges the documents by the seed topics' embeddings.
    const seedList = this.#options.seedTopicList;
    const seeds = seedList ? await seedTopicEmbeddings(seedList, (texts) => this.#embed(texts)) : null;
    // Zero-shot topics: the engine assigns documents to the labels, names and follows those topics.
    const labels = zeroshotList ? await labelEmbeddings(zeroshotList, zeroshotEmbeddings, cols, (texts) => this.#embed(texts)) : null;
    await this.#representationReady(core);
    // Supervised topic modeling with a classifier as the cluster step (web/model/classifier.js).
    const classifier = await fitClassifier(this.#options, this.#objects.clusterModel, data, documents.length, cols, target, onProgress);
    const result = core.fitTransformEmbeddings(utf8, offsets, data, cols, onProgress, target, labels, classifier?.labels ?? null, seeds);
    await this.#fineTune(core); // a failure discards this fit, the model stays as it was
    this.#slot.adopt(core);
    this.#classifier = classifier?.model ?? null;
    reportWarnings(onProgress, result.warnings);
    if (this.#options.lowMemory && this.#options.reduceModel === 'umap') {
      reportWarnings(onProgress, ["lowMemory: topicwasm's UMAP has a single k-NN mode (exact below 4,096 documents, NN-descent above), so lowMemory changes nothing"]);
    }
    const model = this.#options.embeddingModel;
    this.#fittedAnew(embedded ? builtinModelName(model) : null);
    return { topics: result.topics, probabilities: probabilityRows(result.probabilities) };
  }

  /**
   * BERTopic's partial_fit, online topic modeling: folds one batch of documents into the model and
   * returns {topics, probabilities: null} for the batch. Needs the online steps: reduceModel
   * 'incrementalPca' (or 'none'), clusterModel 'miniBatchKmeans' and vectorizerModel.online = true
   * (with decay / deleteMinDf as BERTopic's OnlineCountVectorizer). Embeds the documents with
   * embeddingModel unless `embeddings` (n x d, the same d for every batch) are given. Afterwards
   * topics_ holds the topics of every batch so far (BERTopic's guide collects them by hand), so
   * reduceTopics / mergeTopics / updateTopics / reduceOutliers / hierarchicalTopics /
   * topicsOverTime take all documents passed, in order; after reduceTopics, mergeTopics or
   * updateTopics transform still works but partialFit cannot continue. getTopicInfo counts every
   * batch; topic words come from the accumulated (decayed) bag of words. Topic ids are cluster ids
   * (not sorted by size), as BERTopic. A failed call leaves the model as it was.
   */
  async partialFit(documents, options) {
    let { embeddings, onProgress } = withDefaults(options, { embeddings: undefined, onProgress: undefined }, 'partialFit');
    checkDocuments(documents);
    if (onProgress !== undefined && typeof onProgress !== 'function') throw new TypeError('onProgress must be a function');
    const core = await this.#engineModel(this.#core?.fitted() ? null : documents.length, onProgress);
    try {
      core.checkPartialFit(); // what the engine refuses, before the batch is embedded
    } catch (e) {
      this.#slot.discard(core);
      throw e;
    }
    this.#slot.adopt(core); // a partial fit continues the model: the batch size of the first batch sets 'auto'
    const first = !core.fitted();
    const { utf8, offsets } = encodeDocuments(documents);
    const embedded = embeddings === undefined;
    embeddings ??= await this.#embed(documents, onProgress);
    const { data, cols } = toMatrix(embeddings, documents.length, 'embeddings', first ? null : modelDimension(core));
    const result = core.partialFitEmbeddings(utf8, offsets, data, cols, onProgress);
    if (first) this.#fittedAnew(embedded ? builtinModelName(this.#options.embeddingModel) : null);
    return { topics: result.topics, probabilities: null };
  }

  #fittedAnew(embeddingModelName) {
    this.#images = null;
    this.#bindVectorizer();
    this.#saved = null;
    this.#asLoaded = false;
    this.#embeddingModelName = embeddingModelName;
  }

  // Before the topics change: the engine keeps its state (a failing representation model rolls back
  // to it) and the embedder a representation model needs is created, so that a missing embedding
  // model fails the call and leaves the model as it was.
  async #representationReady(core = this.#core) {
    core.checkpoint();
    if (!representationEmbeds(this.#options.representationModel)) return;
    try {
      await this.#embed(['topic']);
    } catch (e) {
      throw new Error(`representationModel needs embeddingModel to embed topic words: ${e.message}`);
    }
  }

  // BERTopic's _extract_words_per_topic with a representation model: the topic words re-picked from
  // the c-TF-IDF candidates (after fit, topic reduction, merging and update_topics, as BERTopic);
  // the engine keeps them (and names the topics after them).
  async #fineTune(core = this.#core) {
    const rep = this.#options.representationModel;
    if (rep) await fineTuneTopics(core, (texts) => this.#embed(texts), rep, this.#options.topNWords);
  }

  // Before topics are merged (reduceTopics, mergeTopics): a loaded zero-shot model embeds its
  // labels now, so that a failure leaves the model unchanged; the engine then follows the labels.
  async #zeroshotLabels() {
    const core = this.#core;
    if (!core.zeroshotNeedsEmbeddings()) return;
    const list = this.#options.zeroshotTopicList;
    const labels = await this.#embed(list);
    core.setZeroshotEmbeddings(labels, labels.length / list.length);
  }

  /**
   * The model as BERTopic's safetensors directory (BERTopic.save(path, serialization="safetensors",
   * save_ctfidf=True)): {'config.json': Uint8Array, 'topics.json', 'topic_embeddings.safetensors',
   * 'ctfidf.safetensors', 'ctfidf_config.json'}. saveCtfidf: false leaves out the last two, as
   * BERTopic's default save_ctfidf=False does. Python loads the files with BERTopic.load(dir).
   * saveEmbeddingModel (BERTopic's save_embedding_model): true records in config.json the model
   * that embedded the documents (the built-in one when fit embedded them, a loaded model's saved
   * name), false none, a string that name (e.g. 'sentence-transformers/all-MiniLM-L6-v2' for a
   * model fitted on MiniLM embeddings computed elsewhere: loaded, it then embeds new documents).
   */
  save(options) {
    const { saveCtfidf, saveEmbeddingModel } = withDefaults(options, { saveCtfidf: true, saveEmbeddingModel: true }, 'save');
    if (typeof saveCtfidf !== 'boolean') throw new TypeError('saveCtfidf must be true or false');
    if (typeof saveEmbeddingModel !== 'boolean' && typeof saveEmbeddingModel !== 'string') {
      throw new TypeError('saveEmbeddingModel must be true, false or an embedding model name');
    }
    // true: the fit's embedding model, or what a loaded model's config.json says (kept as it is)
    const embeddingModel = saveEmbeddingModel === true ? (this.#saved ? undefined : this.#embeddingModelName) : saveEmbeddingModel || null;
    const core = this.#fitted();
    // BERTopic's config.json needs an integer min_topic_size: 'auto' is saved as the size it chose.
    const fileOptions = { ...this.#options, minTopicSize: this.minTopicSize_ ?? this.#slot.size };
    return writeModelFiles({
      core, options: fileOptions, saved: this.#saved, embeddingModel, saveCtfidf,
    });
  }

  /** save()'s files in one zip archive (stored entries), e.g. for a download in a browser. */
  saveZip(options) { return writeZip(this.save(options)); }

  /** Node: writes save()'s files into directory `dir` (created if needed); returns the file names. */
  async saveTo(dir, options) {
    if (typeof dir !== 'string') throw new TypeError('saveTo needs a directory path');
    const files = this.save(options);
    await platform.writeDirectory(dir, files);
    return Object.keys(files);
  }

  /**
   * A model from BERTopic's safetensors files: the object save() returns (values Uint8Array,
   * ArrayBuffer or, for JSON, strings), zip bytes (stored or deflated), or in Node a directory or
   * zip path. Like BERTopic.load, it has no documents or representative documents, and transform
   * assigns the topic whose embedding is most cosine-similar. A bad or missing file throws an
   * Error naming it. options: TopicModel options that override the saved ones (e.g. embeddingModel).
   */
  static async load(source, options = {}) {
    const files = await collectFiles(source);
    const { options: saved, spec, saved: extras } = readModelFiles(files);
    let model;
    try {
      // A model fitted on the static embeddings embeds new documents with them unless told otherwise.
      const embedder = extras.embeddingModel === STATIC_MODEL_NAME ? { embeddingModel: 'static' } : {};
      model = new TopicModel({ ...saved, ...embedder, ...options });
    } catch (e) {
      throw new Error(`config.json / ctfidf_config.json: ${e.message}`);
    }
    const core = await model.#engineModel();
    try {
      core.restore(spec);
    } catch (e) {
      model.free();
      throw e;
    }
    model.#saved = extras;
    model.#asLoaded = true;
    model.#embeddingModelName = extras.embeddingModel;
    return model;
  }

  /**
   * BERTopic's merge_models: a new model with the topics of models[0] and, from each later model in
   * turn, the topics whose topic embedding has a maximum cosine similarity below `minSimilarity`
   * to every topic merged so far (they get the next ids). The other topics' documents go to their
   * most similar merged topic in topics_. As BERTopic's (built from the models' saved files), the
   * merged model has no c-TF-IDF, no documents and no custom labels, and transform assigns the
   * most cosine-similar topic embedding. `embeddingModel` overrides the first model's. The
   * models are not changed.
   */
  static async mergeModels(models, options = {}) {
    const { files, embeddingModel } = await mergedModels(models, options, TopicModel, (m) => ({ core: m.#core, saved: m.#saved }));
    return TopicModel.load(files, embeddingModel === undefined ? {} : { embeddingModel });
  }

  /** Topics of new documents (one string: arrays of length 1, as BERTopic): {topics, probabilities} as fitTransform. */
  async transform(documents, options) {
    let { embeddings, onProgress } = withDefaults(options, { embeddings: undefined, onProgress: undefined }, 'transform');
    if (typeof documents === 'string') documents = [documents];
    checkDocuments(documents);
    const core = this.#fitted();
    const savedModel = this.#saved?.embeddingModel;
    const staticSaved = savedModel === STATIC_MODEL_NAME && embeddingModelKind(this.#options.embeddingModel) === 'static';
    if (embeddings === undefined && this.#saved && !isBuiltinEmbeddingModel(savedModel) && !staticSaved) {
      throw new Error(`this loaded model was fitted on embeddings from ${this.#saved.embeddingModel ?? 'an unnamed model'}: pass {embeddings}`);
    }
    embeddings ??= await this.#embed(documents, onProgress);
    const { data, cols } = toMatrix(embeddings, documents.length, 'embeddings', modelDimension(core));
    if (this.#classifier && !this.#saved) {
      // The classifier predicts a label per document; the topic mapper gives its topic.
      const labels = await classifierLabels(this.#classifier, data, documents.length, cols);
      const topicOf = new Map(core.labelTopics());
      return { topics: Int32Array.from(labels, (label) => topicOf.get(label) ?? -1), probabilities: null };
    }
    const result = core.transformEmbeddings(data, cols, onProgress);
    return { topics: result.topics, probabilities: probabilityRows(result.probabilities) };
  }

  /** The UMAP output of the training documents: {data, rows, cols} (null for a manual fit). */
  get reducedEmbeddings_() {
    const m = this.#fitted().reducedEmbeddings();
    return m.rows ? m : null;
  }

  /** VisualRepresentation's images: {topicId: the images of its 9 representative documents} after a fit with images, else null. */
  get topicImages_() { return this.#images ? topicImages(this.#fitted(), this.#images) : null; }

  /** Mean embedding per topic in getTopicInfo() order: {data, rows, cols} (BERTopic's topic_embeddings_). */
  get topicEmbeddings_() {
    const m = this.#fitted().topicEmbeddings();
    return m.rows ? m : null;
  }

  /** Fits the model; returns it (for chaining, as BERTopic's fit returns self). */
  async fit(documents, options = {}) { await this.fitTransform(documents, options); return this; }

  #fitted() {
    if (!this.#core || !this.#core.fitted()) throw new Error('the model is not fitted yet (or was freed with free()): call fit or fitTransform first');
    return this.#core;
  }

  /**
   * BERTopic's topic_mapper_: mappings_ (rows [label, label, topic after fit, after each
   * reduceTopics / mergeTopics]) and getMappings(originalTopics = true). With nrTopics in the
   * options the reduction inside fit is part of fit's column. updateTopics adds no column (as
   * BERTopic); a label whose topic it emptied predicts -1 in transform. A loaded model starts
   * from the saved rows (or [id, id, id] per topic) and gains columns as a fitted one.
   */
  get topicMapper_() { return new TopicMapper(this.#fitted().topicMapper()); }

  /**
   * The cluster step's label of each training document (BERTopic's hdbscan_model.labels_;
   * the y labels of a manual fit; online, every batch's MiniBatchKMeans labels). Reductions and
   * merges do not change them. Int32Array, or null for a loaded model (BERTopic does not save them).
   */
  get clusterLabels_() {
    const labels = this.#fitted().clusterLabels();
    return labels.length ? labels : null;
  }

  /**
   * BERTopic's vectorizer_model, fitted: the CountVectorizer / OnlineCountVectorizer object given as
   * vectorizerModel, or a new one made from the vectorizerModel options, reading this model's
   * vocabulary (getFeatureNamesOut, vocabulary_, transform). Its fit(documents) detaches it (it
   * learns its own vocabulary; the model does not change).
   */
  get vectorizerModel_() {
    this.#fitted();
    const object = this.#objects.vectorizerModel ?? vectorizerFromOptions(this.#options.vectorizerModel);
    this.#bindVectorizer(object);
    return object;
  }

  /** BERTopic's probabilities_: fitTransform's probabilities (mapped through reduceTopics / mergeTopics / deleteTopics), or null. */
  get probabilities_() { return fittedProbabilities(this.#fitted()); }

  /** BERTopic's c_tf_idf_: the c-TF-IDF rows (getTopicInfo order) as a CSR SparseMatrix {data, indices, indptr, shape}, or null. */
  get cTfIdf_() { return ctfidfMatrix(this.#fitted(), this.#slot.engine); }

  /** BERTopic's topic_representations_: {topicId: [[word, score], ...]}, what getTopics returns. */
  get topicRepresentations_() { return this.getTopics(); }

  /** Topic of each training document (BERTopic's topics_). */
  get topics_() { return this.#fitted().documentTopics(); }

  /** Number of terms in the fitted vectorizer's vocabulary. */
  get vocabularySize() { return this.#fitted().vocabularySize(); }

  /** {topicId: documentCount} (BERTopic's topic_sizes_). */
  get topicSizes_() { return Object.fromEntries(this.getTopicInfo().map((row) => [row.Topic, row.Count])); }

  /** {topicId: name} (BERTopic's topic_labels_). */
  get topicLabels_() { return Object.fromEntries(this.getTopicInfo().map((row) => [row.Topic, row.Name])); }

  /**
   * Rows {Topic, Count, Name, Representation, Representative_Docs}, ascending Topic; with custom
   * labels (setTopicLabels) also CustomName, as BERTopic.
   */
  getTopicInfo(topic) {
    const core = this.#fitted();
    if (topic !== undefined && !Number.isInteger(topic)) return [];
    const rows = topic === undefined ? core.topicInfo() : core.topicInfoOf(topic);
    // BERTopic.load: no representative documents (the column is absent).
    return this.#asLoaded ? rows.map(({ Representative_Docs, ...row }) => row) : rows;
  }

  /**
   * Custom topic labels (BERTopic's set_topic_labels): an array with one label per topic in
   * getTopicInfo() order (-1 first when there are outliers), or {topicId: label} to relabel some
   * topics (the others keep their Name). Shown as CustomName; figures take them as customLabels.
   */
  setTopicLabels(labels) {
    // Unnamed topics keep their CustomName, or their Name (a zero-shot label, a representation model's words).
    const rows = this.#fitted().topicInfo();
    const next = relabel(rows, this.customLabels_, labels);
    this.#core.setCustomLabels(rows.map((r) => next[r.Topic]));
  }

  /** {topicId: label} set by setTopicLabels, or null (BERTopic's custom_labels_). */
  get customLabels_() {
    if (!this.#core?.fitted()) return null;
    const rows = this.#core.topicInfo();
    return rows.length && 'CustomName' in rows[0] ? Object.fromEntries(rows.map((r) => [r.Topic, r.CustomName])) : null;
  }

  /** [[word, score], ...] of a topic; false when there is no such topic (as BERTopic); {full: true}: {Main: words, aspect: words, ...}. */
  getTopic(topic, options) {
    if (!Number.isInteger(topic)) throw new TypeError(`topic must be an integer id, got ${JSON.stringify(topic)}`);
    return fullTopic(this.#fitted(), topic, withDefaults(options, { full: false }, 'getTopic').full);
  }

  /** {topicId: [[word, score], ...]} for every topic; {full: true}: {Main: those, aspect: {topicId: words}, ...}. */
  getTopics(options) {
    const core = this.#fitted();
    const main = Object.fromEntries(core.topicInfo().map((row) => [row.Topic, core.topic(row.Topic)]));
    return withDefaults(options, { full: false }, 'getTopics').full ? { Main: main, ...aspectsObject(core) } : main;
  }

  /** BERTopic's topic_aspects_: {aspect: {topicId: [[word, score], ...]}} of a multi-aspect representationModel. */
  get topicAspects_() { return aspectsObject(this.#fitted()); }

  /** BERTopic's get_topic_freq: topic's document count; without topic, [{Topic, Count}] by decreasing count. */
  getTopicFreq(topic) {
    return topicFreq(() => this.getTopicInfo(), (t) => this.#fitted().topicInfoOf(t), topic);
  }

  /** The representative documents of one topic, or {topicId: docs} for all. */
  getRepresentativeDocs(topic) {
    // A loaded model has none (BERTopic.load's representative_docs_ is {}).
    const rows = this.getTopicInfo(topic).filter((row) => row.Representative_Docs);
    if (topic !== undefined) return rows.length ? rows[0].Representative_Docs : false;
    return Object.fromEntries(rows.map((row) => [row.Topic, row.Representative_Docs]));
  }

  /** BERTopic's get_document_info: a row per training document (model/topic_inspection.js). */
  getDocumentInfo(documents, options) { return documentInfo(this, documents, options); }

  /** BERTopic's find_topics: {topics, similarities}, the topics nearest a search term's embedding. */
  async findTopics(searchTerm, options = {}) { return findTopics(this, searchTerm, options, (texts) => this.#embed(texts)); }

  /** BERTopic's generate_topic_labels: a label per topic from its words. */
  generateTopicLabels(options) { return generateTopicLabels(this, options); }

  /** BERTopic's get_topic_tree: hierarchicalTopics' rows as a printable tree (also static). */
  getTopicTree(hierarchicalTopics, options) { return topicTree(hierarchicalTopics, options); }
  static getTopicTree(hierarchicalTopics, options) { return topicTree(hierarchicalTopics, options); }

  /** BERTopic's topics_over_time: rows {Topic, Words, Frequency, Timestamp} (model/topics_per_group.js). */
  async topicsOverTime(documents, timestamps, options = {}) { return topicsOverTime(this.#fitted(), documents, timestamps, options, this.#groupRepresentation()); }

  /** BERTopic's topics_per_class: rows {Topic, Words, Frequency, Class} (model/topics_per_group.js). */
  async topicsPerClass(documents, classes, options = {}) { return topicsPerClass(this.#fitted(), documents, classes, options, this.#groupRepresentation()); }
  #groupRepresentation() { return { options: this.#options.representationModel, embed: (texts) => this.#embed(texts), topNWords: this.#options.topNWords }; }

  /** BERTopic's hierarchical_topics: the topic tree's merges (model/topic_structure.js). */
  async hierarchicalTopics(documents, options) { return hierarchicalTopics(this.#fitted(), documents, options); }

  /** The condensed 1 - cosine distances between the topics other than -1 that hierarchicalTopics links (model/topic_linkage.js). */
  topicDistances(options) { return topicDistances(this.#fitted(), options); }

  /** BERTopic's approximate_distribution (c-TF-IDF): {topicDistributions, topicTokenDistributions} (model/topic_structure.js). */
  async approximateDistribution(documents, options = {}) { return approximateDistribution(this.#fitted(), documents, options); }

  /**
   * BERTopic's reduce_topics: merges topics until `nrTopics` remain, counting the outlier topic -1
   * (an integer >= 2), or 'auto'. Topic ids are renumbered by size. Returns the model.
   * useCtfidf: distances between c-TF-IDF rows instead of topic embeddings.
   */
  async reduceTopics(documents, options = {}) {
    return this.#regroup((core) => reduceTopics(core, documents, options));
  }

  /** BERTopic's merge_topics: [1, 2, 3] merges those topics; [[1, 2], [3, 4]] merges each group. */
  async mergeTopics(documents, topicsToMerge) {
    return this.#regroup((core) => mergeTopics(core, documents, topicsToMerge));
  }

  /**
   * BERTopic's delete_topics: the topics' documents become outliers (-1); the other topics keep
   * their words and embeddings and are renumbered by size. Needs no documents. Returns the model.
   */
  async deleteTopics(topicsToDelete) {
    deleteTopics(this.#fitted(), topicsToDelete);
    return this;
  }

  // Topics merged by `change(core)`: what must be embedded comes first (a failure leaves the model
  // as it was), then the zero-shot labels and the representation model's words follow the merge.
  async #regroup(change) {
    this.#fitted();
    await this.#zeroshotLabels();
    await this.#representationReady();
    change(this.#core);
    this.#asLoaded = false;
    await this.#fineTune();
    return this;
  }

  /**
   * BERTopic's reduce_outliers: new topics (Int32Array) with outliers (-1) assigned to their nearest
   * topic; the model does not change (call updateTopics with them).
   */
  async reduceOutliers(documents, topics, options = {}) {
    const core = this.#fitted();
    return reduceOutliers(core, documents, topics, options, (docs) => this.#embed(docs));
  }

  /**
   * BERTopic's update_topics: recomputes the topic words (new topics / vectorizer / c-TF-IDF).
   * topics: -1 or a current topic id per document; with `embeddings` (n x d) also topic ids
   * 0..K'-1 for another K' (topics split, documents moved, a re-clustering: every id keeps a
   * document); the topic embeddings become the centroids and transform then assigns the most
   * similar topic embedding (the clustering no longer matches the topics).
   */
  async updateTopics(documents, options = {}) {
    const core = this.#fitted();
    await this.#representationReady();
    updateTopics(core, documents, options);
    this.#asLoaded = false;
    // BERTopic's update_topics fits the vectorizer it is given: an object passed here is bound.
    const vectorizer = options?.vectorizerModel;
    if (isSwappable(vectorizer)) this.#bindVectorizer(vectorizer);
    await this.#fineTune();
    return this;
  }

  /**
   * Frees the engine-side model now instead of at garbage collection. During a call (fitTransform,
   * transform, ...), e.g. from onProgress, the model is freed when the call settles, which then
   * rejects saying so.
   */
  free() {
    if (freeLater(this)) return;
    this.#slot.free();
  }
}
// Calls that change the model or await before the engine runs: one at a time per model.
oneCallAtATime(TopicModel, 'TopicModel', ['fitTransform', 'partialFit', 'transform', 'reduceTopics', 'mergeTopics', 'deleteTopics', 'reduceOutliers', 'updateTopics']);

