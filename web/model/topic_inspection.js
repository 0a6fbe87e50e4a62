// BERTopic's ways of looking at a fitted model from outside (bertopic/_bertopic.py 0.17):
// get_document_info, find_topics, generate_topic_labels and get_topic_tree. They read the model
// through its public methods only; TopicModel's methods of the same names delegate here.
import { checkDocuments } from '../engine/documents.js';
import { cosineRows } from '../engine/embeddings.js';
import { checkFlags, errorClass, withDefaults } from '../engine/options.js';

function checkPositiveInteger(value, name, what) {
  if (!Number.isInteger(value) || value < 1) throw new (errorClass(value, 'integer'))(`${what}: ${name} must be an integer >= 1, got ${JSON.stringify(value)}`);
}

/**
 * get_document_info: one row per training document {Document, Topic, Name, [CustomName],
 * Representation, [Representative_Docs], Top_n_words, [Probability], Representative_document,
 * ...metadata}. `df`: rows (objects) whose fields come first, as BERTopic's df; `metadata`:
 * {column: values (one per document)}; `probabilities` for the Probability column: the model's
 * probabilities_ (as BERTopic's) unless others are passed.
 */
export function documentInfo(model, documents, options = {}) {
  const what = 'getDocumentInfo';
  checkDocuments(documents);
  const { df, metadata, probabilities } = withDefaults(options, { df: null, metadata: null, probabilities: null }, what);
  const topics = model.topics_;
  if (documents.length !== topics.length) throw new Error(`${what}: got ${documents.length} documents but the model was fitted on ${topics.length}`);
  const columnOf = (values, name) => {
    if (!values || typeof values.length !== 'number' || values.length !== documents.length) {
      throw new Error(`${what}: ${name} must hold one value per document (${documents.length})`);
    }
    return values;
  };
  if (df !== null) columnOf(df, 'df');
  if (metadata !== null && (typeof metadata !== 'object' || Array.isArray(metadata))) throw new Error(`${what}: metadata must be an object {column: values}`);
  for (const [column, values] of Object.entries(metadata ?? {})) columnOf(values, `metadata.${column}`);
  const given = probabilities ?? model.probabilities_;
  const probability = given === null ? null : flatProbabilities(columnOf(given, 'probabilities'), topics);

  // Representation holds getTopic's words, so Top_n_words needs no further lookup.
  const info = new Map(model.getTopicInfo().map(({ Count, ...row }) => [row.Topic, row]));
  const topWords = new Map([...info.values()].map((row) => [row.Topic, row.Representation.join(' - ')]));
  const representative = new Set(Object.values(model.getRepresentativeDocs()).flat());
  return documents.map((document, i) => {
    const row = { ...(df ? df[i] : {}), Document: document, Topic: topics[i], ...info.get(topics[i]), Top_n_words: topWords.get(topics[i]) };
    if (probability) row.Probability = probability[i];
    row.Representative_document = representative.has(document);
    for (const [column, values] of Object.entries(metadata ?? {})) row[column] = values[i];
    return row;
  });
}

// BERTopic: one probability per document as is; a distribution per document gives its maximum, or
// for an outlier 1 - its sum.
function flatProbabilities(probabilities, topics) {
  return Array.from(probabilities, (p, i) => {
    if (typeof p === 'number') return p;
    return topics[i] === -1 ? 1 - p.reduce((s, x) => s + x, 0) : Math.max(...p);
  });
}

/**
 * find_topics: the `topN` topics whose topic embedding is most cosine-similar to the search term's
 * embedding (the model's embeddingModel), most similar first: {topics, similarities}.
 */
export async function findTopics(model, searchTerm, options, embed) {
  const what = 'findTopics';
  if (typeof searchTerm !== 'string' || !searchTerm.trim()) throw new (errorClass(searchTerm, 'string'))(`${what}: the search term must be a non-empty string`);
  const { topN } = withDefaults(options, { topN: 5 }, what);
  checkPositiveInteger(topN, 'topN', what);
  const topicEmbeddings = model.topicEmbeddings_;
  if (!topicEmbeddings) throw new Error(`${what}: the model has no topic embeddings (a manual fit)`);
  const { data, rows, cols } = topicEmbeddings;
  const term = await embed([searchTerm]);
  if (term.length !== cols) throw new Error(`${what}: the embedding model gives ${term.length}-d vectors but the topic embeddings are ${cols}-d (the model was fitted on other embeddings: set embeddingModel to theirs)`);
  const ids = model.getTopicInfo().map((r) => r.Topic);
  const similarities = ids.map((_, r) => cosineRows(term, 0, data, r, cols));
  const order = ids.map((_, r) => r).sort((a, b) => similarities[b] - similarities[a] || a - b).slice(0, Math.min(topN, rows));
  return { topics: order.map((r) => ids[r]), similarities: order.map((r) => similarities[r]) };
}

