// createEmbedder / embed: the built-in embedding models (MiniLM through onnxruntime-web, or the
// static model computed by the engine), tokenised by the engine's C++ WordPiece.
import { checkDocuments } from '../engine/documents.js';
import { loadEngine } from '../engine/module.js';
import { Embedder } from './embedder.js';
import { createStaticEmbedder, loadStaticModelBytes } from './static_embedder.js';

/**
 * An Embedder (all-MiniLM-L6-v2 through onnxruntime-web) that tokenises with the engine's C++
 * WordPiece. Options as Embedder.create: {model: 'fp32' | 'int8' | path/URL/bytes, tokenizer, ...}.
 * {model: 'static'}: static embeddings distilled from it (web/embedding/static_embedder.js; options
 * maxTokens, normalize, batchSize), computed by the engine.
 */
export async function createEmbedder(options = {}) {
  const engine = await loadEngine();
  if (options.model === 'static') {
    const { model, ...rest } = options;
    return createStaticEmbedder(await loadStaticModelBytes(), rest, engine);
  }
  return Embedder.create(options);
}

/** Sentence embeddings of documents (n x 384 Float32Array for the built-in model). */
export async function embed(documents, { onProgress, signal, ...options } = {}) {
  checkDocuments(documents);
  const embedder = await createEmbedder(options);
  try {
    return await embedder.embed(documents, { onProgress, signal });
  } finally {
    await embedder.dispose?.();
  }
}
