// Types of the evaluation metrics (web/model/evaluation.js), re-exported by web/index.d.ts.
import type { Embeddings, VectorizerOptions } from '../index.js';

export function npmiCoherence(documents: string[], topics: string[][], options?: { topN?: number; windowSize?: number; vectorizerModel?: VectorizerOptions }): Promise<{ npmi: number; perTopic: Float64Array }>;
/** CTM's CoherenceWordEmbeddings: mean pairwise cosine of each topic's top-k words (default model 'static'). */
export function wordEmbeddingCoherence(topics: string[][], options?: { topK?: number; embeddingModel?: 'static' | 'int8' | 'fp32' | object }): Promise<{ coherence: number; perTopic: Float64Array }>;
/** CTM's KLDivergence: mean KL(a_d || b_d) over documents. */
export function klDivergence(a: ArrayLike<number>[], b: ArrayLike<number>[]): number;
/** CTM's Matches: share of documents with the same most likely topic in both sets. */
export function topicMatches(a: ArrayLike<number>[], b: ArrayLike<number>[]): number;
/** gensim's CoherenceModel(coherence=measure): 'c_v' (default), 'u_mass', 'c_uci', 'c_npmi'; windowSize null: gensim's. */
export function topicCoherence(documents: string[], topics: string[][], options?: { measure?: 'c_v' | 'u_mass' | 'c_uci' | 'c_npmi'; topN?: number; windowSize?: number | null; vectorizerModel?: VectorizerOptions }): Promise<{ coherence: number; perTopic: Float64Array }>;
export function topicDiversity(topics: string[][], options?: { topK?: number }): Promise<number>;
export function invertedRbo(topics: string[][], options?: { topK?: number; p?: number }): Promise<number>;
export function adjustedRandScore(labelsTrue: ArrayLike<number>, labelsPred: ArrayLike<number>): Promise<number>;
export function normalizedMutualInfo(labelsTrue: ArrayLike<number>, labelsPred: ArrayLike<number>): Promise<number>;
export function trustworthiness(input: Embeddings, embedded: Embeddings, n: number, options?: { nNeighbors?: number; inputMetric?: 'cosine' | 'euclidean' }): Promise<number>;
