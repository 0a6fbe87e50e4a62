// Types of CTM (CombinedTM / ZeroShotTM, web/ctm/ctm.js), re-exported by web/index.d.ts.
import type { Embeddings, Progress } from '../index.js';

export interface CtmOptions {
  modelType?: 'combined' | 'zeroshot'; // 'combined'
  nComponents?: number; // 10
  hiddenSizes?: number[]; // [100, 100]
  activation?: 'softplus' | 'relu'; // 'softplus'
  dropout?: number; // 0.2
  learnPriors?: boolean; // true
  batchSize?: number; // 64
  /** CTM's solver: torch Adam with betas (momentum, 0.99), or torch SGD with momentum. */
  solver?: 'adam' | 'sgd'; // 'adam'
  lr?: number; // 2e-3
  /** Adam's beta1 (in (0, 1)), or SGD's momentum (in (0, 1]). */
  momentum?: number; // 0.99
  /** lr / 10 after 10 epochs without a 1e-4 relative drop of the training loss (torch ReduceLROnPlateau, patience 10). */
  reduceOnPlateau?: boolean; // false
  numEpochs?: number; // 100
  klWeight?: number; // 1
  labelSize?: number; // 0
  seed?: number; // 42
  validationFraction?: number; // 0
  /** Early stopping: epochs in a row without a validation improvement before training stops. */
  patience?: number; // 5
  /** Early stopping: a validation loss must drop by more than delta to count as an improvement. */
  delta?: number; // 0
  vocabularySize?: number; // 2000
}

export interface CtmCheckpointInfo {
  /** 0-based, as CTM's epoch_<n>.pth. */
  epoch: number;
  /** The epoch's training loss. */
  loss: number;
  /** With a validation set. */
  validationLoss?: number;
  /** The learning rate the epoch used. */
  lr: number;
}

export interface CtmFitOptions {
  embeddings: Embeddings;
  labels?: ArrayLike<number>;
  onProgress?: (p: Progress) => void;
  /** CTM's validation_dataset: training stops once its loss has not improved for `patience` epochs; the best epoch's model is kept. */
  validation?: { documents: string[]; embeddings: Embeddings; labels?: ArrayLike<number> };
  /** Default: the model's patience option (5). */
  patience?: number;
  /** Default: the model's delta option (0). */
  delta?: number;
  /** Node only: writes saveDir/epoch_<n>.safetensors (CTM.load reads it) after every epoch, or with a validation set after every improving epoch. */
  saveDir?: string;
  /** The same checkpoints as bytes (CTM.load reads them), in browsers and Node. */
  onCheckpoint?: (bytes: Uint8Array, info: CtmCheckpointInfo) => void;
}

export interface CtmFitReport {
  epochsRun: number;
  trainLoss: Float64Array;
  /** Per epoch, with a validation set or validationFraction. */
  validationLoss: Float64Array;
  /** The learning rate of each epoch. */
  learningRates: Float64Array;
  /** 0-based epoch whose model is kept (the last one without validation). */
  bestEpoch: number;
  stoppedEarly: boolean;
}

export const CTM_DEFAULTS: Readonly<Required<CtmOptions>>;

export class CTM {
  constructor(options?: CtmOptions);
  readonly options: Required<CtmOptions>;
  fit(documents: string[], options: CtmFitOptions): Promise<CtmFitReport>;
  getTopicLists(k?: number): string[][];
  getTopics(k?: number): Record<number, string[]>;
  getDocTopicDistribution(options?: { nSamples?: number }): Float32Array[];
  getTopicWordDistribution(): Float32Array[];
  /** CTM's get_topic_word_matrix: raw beta (before the softmax). */
  getTopicWordMatrix(): Float32Array[];
  readonly vocabulary: string[];
  getWordDistributionByTopicId(topic: number): [string, number][];
  getThetas(options?: { nSamples?: number }): Float32Array[];
  static getTopDocumentsPerTopicId(documents: string[], distributions: ArrayLike<number>[], topicId: number, k?: number): [string, number][];
  /** pyLDAvis.prepare's inputs (CTM's get_ldavis_data_format), from the training documents. */
  getLdavisData(options?: { nSamples?: number }): { topicTermDists: Float32Array[]; docTopicDists: Float32Array[]; docLengths: Float64Array; vocab: string[]; termFrequency: Float64Array };
  /** labels: the documents' classes for a model trained with labels (encoder inputs, as CTM's dataset with labels). */
  transform(documents: string[], options: { embeddings: Embeddings; nSamples?: number; labels?: ArrayLike<number> }): Promise<Float32Array[]>;
  /** SuperCTM's label head (labelSize > 0): class probabilities softmax(label_classification(theta)) and the most likely class. */
  predictLabels(documents: string[], options: { embeddings: Embeddings; nSamples?: number }): Promise<{ labels: Int32Array; probabilities: Float32Array[] }>;
  /** The label head on given thetas (rows of nComponents). */
  labelProbabilities(thetas: ArrayLike<number>[]): { labels: Int32Array; probabilities: Float32Array[] };
  static predictedTopics(distributions: ArrayLike<number>[]): Int32Array;
  save(): Uint8Array;
  static load(bytes: Uint8Array): Promise<CTM>;
  free(): void;
}
