// BERTopic's representation models as a registry, and how they compose (bertopic/_bertopic.py,
// _extract_words_per_topic): every topic's base words are its 30 best c-TF-IDF words (at least
// topNWords); one model, or a list of models applied in order (a chain: each gets the previous
// one's words), gives the topic words; a {Main: ..., aspect: ...} map gives the topic words from
// "Main" (the c-TF-IDF words without it) and one aspect per other key, each from the base words
// (BERTopic's topic_aspects_, kept by the engine). Applied after fit, reduceTopics, mergeTopics,
// updateTopics. Options are checked in engine/options.js (representationOptions); a new model
// plugs in here.
import { candidateCount, maximalMarginalRelevance } from './mmr.js';
import { keyBertInspired } from './keybert.js';
import { userRepresentation } from './user_function.js';
import { textGeneration } from './text_generation.js';
import { zeroShotClassification } from './zeroshot_classification.js';

// step(context, topics, options) -> per topic (engine order) [[word, score], ...]; topics: the
// previous step's words (the base words for the first step).
const REPRESENTATIONS = {
  // MMR re-picks from the words it is given (BERTopic's MaximalMarginalRelevance uses topics[topic]).
  MaximalMarginalRelevance: (c, topics, o) => maximalMarginalRelevance(topics, c.embed, o),
  // KeyBERTInspired takes its candidates from the c-TF-IDF, whatever came before (as BERTopic's).
  KeyBERTInspired: (c, topics, o) => keyBertInspired(c.core.candidateWords(o.nrCandidateWords), c.core.representativeDocs(o.nrReprDocs, o.nrSamples), c.embed, o),
  Function: (c, topics, o) => userRepresentation(c, topics, o.fn),
  TextGeneration: (c, topics, o) => textGeneration(c, topics, o),
  // ZeroShotClassification labels the topics from the words it is given (BERTopic's topics[topic]).
  ZeroShotClassification: (c, topics, o) => zeroShotClassification(topics, c.embed, o),
};

const EMBEDDING_STEPS = new Set(['MaximalMarginalRelevance', 'KeyBERTInspired', 'ZeroShotClassification']);

/** The checked representationModel's steps: its chain, or every aspect's. */
function steps(options) {
  if (options === null) return [];
  if (Array.isArray(options)) return options;
  if (options.type) return [options];
  return Object.values(options).flatMap((value) => (value === null ? [] : Array.isArray(value) ? value : [value]));
}

/** Whether the representation model embeds words or documents (needs embeddingModel). */
export function representationEmbeds(options) {
  return steps(options).some((step) => EMBEDDING_STEPS.has(step.type));
}

async function chain(context, base, model) {
  if (model === null) return base.map((words) => words.slice(0, context.topNWords));
  let topics = base;
  for (const step of Array.isArray(model) ? model : [model]) topics = await REPRESENTATIONS[step.type](context, topics, step);
  return topics;
}

// The words and documents a representation embedded, per engine model: reduceTopics / mergeTopics /
// updateTopics run it again over mostly the same candidate words (a multi-aspect KeyBERTInspired +
// MMR model on 500 Brown paragraphs embedded ~12,000 texts per change; BERTopic's test of it
// took 10 minutes in wasm before this). Capped so that a long session cannot grow it without bound.
const embedded = new WeakMap(); // engine model -> Map(text -> Float32Array)
const CACHE_LIMIT = 200_000;

function cachedEmbed(core, embed) {
  if (!embedded.has(core)) embedded.set(core, new Map());
  const cache = embedded.get(core);
  return async (texts) => {
    if (cache.size > CACHE_LIMIT) cache.clear();
    const missing = [...new Set(texts.filter((t) => !cache.has(t)))];
    if (missing.length) {
      const vectors = await embed(missing);
      const d = vectors.length / missing.length;
      missing.forEach((t, i) => cache.set(t, vectors.slice(i * d, (i + 1) * d)));
    }
    const rows = texts.map((t) => cache.get(t));
    const d = rows[0]?.length ?? 0;
    const out = new Float32Array(texts.length * d);
    rows.forEach((row, i) => out.set(row, i * d));
    return out;
  };
}

/**
 * Per topic (the engine's topic order) the representation model's words, and for a map of aspects
 * [[aspect, [[topicId, words], ...]], ...] (else null). core: the fitted engine model;
 * embed(texts) -> Float32Array; options: checked representationModel; topNWords: the model's.
 */
export async function representTopics(core, embed, options, topNWords) {
  const ids = core.topicInfo().map((row) => row.Topic);
  const context = { core, embed: cachedEmbed(core, embed), topNWords, ids };
  // BERTopic's base_topics: the max(top_n_words, 30) best c-TF-IDF words of each topic.
  const base = core.candidateWords(candidateCount(topNWords));
  if (Array.isArray(options) || options.type) return { words: await chain(context, base, options), aspects: null };
  const words = await chain(context, base, options.Main ?? null);
  const aspects = [];
  for (const [name, model] of Object.entries(options)) {
    if (name === 'Main') continue;
    const rows = await chain(context, base, model);
    aspects.push([name, ids.map((id, r) => [id, rows[r]])]);
  }
  return { words, aspects };
}

/**
 * BERTopic's _extract_words_per_topic with a representation model, into the engine: the topic
 * words (names follow) and, for a map, the aspects. Call core.checkpoint() before the topics
 * change: when a model fails (e.g. a user's function throws), the engine model is rolled back to
 * it, so the call leaves the model as it was.
 */
export async function fineTuneTopics(core, embed, options, topNWords) {
  try {
    const { words, aspects } = await representTopics(core, embed, options, topNWords);
    core.setTopicWords(words);
    if (aspects) core.setTopicAspects(aspects);
  } catch (e) {
    core.rollback();
    throw e;
  }
}

/** BERTopic's topic_aspects_ from the engine's aspects: {aspect: {topicId: [[word, score], ...]}}. */
export function aspectsObject(core) {
  return Object.fromEntries(core.topicAspects().map(([name, rows]) => [name, Object.fromEntries(rows)]));
}

/** BERTopic's get_topic(topic, full): the topic's words, or {Main: words, aspect: words, ...}; false for no such topic. */
export function fullTopic(core, topic, full) {
  const words = core.topic(topic) ?? false;
  if (!full || !words) return words;
  return { Main: words, ...Object.fromEntries(core.topicAspects().map(([name, rows]) => [name, rows.find(([id]) => id === topic)?.[1] ?? []])) };
}

// The steps that need only each topic's words (and the embedder), not the model's documents.
const WORD_STEPS = new Set(['MaximalMarginalRelevance', 'ZeroShotClassification']);

/**
 * The topic-words chain BERTopic's _extract_words_per_topic(..., calculate_aspects=False) applies in
 * topics_over_time / topics_per_class ("Main" of a map of aspects, else the model), when every step
 * needs only words; null otherwise (none, or KeyBERTInspired, a function or TextGeneration, which
 * need each group's own documents and are not applied there).
 */
export function groupRepresentation(options) {
  const model = options === null || Array.isArray(options) || options.type ? options : options.Main ?? null;
  return model === null || steps(model).some((step) => !WORD_STEPS.has(step.type)) ? null : model;
}

/** A groupRepresentation chain applied to words (per entry [[word, score]], the candidates). */
export async function representWords(core, embed, model, words, topNWords) {
  return chain({ core, embed: cachedEmbed(core, embed), topNWords }, words, model);
}

