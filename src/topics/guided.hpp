#pragma once
// BERTopic's guided topic modeling (_guided_topic_modeling; Grootendorst 2022, BERTopic docs "Guided
// Topic Modeling"): each seed topic's words are embedded as one sentence (by the caller, with the
// documents' embedding model); every document is labelled with its most cosine-similar seed topic,
// or -1 when the corpus mean embedding is more similar than all of them; a labelled document's
// embedding moves a quarter of the way to its seed topic's (np.average([doc, seed], weights=[3, 1])).
// The labels then steer UMAP as a (semi-)supervised target.
#include <vector>

#include "core/matrix.hpp"

namespace topicwasm {

struct GuidedTargets {
    std::vector<int> y;  // per document: the seed topic's index, or -1
    Matrix embeddings;   // the documents' embeddings, labelled ones nudged towards their seed topic
};

// `seeds`: one row per seed topic, the documents' dimension (Error otherwise). Ties go to the first
// candidate, as numpy's argmax.
GuidedTargets guided_targets(MatrixView embeddings, MatrixView seeds);

}  // namespace topicwasm
