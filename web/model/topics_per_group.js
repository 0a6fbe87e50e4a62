// BERTopic's topics_over_time and topics_per_class: each topic described again within each group of
// documents (the engine's topicsPerGroup, with the fitted vectorizer and idf), as rows.
import { checkDocuments, encodeDocuments } from '../engine/documents.js';
import { checkFlags, withDefaults } from '../engine/options.js';
import { checkLabels } from './fit_inputs.js';
import { classGroups, timeGroups } from './groups.js';

/**
 * TopicModel.topicsOverTime: each topic at each time point, from its documents there, averaged with
 * its global representation (globalTuning) and with its previous time point (evolutionTuning).
 * `timestamps`: one number, Date or date string per document; `nrBins` groups them into
 * equal-width bins (pandas.cut; the time point is a bin's left edge). `topics` replaces the fitted
 * topic per document. Rows {Topic, Words: 'w1, w2, w3, w4, w5', Frequency, Timestamp}, by time
 * point then topic.
 */
export function topicsOverTime(core, documents, timestamps, options) {
  checkDocuments(documents);
  const o = withDefaults(options, { topics: null, nrBins: null, evolutionTuning: true, globalTuning: true }, 'topicsOverTime');
  checkFlags(o, ['evolutionTuning', 'globalTuning'], 'topicsOverTime');
  const { groups, keys } = timeGroups(timestamps, documents.length, o.nrBins);
  return rowsPerGroup(core, documents, o.topics, groups, keys, 'Timestamp', o.globalTuning, o.evolutionTuning);
}

/**
 * TopicModel.topicsPerClass: each topic within each class (one string or number per document),
 * averaged with its global representation (globalTuning). Rows {Topic, Words, Frequency, Class},
 * by class (ascending) then topic.
 */
export function topicsPerClass(core, documents, classes, options) {
  checkDocuments(documents);
  const o = withDefaults(options, { topics: null, globalTuning: true }, 'topicsPerClass');
  checkFlags(o, ['globalTuning'], 'topicsPerClass');
  const { groups, keys } = classGroups(classes, documents.length);
  return rowsPerGroup(core, documents, o.topics, groups, keys, 'Class', o.globalTuning, false);
}

function rowsPerGroup(core, documents, topics, groups, keys, keyName, globalTuning, evolutionTuning) {
  const labels = topics === null ? core.documentTopics() : checkLabels(topics, documents.length, 'topics');
  const { utf8, offsets } = encodeDocuments(documents);
  return core.topicsPerGroup(utf8, offsets, labels, groups, globalTuning, evolutionTuning).map((row) => ({
    Topic: row.Topic,
    Words: row.Words.slice(0, 5).map(([word]) => word).join(', '),
    Frequency: row.Frequency,
    [keyName]: keys[row.Group],
  }));
}
