// Topic-quality metrics, computed by the engine: NPMI coherence (gensim's c_npmi: boolean sliding
// window of 10 tokens, top-10 words), gensim's other coherences (c_v, u_mass, c_uci), topic diversity, inverted RBO, ARI / NMI, trustworthiness.
import { checkDocuments, encodeDocuments } from '../engine/documents.js';
import { loadEngine } from '../engine/module.js';
import { vectorizerOptions, withDefaults } from '../engine/options.js';
import { cosineRows, toMatrix } from '../engine/embeddings.js';
import { embed } from '../embedding/create.js';

function checkTopics(topics) {
  if (!Array.isArray(topics) || !topics.every((t) => Array.isArray(t) && t.every((w) => typeof w === 'string'))) {
    throw new Error('topics must be an array of word lists (arrays of strings)');
  }
}

/**
 * NPMI coherence of topics over documents tokenised by a CountVectorizer analyzer (default:
 * English stop words, as the reference measurements). Returns {npmi, perTopic}.
 */
export async function npmiCoherence(documents, topics, options) {
  const { topN, windowSize, vectorizerModel } = withDefaults(options, { topN: 10, windowSize: 10, vectorizerModel: { stopWords: 'english' } }, 'npmiCoherence');
  checkDocuments(documents);
  checkTopics(topics);
  const engine = await loadEngine();
  const { utf8, offsets } = encodeDocuments(documents);
  return engine.npmiCoherence(utf8, offsets, topics, vectorizerOptions(vectorizerModel), topN, windowSize);
}

const COHERENCE_MEASURES = ['c_v', 'u_mass', 'c_uci', 'c_npmi'];

/**
 * Topic coherence as gensim's CoherenceModel(coherence=measure, topn) computes it (CTM's
 * CoherenceCV / CoherenceUMASS / CoherenceUCI / CoherenceNPMI): measure 'c_v' (default, as gensim),
 * 'u_mass', 'c_uci' or 'c_npmi'; windowSize null: gensim's (110 for c_v, 10 for c_uci / c_npmi;
 * u_mass counts documents). Documents are tokenised by a CountVectorizer analyzer (default: English
 * stop words). Returns {coherence, perTopic}.
 */
export async function topicCoherence(documents, topics, options) {
  const defaults = { measure: 'c_v', topN: 10, windowSize: null, vectorizerModel: { stopWords: 'english' } };
  const { measure, topN, windowSize, vectorizerModel } = withDefaults(options, defaults, 'topicCoherence');
  if (!COHERENCE_MEASURES.includes(measure)) throw new Error(`topicCoherence: measure must be one of ${COHERENCE_MEASURES.map((m) => `'${m}'`).join(', ')}, got ${JSON.stringify(measure)}`);
  if (!Number.isInteger(topN) || topN < 1) throw new Error(`topicCoherence: topN must be an integer >= 1, got ${JSON.stringify(topN)}`);
  if (windowSize !== null && (!Number.isInteger(windowSize) || windowSize < 1)) throw new Error(`topicCoherence: windowSize must be null or an integer >= 1, got ${JSON.stringify(windowSize)}`);
  if (measure === 'u_mass' && windowSize !== null) throw new Error('topicCoherence: u_mass counts documents and takes no windowSize');
  checkDocuments(documents);
  checkTopics(topics);
  const engine = await loadEngine();
  const { utf8, offsets } = encodeDocuments(documents);
  return engine.topicCoherence(utf8, offsets, topics, vectorizerOptions(vectorizerModel), measure, topN, windowSize ?? 0);
}

/**
 * CTM's CoherenceWordEmbeddings: per topic the mean cosine similarity of every pair of its top-k
 * words, averaged over topics. Words are embedded by `embeddingModel` (default 'static': the
 * distilled token vectors, standing in for CTM's word2vec; every word has a vector through
 * WordPiece). Returns {coherence, perTopic}.
 */
