// topicwasm's public API: BERTopic's method names in camelCase. This file only re-exports; each
// folder holds one job (see README's "Layout").
export { init, shutdown } from './engine/init.js';
export { threadsAvailable } from './engine/module.js';
export { env } from './engine/env.js';
export { TOPIC_MODEL_DEFAULTS } from './engine/options.js';
export { halfToFloat } from './engine/embeddings.js';
export { createEmbedder, embed } from './embedding/create.js';
export { parseCorpus, guessTextColumn, guessTimeColumn, textsOf, documentsOf } from './files/corpus.js';
export { TopicModel } from './model/topic_model.js';
export { CountVectorizer, OnlineCountVectorizer, ClassTfidfTransformer } from './model/swappable.js';
export { analyze } from './model/analyze.js';
export { reduceDimensions } from './model/reduce_dimensions.js';
export { hdbscanCluster } from './model/cluster.js';
export { autoMinTopicSize, AUTO_MIN_TOPIC_SIZE_RULE } from './engine/auto_min_topic_size.js';
export * from './model/evaluation.js';
export { CTM, CTM_DEFAULTS } from './ctm/ctm.js';
export { Kitty, KITTY_DEFAULTS } from './ctm/kitty.js';
export { WhiteSpacePreprocessing, WhiteSpacePreprocessingStopwords } from './ctm/preprocessing.js';
export * from './plotting/index.js';
