// BERTopic's topics_over_time and topics_per_class: each topic described again within each group of
// documents (the engine's topicsPerGroup, with the fitted vectorizer and idf), as rows; the main
// representation model re-picks each group's words as BERTopic's _extract_words_per_topic(...,
// calculate_aspects=False) does, when it needs only words (MaximalMarginalRelevance,
// ZeroShotClassification). rep: {options, embed, topNWords} of the model.
import { checkDocuments, encodeDocuments } from '../engine/documents.js';
import { checkFlags, withDefaults } from '../engine/options.js';
import { checkLabels } from './fit_inputs.js';
import { classGroups, timeGroups } from './groups.js';
import { candidateCount } from './representation/mmr.js';
import { groupRepresentation, representWords } from './representation/index.js';

/**
 * TopicModel.topicsOverTime: each topic at each time point, from its documents there, averaged with
 * its global representation (globalTuning) and with its previous time point (evolutionTuning).
 * `timestamps`: one number, Date or date string per document; `nrBins` groups them into
 * equal-width bins (pandas.cut; the time point is a bin's left edge). `topics` replaces the fitted
 * topic per document. Rows {Topic, Words: 'w1, w2, w3, w4, w5', Frequency, Timestamp}, by time
 * point then topic.
 */
export async function topicsOverTime(core, documents, timestamps, options, rep) {
  checkDocuments(documents);
  const o = withDefaults(options, { topics: null, nrBins: null, evolutionTuning: true, globalTuning: true }, 'topicsOverTime');
  checkFlags(o, ['evolutionTuning', 'globalTuning'], 'topicsOverTime');
  const { groups, keys } = timeGroups(timestamps, documents.length, o.nrBins);
  return rowsPerGroup(core, documents, o.topics, groups, keys, 'Timestamp', o.globalTuning, o.evolutionTuning, rep);
}

/**
 * TopicModel.topicsPerClass: each topic within each class (one string or number per document),
 * averaged with its global representation (globalTuning). Rows {Topic, Words, Frequency, Class},
 * by class (ascending) then topic.
 */
export async function topicsPerClass(core, documents, classes, options, rep) {
  checkDocuments(documents);
  const o = withDefaults(options, { topics: null, globalTuning: true }, 'topicsPerClass');
  checkFlags(o, ['globalTuning'], 'topicsPerClass');
  const { groups, keys } = classGroups(classes, documents.length);
  return rowsPerGroup(core, documents, o.topics, groups, keys, 'Class', o.globalTuning, false, rep);
}

async function rowsPerGroup(core, documents, topics, groups, keys, keyName, globalTuning, evolutionTuning, rep) {
  const labels = topics === null ? core.documentTopics() : checkLabels(topics, documents.length, 'topics');
  const { utf8, offsets } = encodeDocuments(documents);
  const model = rep ? groupRepresentation(rep.options) : null;
  // BERTopic's max(top_n_words, 30) candidates for a representation model, else topNWords (0).
  const rows = core.topicsPerGroup(utf8, offsets, labels, groups, globalTuning, evolutionTuning, model ? candidateCount(rep.topNWords) : 0);
  const words = model ? await representWords(core, rep.embed, model, rows.map((row) => row.Words), rep.topNWords) : rows.map((row) => row.Words);
  return rows.map((row, r) => ({
    Topic: row.Topic,
    Words: words[r].slice(0, 5).map(([word]) => word).join(', '),
    Frequency: row.Frequency,
    [keyName]: keys[row.Group],
  }));
}
