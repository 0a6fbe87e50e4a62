// analyze: what the CountVectorizer makes of a text, for checking vectorizer options.
import { loadEngine } from '../engine/module.js';
import { vectorizerOptions } from '../engine/options.js';

/** The terms a CountVectorizer with these options makes of `text` (scikit-learn's build_analyzer()). */
export async function analyze(text, vectorizerModel = {}) {
  if (typeof text !== 'string') throw new TypeError(`text must be a string, got ${typeof text}`);
  const engine = await loadEngine();
  return engine.analyze(text, vectorizerOptions(vectorizerModel));
}
