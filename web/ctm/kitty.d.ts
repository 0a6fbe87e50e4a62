// Types of CTM's Kitty (web/ctm/kitty.js), re-exported by web/index.d.ts.
import type { CTM, CtmOptions, Embeddings, Progress } from '../index.js';

/** Kitty's own defaults (CTM 2.6's kitty_classifier.py): ZeroShotTM, 10 epochs, batches of 2, hidden (100, 100), dropout 0.2, softplus. */
export const KITTY_DEFAULTS: Readonly<{ modelType: 'zeroshot'; numEpochs: 10; batchSize: 2; hiddenSizes: number[]; dropout: number; activation: 'softplus' }>;

export class Kitty {
  /** CTM options with Kitty's defaults; embeddingModel embeds documents given without embeddings (default 'int8'; 'fp32', 'static' or Embedder options). */
  constructor(options?: CtmOptions & { otherClass?: string; embeddingModel?: 'fp32' | 'int8' | 'static' | object });
  /**
   * As CTM's Kitty.train: WhiteSpacePreprocessingStopwords(stopwordsList, vocabularySize = maxWords
   * (2000)), then the CTM on the preprocessed documents with the embeddings of the unpreprocessed
   * ones (embedded here unless given, one row per document). epochs, hiddenSizes, dropout,
   * activation, batchSize default to the constructor's options.
   */
  train(documents: string[], options?: {
    embeddings?: Embeddings; nTopics?: number; stopwordsList?: string[] | null; maxWords?: number;
    epochs?: number; hiddenSizes?: number[]; dropout?: number; activation?: 'softplus' | 'relu'; batchSize?: number;
    onProgress?: (p: Progress) => void;
  }): Promise<this>;
  /** The trained CTM (CTM's Kitty.ctm). */
  readonly ctm: CTM;
  /** train's preprocessing vocabulary (CTM's Kitty.qt.vocab). */
  readonly vocabulary: string[];
  /** CTM's get_word_classes: the top numberOfWords (5) words of each topic. */
  getWordClasses(numberOfWords?: number): string[][];
  prettyPrintWordClasses(numberOfWords?: number): string;
  assignClasses(mapping: Record<number, string>): void;
  /**
   * {topicId: class} for every topic (unnamed: the default class; {} before train), as CTM's
   * assigned_classes; assigning it is assignClasses(mapping), as kt.assigned_classes = {...}.
   */
  get assignedClasses(): Record<number, string>;
  set assignedClasses(mapping: Record<number, string>);
  /** CTM's get_raw_class_topic_distribution: each document's topic distribution. */
  getRawClassTopicDistribution(documents: string[], options?: { embeddings?: Embeddings }): Promise<Float32Array[]>;
  predict(documents: string[], options?: { embeddings?: Embeddings }): Promise<string[]>;
  /** Kitty's state (classes, default class, embedding model, CTM options, vocabulary) and its CTM, as zip bytes. */
  save(): Uint8Array;
  static load(bytes: Uint8Array): Promise<Kitty>;
  free(): void;
}
