// Guided topic modeling (BERTopic's seed_topic_list): the engine labels and nudges the documents
// (src/topics/guided.cpp); this embeds the seed topics, each topic's words as one sentence, with
// the documents' embedding model (BERTopic's _guided_topic_modeling).

/** The seed topics' embeddings: Float32Array, one row per seed topic. */
export function seedTopicEmbeddings(seedTopicList, embedTexts) {
  return embedTexts(seedTopicList.map((words) => words.join(' ')));
}
