// minTopicSize: 'auto': HDBSCAN's min_cluster_size chosen from the number of documents n.
// BERTopic's fixed default (10) suits tens of thousands of documents; on a few hundred or thousand,
// HDBSCAN's 'eom' selection with it keeps a few huge clusters (issue 17: 300 short texts -> 3
// topics; 2,000 Brown paragraphs with 12 -> 2 topics). Half the bits of n grows slowly enough:
// 4 for 300 documents, 5 for 1,000-2,000, 7 for 20,000, BERTopic's 10 from a million. Measured
// with bench/auto-min-topic-size.mjs on 360 State of the Union passages and Brown subsets of 300,
// 1,000 and 2,000 paragraphs: sizes 4-5 there give 12-94 topics with the largest at most 35% of
// the documents, where sizes from 6 up already give one topic of 20-40% (numbers in README).
export const AUTO_MIN_TOPIC_SIZE_RULE = 'clamp(round(log2(n) / 2), 2, 10)';

/** The min_cluster_size minTopicSize 'auto' picks for `n` documents (an integer from 2 to 10). */
export function autoMinTopicSize(n) {
  if (!Number.isInteger(n) || n < 0) throw new (Number.isInteger(n) ? Error : TypeError)(`autoMinTopicSize: n must be a non-negative integer, got ${JSON.stringify(n)}`);
  return Math.min(10, Math.max(2, Math.round(Math.log2(Math.max(n, 1)) / 2)));
}