export async function wordEmbeddingCoherence(topics, options) {
  const { topK, embeddingModel } = withDefaults(options, { topK: 10, embeddingModel: 'static' }, 'wordEmbeddingCoherence');
  checkTopics(topics);
  if (!Number.isInteger(topK) || topK < 2) throw new Error(`wordEmbeddingCoherence: topK must be an integer >= 2, got ${JSON.stringify(topK)}`);
  const words = [...new Set(topics.flatMap((t) => t.slice(0, topK)))];
  const vectors = await embed(words, typeof embeddingModel === 'string' ? { model: embeddingModel } : embeddingModel);
  const d = vectors.length / words.length;
  const row = new Map(words.map((w, i) => [w, i]));
  const perTopic = Float64Array.from(topics, (topic) => {
    const top = topic.slice(0, topK);
    let sum = 0, pairs = 0;
    for (let i = 0; i < top.length; i++) {
      for (let j = i + 1; j < top.length; j++, pairs++) sum += cosineRows(vectors, row.get(top[i]), vectors, row.get(top[j]), d);
    }
    return pairs ? sum / pairs : NaN; // np.mean([]) is NaN, as CTM's
  });
  return { coherence: perTopic.reduce((a, b) => a + b, 0) / perTopic.length, perTopic };
}

// Two sets of topic distributions over the same documents (rows), checked to match.
function distributionPairs(a, b, what) {
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length || a.length === 0) {
    throw new Error(`${what}: needs two non-empty arrays of topic distributions with one row per document each`);
  }
  a.forEach((row, i) => {
    if (row?.length !== b[i]?.length) throw new Error(`${what}: row ${i} has ${row?.length} topics in the first set and ${b[i]?.length} in the second`);
  });
}

/**
 * CTM's KLDivergence: the mean over documents of KL(a_d || b_d) = sum a log(a / b) over a's
 * non-zero entries (e.g. a document's topics from its original and its translated text).
 */
export function klDivergence(a, b) {
  distributionPairs(a, b, 'klDivergence');
  let total = 0;
  a.forEach((p, d) => {
    for (let k = 0; k < p.length; k++) if (p[k] !== 0) total += p[k] * Math.log(p[k] / b[d][k]);
  });
  return total / a.length;
}

/** CTM's Matches: the share of documents whose most likely topic is the same in both sets. */
export function topicMatches(a, b) {
  distributionPairs(a, b, 'topicMatches');
  const argmax = (row) => Array.prototype.indexOf.call(row, Math.max(...row));
  return a.filter((p, d) => argmax(p) === argmax(b[d])).length / a.length;
}

/** Share of unique words among the top-k words of all topics. */
export async function topicDiversity(topics, options) {
  const { topK } = withDefaults(options, { topK: 10 }, 'topicDiversity');
  checkTopics(topics);
  return (await loadEngine()).topicDiversity(topics, topK);
}

/** 1 - mean rank-biased overlap of all topic pairs (OCTIS / CTM definition). */
export async function invertedRbo(topics, options) {
  const { topK, p } = withDefaults(options, { topK: 10, p: 0.9 }, 'invertedRbo');
  checkTopics(topics);
  return (await loadEngine()).invertedRbo(topics, topK, p);
}

const labels = (x, name) => {
  if (!(Array.isArray(x) || ArrayBuffer.isView(x))) throw new Error(`${name} must be an array of integer labels`);
  return Int32Array.from(x);
};

/** scikit-learn's adjusted_rand_score. */
export async function adjustedRandScore(labelsTrue, labelsPred) {
  return (await loadEngine()).adjustedRandScore(labels(labelsTrue, 'labelsTrue'), labels(labelsPred, 'labelsPred'));
}

/** scikit-learn's normalized_mutual_info_score (arithmetic normalisation). */
export async function normalizedMutualInfo(labelsTrue, labelsPred) {
  return (await loadEngine()).normalizedMutualInfo(labels(labelsTrue, 'labelsTrue'), labels(labelsPred, 'labelsPred'));
}

/** scikit-learn's trustworthiness of an embedding of n rows; inputMetric 'cosine' or 'euclidean'. */
export async function trustworthiness(input, embedded, n, options) {
  const { nNeighbors, inputMetric } = withDefaults(options, { nNeighbors: 5, inputMetric: 'euclidean' }, 'trustworthiness');
  const x = toMatrix(input, n, 'input');
  const y = toMatrix(embedded, n, 'embedded');
  return (await loadEngine()).trustworthiness(x.data, x.cols, y.data, y.cols, nNeighbors, inputMetric);
}
