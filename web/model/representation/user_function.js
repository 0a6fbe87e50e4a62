// A representation model written by the user (BERTopic: any BaseRepresentation subclass with its own
// extract_topics): a function, sync or async, called once per topic with
// {topic, words, representativeDocs, documents} and returning the topic's new words
// ([[word, score], ...] or [word, ...]) or a label string. A label becomes the words [[label, 1]],
// as BERTopic's LLM representations (TextGeneration, OpenAI, ...) make a label the topic's only word.

/**
 * The words a representation returns, checked: a string is a label ([[label, 1]]); a list of words
 * gets scores 1, 1 - 1/n, ... (their rank); [[word, score]] pairs are kept. what: for errors.
 */
export function wordsFrom(value, what) {
  if (typeof value === 'string') return [[value, 1]];
  if (!Array.isArray(value)) throw new TypeError(`${what} must return a label string, [word, ...] or [[word, score], ...], got ${typeof value}`);
  return value.map((entry, i) => {
    if (typeof entry === 'string') return [entry, 1 - i / value.length];
    if (Array.isArray(entry) && typeof entry[0] === 'string' && Number.isFinite(entry[1])) return [entry[0], entry[1]];
    throw new TypeError(`${what} returned ${JSON.stringify(entry)}, not a word or a [word, score] pair`);
  });
}

/**
 * Per topic a context object for a user's function: topic id, the words so far, its representative
 * documents (the 3 the model keeps; none for a loaded model), and a `documents` getter with its
 * training documents (none for a loaded model; computed on first use).
 */
export function topicContexts(context, topics) {
  const info = context.core.topicInfo();
  let byTopic = null;
  const documentsOf = (id) => {
    if (!byTopic) {
      const all = context.core.trainingDocuments();
      const assigned = context.core.documentTopics();
      byTopic = new Map();
      all.forEach((doc, i) => {
        if (!byTopic.has(assigned[i])) byTopic.set(assigned[i], []);
        byTopic.get(assigned[i]).push(doc);
      });
    }
    return byTopic.get(id) ?? [];
  };
  return context.ids.map((topic, r) => ({
    topic,
    words: topics[r].filter(([w]) => w !== '').map(([w, s]) => [w, s]),
    representativeDocs: info[r].Representative_Docs ?? [],
    get documents() { return documentsOf(topic); },
  }));
}

/** Runs the user's function on every topic in turn (awaiting each result). */
export async function userRepresentation(context, topics, fn) {
  const out = [];
  for (const input of topicContexts(context, topics)) out.push(wordsFrom(await fn(input), 'a representation function'));
  return out;
}
