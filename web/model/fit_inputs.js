// What fitTransform / transform take besides documents: the embedding model's kind and saved name,
// supervised labels, progress reports. Split from topic_model.js (the class).
import { STATIC_MODEL_NAME } from '../embedding/static_embedder.js';
import { errorClass } from '../engine/options.js';

// 'static' for the static model (as a string or {model: 'static', ...}), else the MiniLM variant or null.
export const embeddingModelKind = (model) => (typeof model === 'string' ? model : model?.model ?? null);

// config.json's embedding_model when fit embedded the documents with a built-in model, else null.
export function builtinModelName(model) {
  const kind = embeddingModelKind(model);
  if (kind === 'static') return STATIC_MODEL_NAME;
  return model === 'fp32' || model === 'int8' ? 'sentence-transformers/all-MiniLM-L6-v2' : null;
}

// fitTransform's (and fit's) options; undefined: not given.
export const FIT_OPTIONS = Object.freeze({ y: undefined, embeddings: undefined, zeroshotEmbeddings: undefined, images: undefined, onProgress: undefined });

export function checkLabels(y, n, name = 'y') {
  if (!(Array.isArray(y) || y instanceof Int32Array)) {
    throw new TypeError(`${name} must be an array (or Int32Array) of integer topic labels`);
  }
  if (y.length !== n) throw new Error(`${name} has ${y.length} labels but there are ${n} documents`);
  const labels = Int32Array.from(y, (v, i) => {
    if (!Number.isInteger(v) || v < -1 || v > 2 ** 31 - 1) {
      throw new (errorClass(v, 'integer'))(`${name}[${i}] must be an integer >= -1 (got ${JSON.stringify(v)})`);
    }
    return v;
  });
  return labels;
}

export function reportProgress(onProgress, stage, done, total) {
  onProgress?.({ stage, done, total });
}

/**
 * What the engine warns about in a call (e.g. UMAP's nNeighbors cut to n - 1 for a small corpus,
 * which umap-learn prints as a warning): onProgress gets {stage: 'warning', message}; without an
 * onProgress the warning goes to console.warn, so that it is not lost.
 */
export function reportWarnings(onProgress, warnings) {
  for (const message of warnings ?? []) {
    if (onProgress) onProgress({ stage: 'warning', message });
    else console.warn(`topicwasm: ${message}`);
  }
}
