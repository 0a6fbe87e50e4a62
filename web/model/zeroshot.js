// BERTopic's zero-shot topic modeling (BERTopic 0.17 _zeroshot_topic_modeling and
// TopicMapper.add_mappings; docs "Zero-shot Topic Modeling"): the topic labels of
// zeroshotTopicList are embedded with the documents' embedding model; a document whose most
// cosine-similar label reaches zeroshotMinSimilarity belongs to that zero-shot topic, the others are
// clustered as usual (the engine combines both: src/topics/topic_model.cpp fit_transform).
import { cosineRows, toMatrix } from '../engine/embeddings.js';

/**
 * The labels' embeddings (Float32Array k x d): `given` (zeroshotEmbeddings: k x d, from the model
 * that embedded the documents) or embedText(labels). Throws a clear Error when neither works or
 * the dimensions differ from the documents' d.
 */
export async function labelEmbeddings(labels, given, d, embedTexts) {
  let data;
  if (given !== undefined) {
    data = toMatrix(given, labels.length, 'zeroshotEmbeddings', d).data;
  } else {
    try {
      data = await embedTexts(labels);
    } catch (e) {
      throw new Error(`zeroshotTopicList: the topic labels could not be embedded with embeddingModel (${e.message}); ` +
        'pass their embeddings, from the model that embedded the documents, as fitTransform(docs, {embeddings, zeroshotEmbeddings})');
    }
  }
  if (data.length !== labels.length * d) {
    throw new Error(`zeroshotTopicList: the labels' embeddings have ${data.length / labels.length} dimensions but the documents' have ${d}: ` +
      'embed both with the same model (with embeddings from elsewhere, pass zeroshotEmbeddings too)');
  }
  return data;
}

/**
 * _zeroshot_topic_modeling: each document's most similar label (the first of equal maxima, as
 * numpy's argmax); assigned when that similarity is >= minSimilarity. The zero-shot topics are the
 * labels that took a document, numbered 0..k-1 in list order (BERTopic enumerates the set of
 * assigned label indices). Returns {assigned: Int32Array (zero-shot topic or -1 per document),
 * matched: the label index of each zero-shot topic, similarity: Float64Array (the maximum per document)}.
 */
export function assignZeroshot(embeddings, n, d, labels, nLabels, minSimilarity) {
  const best = new Int32Array(n);
  const similarity = new Float64Array(n);
  for (let i = 0; i < n; ++i) {
    let top = 0, topSim = -Infinity;
    for (let l = 0; l < nLabels; ++l) {
      const sim = cosineRows(embeddings, i, labels, l, d);
      if (sim > topSim) top = l, topSim = sim;
    }
    best[i] = topSim >= minSimilarity ? top : -1;
    similarity[i] = topSim;
  }
  const matched = [...new Set(best)].filter((l) => l >= 0).sort((a, b) => a - b);
  const topicOf = new Map(matched.map((label, z) => [label, z]));
  const assigned = best.map((l) => (l < 0 ? -1 : topicOf.get(l)));
  return { assigned, matched, similarity };
}

/**
 * Zero-shot labels after topics moved (topic reduction, merging): TopicMapper.add_mappings gives a
 * topic that absorbed zero-shot topics the label, among theirs, most similar to its embedding when
 * that similarity reaches minSimilarity; otherwise it keeps its c-TF-IDF name. BERTopic compares
 * with topic_embeddings_ before they are merged, indexed by the new id without the outlier offset;
 * we use the merged topic's own embedding, which is what the comparison is for. A zero-shot topic
 * merged into the outliers (-1) loses its label.
 *   previous: Map topic -> label index; moves: Map old topic -> new topic; topicIds: ids in the
 *   rows' order of topicEmbeddings ({data, cols}); labels: Float32Array of every label's embedding.
 * Returns the new Map topic -> label index.
 */
export function remapZeroshot(previous, moves, topicIds, topicEmbeddings, labels, minSimilarity) {
  const candidates = new Map();
  for (const [topic, label] of [...previous].sort((a, b) => a[0] - b[0])) {
    const to = moves.get(topic);
    if (to === undefined || to === -1) continue;
    if (!candidates.has(to)) candidates.set(to, []);
    candidates.get(to).push(label);
  }
  const next = new Map();
  const d = topicEmbeddings.cols;
  for (const [topic, choices] of candidates) {
    const row = topicIds.indexOf(topic);
    let best = -1, bestSim = -Infinity;
    for (const label of choices) {
      const sim = cosineRows(labels, label, topicEmbeddings.data, row, d);
      if (sim > bestSim) best = label, bestSim = sim;
    }
    if (bestSim >= minSimilarity) next.set(topic, best);
  }
  return next;
}

/** Map old topic -> new topic from the documents' topics before and after a change. */
export function topicMoves(before, after) {
  const moves = new Map();
  for (let i = 0; i < before.length; ++i) moves.set(before[i], after[i]);
  return moves;
}

/**
 * A loaded model's zero-shot topics: topics.json's topic_labels that are labels of `list`
 * ({topics: Map id -> list index, embeddings: null}), or null.
 */
export function zeroshotFromSaved(list, topicLabels) {
  if (!list || !topicLabels) return null;
  const topics = new Map();
  for (const [id, label] of Object.entries(topicLabels)) if (list.includes(label)) topics.set(Number(id), list.indexOf(label));
  return topics.size ? { topics, embeddings: null } : null;
}
