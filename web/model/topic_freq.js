// BERTopic's get_topic_freq: with a topic id, that topic's document count (topic_sizes_[topic],
// which raises KeyError for an unknown id); without one, the table by decreasing count.

/**
 * `rows`: the model's topic info rows; `countOf(topic)`: that topic's row ([] when unknown), so a
 * single topic does not marshal the whole table.
 */
export function topicFreq(rows, countOf, topic) {
  // Python's default None means "the table"; undefined is JavaScript's omitted argument.
  if (topic === undefined || topic === null) {
    return rows().map(({ Topic, Count }) => ({ Topic, Count })).sort((a, b) => b.Count - a.Count);
  }
  if (!Number.isInteger(topic)) throw new TypeError(`getTopicFreq: topic must be an integer id, got ${JSON.stringify(topic)}`);
  const row = countOf(topic);
  // A KeyError in BERTopic: there is no count to give, and 0 would pass for an empty topic.
  if (!row.length) throw new Error(`getTopicFreq: there is no topic ${topic} (topic ids: getTopicInfo())`);
  return row[0].Count;
}
