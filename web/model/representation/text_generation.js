// BERTopic's TextGeneration representation (bertopic/representation/_textgeneration.py) with the
// user's own model: each topic's prompt (BERTopic's DEFAULT_PROMPT, or the user's template with
// [KEYWORDS] and [DOCUMENTS]) goes to generate(prompt) (WebLLM, transformers.js, a local server:
// the library ships no LLM), at most `concurrency` calls at a time, and the answer becomes the
// topic's label (its words [[label, 1]]). Labels are kept unique (BERTopic issue #1341: an LLM
// often names two topics alike): a repeated label gets the topic's top keyword, or " (2)", " (3)".
import { topicContexts, wordsFrom } from './user_function.js';

/** BERTopic's DEFAULT_PROMPT (the same text, keywords only). */
export const DEFAULT_PROMPT = '\nI have a topic described by the following keywords: [KEYWORDS].\nThe name of this topic is:\n';

/**
 * BERTopic's _create_prompt: [KEYWORDS] -> the topic's words joined by ", "; [DOCUMENTS] -> one
 * "- doc\n" line per representative document.
 */
export function fillPrompt(template, keywords, documents) {
  let prompt = template.replaceAll('[KEYWORDS]', keywords.join(', '));
  if (prompt.includes('[DOCUMENTS]')) prompt = prompt.replaceAll('[DOCUMENTS]', documents.map((d) => `- ${d}\n`).join(''));
  return prompt;
}

/** BERTopic's truncate_document with tokenizer='whitespace': the first docLength words (null: whole). */
export function truncateDocument(document, docLength) {
  return docLength === null ? document : document.split(/\s+/).filter(Boolean).slice(0, docLength).join(' ');
}

/**
 * Labels made unique in topic order: the first keeps its label; a repeat gets " (<top keyword>)",
 * and when that is taken too (or there is no keyword) " (2)", " (3)", ...
 */
export function uniqueLabels(labels, topKeywords) {
  const seen = new Set();
  return labels.map((label, i) => {
    let out = label;
    if (seen.has(out) && topKeywords[i]) out = `${label} (${topKeywords[i]})`;
    for (let k = 2; seen.has(out); ++k) out = `${label} (${k})`;
    seen.add(out);
    return out;
  });
}

/** Runs task(i) for i < n with at most `limit` running at once; rejects on the first failure. */
export async function runLimited(n, limit, task) {
  const results = new Array(n);
  let next = 0;
  let failed = null;
  const worker = async () => {
    while (next < n && !failed) {
      const i = next++;
      try {
        results[i] = await task(i);
      } catch (e) {
        failed ??= { e };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, n) }, worker));
  if (failed) throw failed.e;
  return results;
}

/**
 * TextGeneration.extract_topics over every topic (engine order). topics: the previous step's words
 * (the keywords); options: checked {generate, prompt, nrDocs, docLength, concurrency, onProgress}.
 * The representative documents (nrDocs, BERTopic's 500-document sample) are drawn only when the
 * prompt has [DOCUMENTS], as BERTopic's. onProgress gets {stage: 'TextGeneration', done, total}.
 */
export async function textGeneration(context, topics, o) {
  const template = o.prompt ?? DEFAULT_PROMPT;
  const inputs = topicContexts(context, topics);
  const documents = template !== DEFAULT_PROMPT && template.includes('[DOCUMENTS]') ? context.core.representativeDocs(o.nrDocs, 500) : null;
  const prompts = inputs.map((input, r) => fillPrompt(template, input.words.map(([w]) => w), (documents?.[r] ?? []).map((d) => truncateDocument(d, o.docLength))));
  let done = 0;
  o.onProgress?.({ stage: 'TextGeneration', done, total: prompts.length });
  const answers = await runLimited(prompts.length, o.concurrency, async (i) => {
    const answer = await o.generate(prompts[i]);
    if (typeof answer !== 'string') throw new TypeError(`TextGeneration: generate must return a string, got ${typeof answer}`);
    o.onProgress?.({ stage: 'TextGeneration', done: ++done, total: prompts.length });
    // BERTopic: generated_text.replace(prompt, "") (text-generation pipelines echo the prompt).
    return answer.replaceAll(prompts[i], '').trim();
  });
  const labels = uniqueLabels(answers, inputs.map((input) => input.words[0]?.[0] ?? ''));
  return labels.map((label) => wordsFrom(label, 'TextGeneration'));
}
