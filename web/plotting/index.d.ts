// Types of the figures (BERTopic's visualize_* methods) and the reports (web/plotting/index.js),
// re-exported by web/index.d.ts.
import type { CTM, Embeddings, Linkage, TopicModel, UmapOptions } from '../index.js';

/** Plotly figure specs ({data, layout}), mirroring BERTopic's visualize_* methods. */
export interface Figure { data: object[]; layout: object }
type Labels = string[] | Record<number, string>;
export function visualizeBarchart(model: TopicModel, options?: { topics?: number[]; topNTopics?: number; nWords?: number; customLabels?: Labels; autoscale?: boolean; showImages?: boolean; title?: string; width?: number; height?: number }): Figure;
export function visualizeTopics(model: TopicModel, options?: { topics?: number[]; topNTopics?: number; customLabels?: Labels; useCtfidf?: boolean; title?: string; width?: number; height?: number; seed?: number }): Promise<Figure>;
export function visualizeDocuments(model: TopicModel, docs: string[], options?: { topics?: number[]; embeddings?: Embeddings; reducedEmbeddings?: { data: Float32Array; rows: number; cols: number }; sample?: number; hideAnnotations?: boolean; hideDocumentHover?: boolean; customLabels?: Labels; title?: string; width?: number; height?: number; umapModel?: UmapOptions; seed?: number; maxHoverChars?: number; maxHoverPoints?: number; maxLabels?: number }): Promise<Figure>;
/** BERTopic's visualize_hierarchical_documents: the documents' map at nrLevels levels of the hierarchy, a slider between them. */
export function visualizeHierarchicalDocuments(model: TopicModel, docs: string[], hierarchicalTopics: HierarchicalTopics, options?: DocumentMapOptions & { topics?: number[]; hideAnnotations?: boolean; hideDocumentHover?: boolean; nrLevels?: number; levelScale?: 'linear' | 'log'; customLabels?: Labels; title?: string; width?: number; height?: number }): Promise<Figure>;
/** BERTopic's visualize_document_datamap as a Plotly figure: topics coloured, outliers grey, non-overlapping topic labels at the topics' medians. */
export function visualizeDocumentDatamap(model: TopicModel, docs: string[] | null, options?: DocumentMapOptions & { topics?: number[]; customLabels?: Labels; topicPrefix?: boolean; labelFontSize?: number; hideDocumentHover?: boolean; title?: string; subTitle?: string | null; width?: number; height?: number }): Promise<Figure>;
/** The annotations of a documents map for a zoomed view: its other annotations and the labels of the maxLabels largest topics in view. */
export function documentLabelsInView(figure: Figure, xRange: [number, number], yRange: [number, number]): object[];
export function visualizeHeatmap(model: TopicModel, options?: { topics?: number[]; topNTopics?: number; nClusters?: number; useCtfidf?: boolean; customLabels?: Labels; title?: string; width?: number; height?: number }): Figure;
export function visualizeTermRank(model: TopicModel, options?: { topics?: number[]; logScale?: boolean; customLabels?: Labels; title?: string; width?: number; height?: number }): Figure;
export function visualizeDistribution(probabilities: ArrayLike<number>, options?: { minProbability?: number; customLabels?: Labels; model?: TopicModel; title?: string; width?: number; height?: number }): Figure;
type HierarchicalTopics = Awaited<ReturnType<TopicModel['hierarchicalTopics']>>;
type LinkageFunction = (condensed: Float64Array, matrix: { n: number; square: Float64Array[] }) => ArrayLike<ArrayLike<number>> | ArrayLike<number>;
type DocumentMapOptions = { embeddings?: Embeddings; reducedEmbeddings?: { data: Float32Array; rows: number; cols: number }; sample?: number; umapModel?: UmapOptions; seed?: number };
/** The topic dendrogram: the chosen topics linked under their c-TF-IDF (default) or embedding distances; hierarchicalTopics names the merges on hover. */
export function visualizeHierarchy(model: TopicModel, options?: { topics?: number[]; topNTopics?: number; useCtfidf?: boolean; linkage?: Linkage; linkageFunction?: LinkageFunction | null; hierarchicalTopics?: HierarchicalTopics; orientation?: 'left' | 'bottom'; colorThreshold?: number; customLabels?: Labels; title?: string; width?: number; height?: number }): Figure;
export function visualizeApproximateDistribution(model: TopicModel, tokenDistribution: { tokens: string[]; distributions: Float32Array[] }, options?: { normalize?: boolean; customLabels?: Labels; title?: string; width?: number; height?: number }): Figure;
/** CTM's LDAvis view: the js_PCoA intertopic distance map beside a topic's top-R terms by relevance (lambda), or the most salient terms. */
export function visualizeLdavis(ctm: CTM | ReturnType<CTM['getLdavisData']>, options?: { topic?: number | null; lambda?: number; R?: number; nSamples?: number; title?: string; width?: number; height?: number }): Figure;
export function visualizeTopicsOverTime(model: TopicModel, topicsOverTime: Array<{ Topic: number; Words: string; Frequency: number; Timestamp: number | Date }>, options?: { topics?: number[]; topNTopics?: number; normalizeFrequency?: boolean; customLabels?: Labels; title?: string; width?: number; height?: number }): Figure;
export function visualizeTopicsPerClass(model: TopicModel, topicsPerClass: Array<{ Topic: number; Words: string; Frequency: number; Class: string | number }>, options?: { topics?: number[]; topNTopics?: number; normalizeFrequency?: boolean; customLabels?: Labels; title?: string; width?: number; height?: number }): Figure;

/** A self-contained HTML report that opens offline: static (topic table + figures, Plotly inlined) or, with `live: true`, live. */
export function buildReport(model: TopicModel, docs: string[], options?: StaticReportOptions | LiveReportOptions): Promise<string>;

/** The static report (the default): the topic table and BERTopic's figures, plotly.js inlined. */
export interface StaticReportOptions {
  title?: string;
  live?: false;
  embeddings?: Embeddings;
  reducedEmbeddings?: { data: Float32Array; rows: number; cols: number };
  /** The text of plotly.min.js; read from node_modules in Node, required in browsers. */
  plotlySource?: string;
  umapModel?: UmapOptions;
  nWords?: number;
  topNTopics?: number;
}

/**
 * The live report: the model (save()'s files, zipped), the single-threaded engine and optionally
 * the documents inlined, so the page reopens offline (file:// included) with the topic table, topic
 * words, search, and, with the documents, documents per topic and a number-of-topics control
 * (BERTopic's reduce_topics run in the page). About 2.6 MB plus the documents.
 */
export interface LiveReportOptions {
  title?: string;
  live: true;
  /** Embed the training documents (browse them per topic, search them, change the number of topics). Default false. */
  includeDocuments?: boolean;
  /** Search by meaning in the page: the package's static embedding model restricted to the documents' word pieces, and their embeddings (half floats). Default false (it adds size). */
  semanticSearch?: boolean;
}
