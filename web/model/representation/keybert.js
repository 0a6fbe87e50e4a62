// BERTopic's KeyBERTInspired representation model (bertopic/representation/_keybert.py, after
// Grootendorst's KeyBERT): each topic's candidate words (its nrCandidateWords best c-TF-IDF words)
// ranked by cosine similarity to the topic's embedding, the mean embedding of its representative
// documents; the topNWords most similar are kept, most similar first, scored by that similarity.
import { cosineRows } from '../../engine/embeddings.js';

/**
 * candidates: per topic [[word, score]] in c-TF-IDF order (the ("", 0.00001) padding of small
 * topics is no candidate here: BERTopic would embed "" as a word); representativeDocs: per topic its
 * representative documents' texts; embedTexts(texts) -> Float32Array (one row each). Returns per
 * topic [[word, similarity]], padded to topNWords with ("", 0.00001) as the default representation is.
 */
export async function keyBertInspired(candidates, representativeDocs, embedTexts, { topNWords }) {
  const words = candidates.map((pairs) => pairs.filter(([w]) => w !== '').map(([w]) => w));
  const distinct = [...new Set(words.flat())];
  const documents = representativeDocs.flat();
  // One embedding call for every distinct word and every representative document.
  const embedded = await embedTexts([...distinct, ...documents]);
  const d = embedded.length / (distinct.length + documents.length);
  const rowOf = new Map(distinct.map((w, i) => [w, i]));
  let row = distinct.length;
  return words.map((own, t) => {
    const topic = new Float64Array(d);
    const n = representativeDocs[t].length;
    for (let k = 0; k < n; ++k, ++row) for (let c = 0; c < d; ++c) topic[c] += embedded[row * d + c] / n;
    const similarity = own.map((w) => cosineRows(embedded, rowOf.get(w), topic, 0, d));
    const best = own.map((_, i) => i).sort((a, b) => similarity[b] - similarity[a] || a - b).slice(0, topNWords);
    const picked = best.map((i) => [own[i], similarity[i]]);
    return [...picked, ...Array.from({ length: Math.max(0, topNWords - picked.length) }, () => ['', 0.00001])];
  });
}
