// Type declarations for topicwasm's public API (hand-written; mirrors web/index.js).

export interface VectorizerOptions {
  /** Lowercase before tokenising. Default true. */
  lowercase?: boolean;
  /** null (none), 'english' (scikit-learn's list) or your own words. Default null. */
  stopWords?: null | 'english' | string[];
  /** [min, max] word n-gram lengths. Default [1, 1]. */
  ngramRange?: [number, number];
  /** Integer >= 1: a document count; number in [0, 1): a fraction of documents. Default 1. */
  minDf?: number;
  /** 1 or a number in (0, 1): a fraction; integer >= 2: a document count. Default 1.0. */
  maxDf?: number;
  /** Keep only the most frequent terms. Default null (all). */
  maxFeatures?: number | null;
  /** A fixed vocabulary (feature i = vocabulary[i]). Default null (learned). */
  vocabulary?: string[] | null;
}

export interface CtfidfOptions {
  /** BM25-style idf. Default false. */
  bm25Weighting?: boolean;
  /** Square-root term frequency. Default false. */
  reduceFrequentWords?: boolean;
}

export interface TopicModelOptions {
  /** 'english' strips everything but [A-Za-z0-9 ] before c-TF-IDF, as BERTopic. Default 'english'. */
  language?: string;
  /** Words per topic. Default 10. */
  topNWords?: number;
  /** Smallest topic (used by clustering). Default 10. */
  minTopicSize?: number;
  /** Seed for everything random. Default 42. */
  seed?: number;
  vectorizerModel?: VectorizerOptions;
  ctfidfModel?: CtfidfOptions;
}

export interface Progress {
  stage: string;
  done: number;
  total: number;
}

export interface FitOptions {
  /** One integer topic label per document (-1 = outlier): manual topic modeling. */
  y?: ArrayLike<number>;
  onProgress?: (progress: Progress) => void;
}

export interface TopicInfoRow {
  Topic: number;
  Count: number;
  Name: string;
  Representation: string[];
  Representative_Docs: string[];
}

export type TopicWords = Array<[string, number]>;

export const TOPIC_MODEL_DEFAULTS: Readonly<Required<TopicModelOptions>>;

export class TopicModel {
  constructor(options?: TopicModelOptions);
  readonly options: Required<TopicModelOptions>;
  fit(documents: string[], options?: FitOptions): Promise<this>;
  fitTransform(documents: string[], options?: FitOptions): Promise<{ topics: Int32Array; probabilities: null }>;
  readonly topics_: Int32Array;
  readonly topicSizes_: Record<number, number>;
  readonly topicLabels_: Record<number, string>;
  readonly vocabularySize: number;
  getTopicInfo(topic?: number): TopicInfoRow[];
  getTopic(topic: number): TopicWords | false;
  getTopics(): Record<number, TopicWords>;
  getTopicFreq(topic?: number): Array<{ Topic: number; Count: number }>;
  getRepresentativeDocs(): Record<number, string[]>;
  getRepresentativeDocs(topic: number): string[] | false;
  free(): void;
}

/** Loads the engine with a pool of `threads` (default: cores, or 1 without cross-origin isolation). */
export function init(options?: { threads?: number }): Promise<{ threads: number; engine: unknown }>;
/** Ends the engine's worker threads (lets a Node process exit). */
export function shutdown(): Promise<void>;
/** The terms a CountVectorizer with these options makes of `text`. */
export function analyze(text: string, vectorizerModel?: VectorizerOptions): Promise<string[]>;
