// Custom topic labels (BERTopic's custom_labels_), kept as {topicId: label}.

/**
 * setTopicLabels: the labels after applying `labels` (an array, one per topic row in order, or
 * {topicId: label}) to `current` ({topicId: label} or null); topics not named keep their label or Name.
 */
export function relabel(rows, current, labels) {
  const next = Object.fromEntries(rows.map((r) => [r.Topic, current?.[r.Topic] ?? r.Name]));
  if (Array.isArray(labels)) {
    if (labels.length !== rows.length) throw new Error(`setTopicLabels: got ${labels.length} labels for ${rows.length} topics`);
    rows.forEach((r, i) => { next[r.Topic] = labels[i]; });
  } else if (labels !== null && typeof labels === 'object') {
    for (const [key, label] of Object.entries(labels)) {
      const id = Number(key);
      if (!(id in next)) throw new Error(`setTopicLabels: the model has no topic ${key}`);
      next[id] = label;
    }
  } else {
    throw new TypeError('setTopicLabels: labels must be an array (one per topic) or an object {topicId: label}');
  }
  for (const [id, label] of Object.entries(next)) {
    if (typeof label !== 'string') throw new TypeError(`setTopicLabels: the label of topic ${id} is not a string`);
  }
  return next;
}
