// BERTopic's fitted attributes that are views of the engine's state: c_tf_idf_ (a scipy CSR matrix
// there) and probabilities_ (fit's, kept by the engine and mapped through topic changes).
import { probabilityRows } from '../engine/embeddings.js';
import { SparseMatrix } from './swappable.js';

/**
 * BERTopic's c_tf_idf_: the topics' c-TF-IDF rows (getTopicInfo order, -1 first when there are
 * outliers) x the vocabulary, as a SparseMatrix {data: Float64Array, indices, indptr, shape, rows,
 * cols}; null for a model saved without its c-TF-IDF (or merged by mergeModels), as BERTopic's None.
 * Read from the engine's own c-TF-IDF file (the rows it saves as ctfidf.safetensors).
 */
export function ctfidfMatrix(core, engine) {
  const file = core.ctfidfFile();
  if (file === null) return null;
  const tensors = engine.readSafetensors(file);
  const typed = (name, Type) => {
    const { raw } = tensors.get(name);
    return new Type(raw.buffer, raw.byteOffset, raw.byteLength / Type.BYTES_PER_ELEMENT);
  };
  const [rows, cols] = Array.from(typed('shape', BigInt64Array), Number);
  return new SparseMatrix(rows, cols, typed('indptr', Int32Array), typed('indices', Int32Array), typed('data', Float64Array));
}

/** BERTopic's probabilities_: as fitTransform returned them (mapped through reduce / merge / delete), or null. */
export function fittedProbabilities(core) {
  const p = core.probabilities();
  return p === null ? null : probabilityRows(p);
}
