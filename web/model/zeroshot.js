// BERTopic's zero-shot topic modeling (docs "Zero-shot Topic Modeling"): the topic labels of
// zeroshotTopicList are embedded with the documents' embedding model; the engine does the rest
// (src/topics/zeroshot.cpp: assignment, and the labels following their topics; names).
import { toMatrix } from '../engine/embeddings.js';

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
