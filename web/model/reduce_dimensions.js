// reduceDimensions: UMAP or PCA of any vectors (the figures use it for 2-D maps).
import { toMatrix } from '../engine/embeddings.js';
import { loadEngine } from '../engine/module.js';
import { umapOptions, withDefaults } from '../engine/options.js';

/**
 * Reduces n rows of vectors (Float32Array n x d or rows) to `nComponents` dimensions:
 * method 'umap' (options as umapModel, default cosine, 15 neighbours) or 'pca'.
 * Returns {data: Float32Array, rows, cols}.
 */
export async function reduceDimensions(vectors, n, options) {
  const { method, nComponents, umapModel, seed } = withDefaults(options, { method: 'umap', nComponents: 2, umapModel: {}, seed: 42 }, 'reduceDimensions');
  const engine = await loadEngine();
  const { data, cols } = toMatrix(vectors, n, 'vectors');
  if (method === 'pca') return engine.pcaReduce(data, cols, nComponents);
  if (method !== 'umap') throw new (typeof method === 'string' ? Error : TypeError)(`method must be 'umap' or 'pca', got ${JSON.stringify(method)}`);
  return engine.umapReduce(data, cols, umapOptions({ nComponents, ...umapModel }), seed);
}
