#pragma once
// BERTopic's zero-shot topic modeling (0.17: _zeroshot_topic_modeling, _combine_zeroshot_topics and
// TopicMapper.add_mappings; docs "Zero-shot Topic Modeling"): each document whose most
// cosine-similar label reaches min_similarity belongs to that label's zero-shot topic; the others
// are clustered as usual. The labels then follow their topics through reduction and merging.
#include <cstddef>
#include <utility>
#include <vector>

#include "core/matrix.hpp"

namespace topicwasm {

// (topic id, index into zeroshot_topic_list), ascending id: BERTopic's
// _topic_id_to_zeroshot_topic_idx, the topics named after a zero-shot label.
using ZeroShotTopics = std::vector<std::pair<int, int>>;

struct ZeroShotAssignment {
    // Per document: its zero-shot topic 0..k-1, or -1 when no label reached min_similarity.
    std::vector<int> topics;
    // Zero-shot topic z's label index: the labels that took a document, in list order (BERTopic
    // enumerates the set of assigned label indices).
    std::vector<int> matched;
};

// Each document's most similar label (the first of equal maxima, as numpy's argmax), kept when
// the similarity is >= min_similarity. `labels`: the embeddings of zeroshot_topic_list, from the
// documents' embedding model, one row per label. Throws Error when the dimensions differ.
ZeroShotAssignment assign_zeroshot(MatrixView documents, MatrixView labels, double min_similarity);

// The zero-shot topics after documents moved from before[i] to after[i] (a reduction or merge):
// TopicMapper.add_mappings gives a topic that absorbed zero-shot topics the label, among theirs,
// most similar to its embedding (rows of topic_embeddings in topic_ids order) when that reaches
// min_similarity; otherwise it keeps its c-TF-IDF name. BERTopic compares with topic_embeddings_
// before they are merged, indexed by the new id without the outlier offset; we use the merged
// topic's own embedding, which is what the comparison is for. A zero-shot topic merged into the
// outliers (-1) loses its label.
ZeroShotTopics follow_zeroshot(const ZeroShotTopics& previous, const std::vector<int>& before, const std::vector<int>& after,
                               const std::vector<int>& topic_ids, const Matrix& topic_embeddings, MatrixView labels,
                               double min_similarity);

}  // namespace topicwasm
