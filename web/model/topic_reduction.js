// Argument checks and engine calls behind TopicModel.reduceTopics / mergeTopics / reduceOutliers /
// updateTopics (BERTopic 0.17's methods of the same names; engine: src/topics/topic_reduction.cpp).
import { checkDocuments, encodeDocuments } from '../engine/documents.js';
import { modelDimension, toMatrix } from '../engine/embeddings.js';
import { checkOutlierShare, thresholdForShare } from './outlier_share.js';
import {
  checkInteger, checkNrTopics, ctfidfOptions, errorClass, plainVectorizerOptions, withDefaults, REDUCE_OUTLIERS_DEFAULTS, UPDATE_TOPICS_DEFAULTS,
} from '../engine/options.js';

// The engine checks that they are the documents of topics_ (check_documents in topic_reduction.cpp).
function documentsFor(core, documents) {
  checkDocuments(documents);
  return encodeDocuments(documents);
}

function topicArray(topics, n, name = 'topics') {
  if (!(Array.isArray(topics) || topics instanceof Int32Array)) throw new TypeError(`${name} must be an array (or Int32Array) of topic ids`);
  if (topics.length !== n) throw new Error(`${name} has ${topics.length} entries but there are ${n} documents`);
  return Int32Array.from(topics, (t, i) => {
    if (!Number.isInteger(t) || t < -1 || t > 2 ** 31 - 1) throw new (errorClass(t, 'integer'))(`${name}[${i}] must be an integer >= -1, got ${JSON.stringify(t)}`);
    return t;
  });
}

export function reduceTopics(core, documents, options) {
  const { nrTopics, useCtfidf } = withDefaults(options, { nrTopics: 20, useCtfidf: false }, 'reduceTopics');
  checkNrTopics(nrTopics);
  if (typeof useCtfidf !== 'boolean') throw new TypeError('useCtfidf must be true or false');
  const { utf8, offsets } = documentsFor(core, documents);
  core.reduceTopics(utf8, offsets, nrTopics, useCtfidf);
}

export function mergeTopics(core, documents, topicsToMerge) {
  if (!Array.isArray(topicsToMerge) || topicsToMerge.length === 0) {
    throw new (errorClass(topicsToMerge, 'array'))('topicsToMerge must be a non-empty list of topic ids or of lists of topic ids');
  }
  // BERTopic: a list of ints is one group; a list of lists, several.
  const groups = Number.isInteger(topicsToMerge[0]) ? [topicsToMerge] : topicsToMerge;
  const checked = groups.map((group, g) => {
    if (!Array.isArray(group) || group.length === 0 || !group.every(Number.isInteger)) {
      // An empty group is a bad value; a non-list or a non-integer id a bad type.
      throw new (Array.isArray(group) && group.every(Number.isInteger) ? Error : TypeError)(`topicsToMerge[${g}] must be a non-empty list of integer topic ids (not a mix of ids and lists)`);
    }
    return Int32Array.from(group);
  });
  const { utf8, offsets } = documentsFor(core, documents);
  core.mergeTopics(utf8, offsets, checked);
}

/** TopicModel.deleteTopics: `topicsToDelete` a non-empty list of topic ids (the engine checks they exist). */
export function deleteTopics(core, topicsToDelete) {
  if (!Array.isArray(topicsToDelete) || !topicsToDelete.every(Number.isInteger)) {
    throw new TypeError(`topicsToDelete must be a list of integer topic ids, got ${JSON.stringify(topicsToDelete)}`);
  }
  if (topicsToDelete.length === 0) throw new Error('topicsToDelete is empty: name the topics to delete');
  core.deleteTopics(Int32Array.from(topicsToDelete));
}

export async function reduceOutliers(core, documents, topics, options, embed) {
  const o = withDefaults(options, REDUCE_OUTLIERS_DEFAULTS, 'reduceOutliers');
  const { utf8, offsets } = documentsFor(core, documents);
  core.checkDocumentCount(documents.length); // the engine's check, before any outlier is embedded
  const n = documents.length;
  const ids = topicArray(topics, n);
  checkOutlierShare(o.targetOutlierShare, options?.threshold);
  if (typeof o.threshold !== 'number' || !Number.isFinite(o.threshold)) throw new (errorClass(o.threshold, 'number'))(`threshold must be a finite number, got ${JSON.stringify(o.threshold)}`);
  let probabilities = null;
  let probabilityCols = 0;
  if (o.strategy === 'probabilities') {
    if (o.probabilities === null) {
      throw new Error("strategy 'probabilities' needs probabilities: fitTransform's per-document distributions (calculateProbabilities: true)");
    }
    ({ data: probabilities, cols: probabilityCols } = toMatrix(o.probabilities, n, 'probabilities'));
  }
  let embeddings = null;
  let cols = 0;
  if (o.strategy === 'embeddings') {
    if (o.embeddings === null) {
      // BERTopic embeds only the outlier documents; the engine takes one row per document.
      const outliers = [...ids.keys()].filter((i) => ids[i] === -1);
      if (outliers.length === 0) return ids;
      const own = await embed(outliers.map((i) => documents[i]));
      cols = own.length / outliers.length;
      embeddings = new Float32Array(n * cols);
      outliers.forEach((doc, k) => embeddings.set(own.subarray(k * cols, (k + 1) * cols), doc * cols));
    } else {
      ({ data: embeddings, cols } = toMatrix(o.embeddings, n, 'embeddings', modelDimension(core)));
    }
  }
  if (typeof o.strategy !== 'string') throw new TypeError('strategy must be a string');
  // scores true: the engine returns each document's outlier score (OutlierOptions::scores) instead of topics.
  const run = (threshold, scores) => core.reduceOutliers(utf8, offsets, ids, o.strategy, threshold, probabilities, probabilityCols, embeddings, cols, scores);
  if (o.targetOutlierShare === null) return run(o.threshold, false);
  const threshold = thresholdForShare(run(0, true), o.targetOutlierShare);
  return threshold === null ? ids : run(threshold, false);
}

export function updateTopics(core, documents, options) {
  const o = withDefaults(options, UPDATE_TOPICS_DEFAULTS, 'updateTopics');
  const { utf8, offsets } = documentsFor(core, documents);
  const topics = o.topics === null ? core.documentTopics() : topicArray(o.topics, documents.length);
  checkInteger(o.topNWords, 'topNWords', 1, 100);
  const embeddings = o.embeddings === null ? null : toMatrix(o.embeddings, documents.length, 'embeddings', modelDimension(core));
  core.updateTopics(utf8, offsets, topics, plainVectorizerOptions(o.vectorizerModel), ctfidfOptions(o.ctfidfModel), o.topNWords,
    embeddings?.data ?? null, embeddings?.cols ?? 0);
}
