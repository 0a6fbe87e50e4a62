// BERTopic's MaximalMarginalRelevance representation model (bertopic/representation/_mmr.py;
// Carbonell & Goldstein 1998, "The use of MMR, diversity-based reranking"): from each topic's
// c-TF-IDF candidate words, pick topNWords that are similar to the topic (the embedding of the
// candidates joined by spaces) but not to the words already picked; the picked words keep their
// c-TF-IDF order and scores.
import { cosineRows } from '../../engine/embeddings.js';

/** BERTopic extracts at least 30 candidate words per topic for representation models. */
export const candidateCount = (topNWords) => Math.max(topNWords, 30);

/**
 * BERTopic's mmr(): indices of `topN` of the `n` words (rows of wordEmbeddings, d columns),
 * the first the most similar to the topic, then each maximising
 * (1 - diversity) * sim(word, topic) - diversity * max sim(word, picked). Ties: the first (argmax).
 */
export function mmr(topicEmbedding, wordEmbeddings, n, d, diversity, topN) {
  const toTopic = Array.from({ length: n }, (_, i) => cosineRows(wordEmbeddings, i, topicEmbedding, 0, d));
  const first = toTopic.indexOf(Math.max(...toTopic));
  const picked = [first];
  // The highest similarity of each candidate to a picked word, updated as words are picked.
  const toPicked = Array.from({ length: n }, (_, i) => cosineRows(wordEmbeddings, i, wordEmbeddings, first, d));
  const candidates = new Set(Array.from({ length: n }, (_, i) => i).filter((i) => i !== first));
  while (picked.length < Math.min(topN, n)) {
    let best = -1, bestScore = -Infinity;
    for (const i of candidates) {
      const score = (1 - diversity) * toTopic[i] - diversity * toPicked[i];
      if (score > bestScore) best = i, bestScore = score;
    }
    picked.push(best);
    candidates.delete(best);
    for (const i of candidates) toPicked[i] = Math.max(toPicked[i], cosineRows(wordEmbeddings, i, wordEmbeddings, best, d));
  }
  return picked;
}

/**
 * MaximalMarginalRelevance.extract_topics over every topic. candidates: per topic [[word, score]]
 * in c-TF-IDF order; embedTexts(texts) -> Float32Array (one row each). The ("", 0.00001) padding
 * of topics with fewer words is not a candidate (BERTopic would embed "" as a word); a topic with
 * fewer candidates than topNWords keeps them all. Returns per topic the picked [[word, score]],
 * padded to topNWords with ("", 0.00001) as the default representation is.
 */
export async function maximalMarginalRelevance(candidates, embedTexts, { diversity, topNWords }) {
  const words = candidates.map((pairs) => pairs.filter(([w]) => w !== '').map(([w]) => w));
  // One embedding call for every distinct word and every topic's joined candidates.
  const distinct = [...new Set(words.flat())];
  const texts = [...distinct, ...words.map((w) => w.join(' '))];
  const embedded = await embedTexts(texts);
  const d = embedded.length / texts.length;
  const rowOf = new Map(distinct.map((w, i) => [w, i]));
  const padded = (pairs) => [...pairs, ...Array.from({ length: Math.max(0, topNWords - pairs.length) }, () => ['', 0.00001])];
  return candidates.map((pairs, t) => {
    const own = words[t];
    if (own.length <= topNWords) return padded(pairs.filter(([w]) => w !== ''));
    const wordEmbeddings = new Float32Array(own.length * d);
    own.forEach((w, i) => wordEmbeddings.set(embedded.subarray(rowOf.get(w) * d, (rowOf.get(w) + 1) * d), i * d));
    const topic = embedded.subarray((distinct.length + t) * d, (distinct.length + t + 1) * d);
    const keep = new Set(mmr(topic, wordEmbeddings, own.length, d, diversity, topNWords).map((i) => own[i]));
    return padded(pairs.filter(([w]) => keep.has(w)));
  });
}
