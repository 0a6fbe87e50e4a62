// HDBSCAN of any vectors, e.g. a fitted model's UMAP output (reducedEmbeddings_) clustered again
// with another min cluster size without running UMAP again (the demo's "more topics").
import { toMatrix } from '../engine/embeddings.js';
import { loadEngine } from '../engine/module.js';
import { hdbscanOptions } from '../engine/options.js';

/**
 * HDBSCAN (euclidean) of n rows of vectors (Float32Array n x d or rows) with hdbscanModel options
 * (minClusterSize required). Returns {labels: Int32Array (-1: noise; hdbscan's numbering),
 * probabilities: Float64Array}.
 */
export async function hdbscanCluster(vectors, n, options) {
  const o = hdbscanOptions(options);
  if (o.minClusterSize === null) throw new Error('hdbscanCluster needs hdbscanModel.minClusterSize');
  const engine = await loadEngine();
  const { data, cols } = toMatrix(vectors, n, 'vectors');
  return engine.hdbscanCluster(data, cols, o);
}
