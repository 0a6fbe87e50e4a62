// Types of scikit-learn's / BERTopic's vectorizer and c-TF-IDF classes (web/model/swappable.js),
// re-exported by web/index.d.ts.
import type { CtfidfOptions, OnlineVectorizerOptions, VectorizerOptions } from '../index.js';

/** A CSR sparse matrix (a vectorizer's bag of words). */
export interface SparseMatrix {
  rows: number; cols: number; indptr: Int32Array; indices: Int32Array; data: Float64Array;
  /** [rows, cols] (scipy's shape). */
  readonly shape: [number, number];
  /** The dense rows (scipy's toarray()). */
  toArray(): number[][];
}

/**
 * scikit-learn's CountVectorizer as BERTopic users pass it (vectorizer_model): accepted wherever
 * vectorizerModel options are. Fitted in place by the TopicModel that fits with it (or by
 * updateTopics when passed there): then getFeatureNamesOut() / vocabulary_ give that model's
 * vocabulary and transform(documents) the bag of words over it. On its own, fit(documents) learns
 * a vocabulary as scikit-learn's fit (the engine's analyzer; minDf, maxDf, maxFeatures).
 */
export class CountVectorizer {
  constructor(options?: VectorizerOptions);
  fit(documents: string[]): Promise<this>;
  getParams(): Required<VectorizerOptions>;
  getFeatureNamesOut(): string[];
  readonly vocabulary_: Record<string, number>;
  transform(documents: string[]): SparseMatrix;
}
/** BERTopic's OnlineCountVectorizer (decay, deleteMinDf + CountVectorizer options), for partialFit. */
export class OnlineCountVectorizer {
  constructor(options?: Omit<OnlineVectorizerOptions, 'online'>);
  fit(documents: string[]): Promise<this>;
  getParams(): Required<OnlineVectorizerOptions>;
  getFeatureNamesOut(): string[];
  readonly vocabulary_: Record<string, number>;
  transform(documents: string[]): SparseMatrix;
  /** BERTopic's delete_min_df (cleanBow uses it). */
  deleteMinDf: number | null;
  /** BERTopic's X_: the decayed bag of words partialFit accumulated (one row per topic), once bound to an online model. */
  readonly X_: SparseMatrix;
  /** BERTopic's _clean_bow: drops the terms whose total in X_ is below deleteMinDf. */
  cleanBow(): void;
}
/**
 * BERTopic's ClassTfidfTransformer, accepted wherever ctfidfModel options are. On its own:
 * fit(X, multiplier) learns the idf of a bag of words with a row per class, transform(X) gives the
 * c-TF-IDF (rows L1-normalised, times the idf).
 */
export class ClassTfidfTransformer {
  constructor(options?: CtfidfOptions);
  getParams(): Required<CtfidfOptions>;
  fit(X: SparseMatrix, multiplier?: ArrayLike<number> | null): this;
  transform(X: SparseMatrix): SparseMatrix;
}
