// BERTopic's TopicMapper (topic_mapper_): mappings_ is a list of rows, one per cluster label, each
// the label's topic at every stage: [label, label, topic after fit (sorted by size), topic after
// each reduceTopics / mergeTopics]. The engine keeps the rows (TopicModel::topic_mapper).

export class TopicMapper {
  constructor(mappings) {
    /** Rows [label, label, topic, ...]: the first column the cluster step's labels, the last the current topics. */
    this.mappings_ = mappings;
  }

  /**
   * BERTopic's get_mappings(original_topics): {from: to} from the first column (true) or from the
   * topics before the last change (false) to the current ones. BERTopic adds two columns per
   * reduction (merged, then sorted by size) and reads [-3, -1]; here a change adds one column (the
   * engine merges and sorts in one step), so the same topics are column -2.
   */
  getMappings(originalTopics = true) {
    if (typeof originalTopics !== 'boolean') throw new TypeError('getMappings: originalTopics must be true or false');
    const from = originalTopics ? 0 : -2;
    return Object.fromEntries(this.mappings_.map((row) => [row.at(Math.max(from, -row.length)), row.at(-1)]));
  }
}