/**
 * generate_topic_labels: one label per topic (ascending id, -1 first): the topic id (topicPrefix),
 * then the first nrWords words (each cut to wordLength characters), joined by separator.
 */
export function generateTopicLabels(model, options = {}) {
  const what = 'generateTopicLabels';
  const o = withDefaults(options, { nrWords: 3, topicPrefix: true, wordLength: null, separator: '_', aspect: null }, what);
  checkPositiveInteger(o.nrWords, 'nrWords', what);
  checkFlags(o, ['topicPrefix'], what);
  if (o.wordLength !== null) checkPositiveInteger(o.wordLength, 'wordLength', what);
  if (typeof o.separator !== 'string') throw new TypeError(`${what}: separator must be a string`);
  const aspects = o.aspect === null ? null : model.topicAspects_?.[o.aspect];
  if (o.aspect !== null && !aspects) throw new Error(`${what}: the model has no aspect ${JSON.stringify(o.aspect)}`);
  return model.getTopicInfo().map(({ Topic }) => {
    const pairs = aspects ? aspects[Topic] ?? [] : model.getTopic(Topic);
    // Python slices code points, not UTF-16 units.
    const words = pairs.slice(0, o.nrWords).map(([w]) => (o.wordLength ? Array.from(w).slice(0, o.wordLength).join('') : w));
    return (o.topicPrefix ? `${Topic}${o.separator}` : '') + words.join(o.separator);
  });
}

/**
 * get_topic_tree: hierarchicalTopics' rows drawn as BERTopic draws them (box-drawing characters,
 * ■ marking original topics); maxDistance: merges at or above it are drawn as "O"; tightLayout:
 * narrow indentation.
 */
export function topicTree(hierarchicalTopics, options = {}) {
  const what = 'getTopicTree';
  if (!Array.isArray(hierarchicalTopics) || !hierarchicalTopics.length) throw new Error(`${what}: pass the rows hierarchicalTopics returns`);
  const o = withDefaults(options, { maxDistance: null, tightLayout: false }, what);
  checkFlags(o, ['tightLayout'], what);
  const rows = hierarchicalTopics;
  const width = o.tightLayout ? 1 : 4;
  const maxDistance = o.maxDistance ?? Math.max(...rows.map((r) => r.Distance)) + 1;
  const parents = rows.map((r) => Number(r.Parent_ID));
  const maxOriginalTopic = Math.min(...parents) - 1;
  const nameOf = new Map();
  for (const r of rows) nameOf.set(String(r.Child_Left_ID), r.Child_Left_Name);
  for (const r of rows) nameOf.set(String(r.Child_Right_ID), r.Child_Right_Name);
  for (const [id, name] of nameOf) nameOf.set(id, Array.from(name).slice(0, 100).join(''));
  const tree = new Map(rows.map((r) => [String(r.Parent_ID), [String(r.Child_Left_ID), String(r.Child_Right_ID)]]));
  // The distance of the merge that takes `id` as a child (10 for the root, as BERTopic).
  const mergeDistance = (id) => rows.find((r) => String(r.Child_Left_ID) === id || String(r.Child_Right_ID) === id)?.Distance ?? 10;

  const start = String(Math.max(...parents));
  const draw = (parent, grandpa, indent) => {
    let out = '';
    if (parent !== start) {
      if (grandpa === null) out += nameOf.get(parent);
      else if (Number(parent) <= maxOriginalTopic) out += mergeDistance(parent) < maxDistance ? `■──${nameOf.get(parent)} ── Topic: ${parent}\n` : 'O \n';
      else out += `${nameOf.get(parent)}\n`;
    }
    const children = tree.get(parent);
    if (!children) return out;
    for (const child of children.slice(0, -1)) out += `${indent}├─${draw(child, parent, `${indent}│${' '.repeat(width)}`)}`;
    return out + `${indent}└─${draw(children.at(-1), parent, indent + ' '.repeat(width + 1))}`;
  };
  return `.\n${draw(start, null, '')}`;
}
