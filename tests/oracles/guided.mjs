// Test oracle, not in the package: the engine's guided targets (src/topics/guided.cpp) written out
// in JavaScript, for tests that need the seed labels a guided fit used.
// BERTopic's guided topic modeling (_guided_topic_modeling, Grootendorst 2022, BERTopic docs
// "Guided Topic Modeling"): each seed topic's words are embedded as one sentence; every document is
// labelled with its most cosine-similar seed topic, or -1 when the corpus mean embedding is more
// similar than all of them; a labelled document's embedding moves a quarter of the way to its seed
// topic's (np.average([doc, seed], weights=[3, 1])); the labels then steer UMAP (semi-supervised).
import { cosineRows } from '../../web/engine/embeddings.js';

/**
 * embeddings: Float32Array n x d; embedTexts(texts) -> Float32Array (the documents' embedding
 * model). Returns {y: Int32Array (seed topic index or -1), embeddings: a nudged copy}.
 */
export async function guidedTargets(embeddings, n, d, seedTopicList, embedTexts) {
  const s = seedTopicList.length;
  const seeds = await embedTexts(seedTopicList.map((words) => words.join(' ')));
  if (seeds.length !== s * d) {
    throw new Error(`seedTopicList: the seed topics' embeddings have ${seeds.length / s} dimensions but the documents' have ${d}: give embeddings from the model in embeddingModel`);
  }
  const candidates = new Float32Array((s + 1) * d);
  candidates.set(seeds);
  for (let i = 0; i < n; ++i) for (let k = 0; k < d; ++k) candidates[s * d + k] += embeddings[i * d + k] / n;
  const y = new Int32Array(n);
  const nudged = Float32Array.from(embeddings);
  for (let i = 0; i < n; ++i) {
    let best = 0, bestSim = -Infinity;
    for (let c = 0; c <= s; ++c) {
      const sim = cosineRows(embeddings, i, candidates, c, d);
      if (sim > bestSim) best = c, bestSim = sim;
    }
    y[i] = best === s ? -1 : best;
    if (best < s) for (let k = 0; k < d; ++k) nudged[i * d + k] = (3 * embeddings[i * d + k] + seeds[best * d + k]) / 4;
  }
  return { y, embeddings: nudged };
}
