// BERTopic's ZeroShotClassification representation (bertopic/representation/_zeroshot.py): each
// topic's description (its words so far joined by spaces, BERTopic's
// " ".join(next(zip(*topics[topic])))) is classified against candidate labels, and a label above
// the threshold replaces the topic's words. BERTopic runs an NLI pipeline (facebook/bart-large-mnli);
// no NLI model ships here, so a label's score is the cosine similarity between the embeddings
// (the built-in embedder) of the description and of the label, and the threshold is minSimilarity
// (BERTopic's zeroshot_min_similarity default, 0.7, for the same kind of score) instead of min_prob.
import { cosineRows } from '../../engine/embeddings.js';

/**
 * The classification of each description: candidate labels with their cosine similarities, most
 * similar first (ties: candidate order), as the pipeline returns {labels, scores}.
 * descriptions: strings; embedTexts(texts) -> Float32Array (one row each).
 */
export async function classifyByEmbedding(descriptions, candidateTopics, embedTexts) {
  const embedded = await embedTexts([...candidateTopics, ...descriptions]);
  const d = embedded.length / (candidateTopics.length + descriptions.length);
  return descriptions.map((_, t) => {
    const row = candidateTopics.length + t;
    const scores = candidateTopics.map((_, c) => cosineRows(embedded, row, embedded, c, d));
    const order = candidateTopics.map((_, c) => c).sort((a, b) => scores[b] - scores[a] || a - b);
    return { labels: order.map((c) => candidateTopics[c]), scores: order.map((c) => scores[c]) };
  });
}

/**
 * ZeroShotClassification.extract_topics over every topic (engine order). topics: per topic the
 * previous step's [[word, score]] (the ("", 0.00001) pads are not part of the description);
 * options: checked {candidateTopics, minSimilarity, multiLabel}. A topic whose best label scores
 * above minSimilarity (BERTopic's strict ">") gets [[label, score]] (with multiLabel every label
 * above it, most similar first); the others keep their words. BERTopic pads a label to ten entries
 * with ("", 0); here a label stays alone, as the other label-making representations' do (its Name
 * is then "<id>_<label>").
 */
export async function zeroShotClassification(topics, embedTexts, { candidateTopics, minSimilarity, multiLabel }) {
  const descriptions = topics.map((pairs) => pairs.filter(([w]) => w !== '').map(([w]) => w).join(' '));
  const classifications = await classifyByEmbedding(descriptions, candidateTopics, embedTexts);
  return topics.map((pairs, t) => {
    const { labels, scores } = classifications[t];
    const picked = labels.map((label, i) => [label, scores[i]]).filter(([, s]) => s > minSimilarity);
    const kept = multiLabel ? picked : picked.slice(0, 1);
    return kept.length ? kept : pairs;
  });
}
