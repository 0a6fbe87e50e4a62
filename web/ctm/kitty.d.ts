// Types of CTM's Kitty (web/ctm/kitty.js), re-exported by web/index.d.ts.
import type { CtmOptions, Embeddings, Progress } from '../index.js';

export class Kitty {
  /** embeddingModel embeds documents given without embeddings (default 'int8'; 'fp32', 'static' or Embedder options). */
  constructor(options?: CtmOptions & { otherClass?: string; embeddingModel?: 'fp32' | 'int8' | 'static' | object });
  /**
   * As CTM's Kitty.train: WhiteSpacePreprocessingStopwords(stopwordsList, vocabularySize = maxWords
   * (2000)), then the CTM on the preprocessed documents with the embeddings of the unpreprocessed
   * ones (embedded here unless given, one row per document).
   */
  train(documents: string[], options?: { embeddings?: Embeddings; nTopics?: number; stopwordsList?: string[] | null; maxWords?: number; onProgress?: (p: Progress) => void }): Promise<this>;
  prettyPrintWordClasses(k?: number): string;
  assignClasses(mapping: Record<number, string>): void;
  /**
   * {topicId: class} for every topic (unnamed: the default class; {} before train), as CTM's
   * assigned_classes; assigning it is assignClasses(mapping), as kt.assigned_classes = {...}.
   */
  get assignedClasses(): Record<number, string>;
  set assignedClasses(mapping: Record<number, string>);
  predict(documents: string[], options?: { embeddings?: Embeddings }): Promise<string[]>;
  free(): void;
}
