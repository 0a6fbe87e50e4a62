#pragma once
// Refusing a fit that cannot fit in a wasm32 module's 4 GB, before any work starts.
#include <string>
#include <vector>

#include "core/matrix.hpp"
#include "topics/topic_model.hpp"

namespace topicwasm {

// What a fit holds at its peak, roughly (bytes), for refusing one that cannot fit: a wasm32 module
// addresses at most 4 GB. The terms: the embeddings' copy; the documents (the UTF-8 text and the
// strings) and their count matrix (at most one entry per 3 bytes of text, 12 bytes each); UMAP's
// k-NN graph (index + distance) and fuzzy graph (symmetrised: up to 2nk edges of row, column,
// weight, epochs per sample); the reduced vectors; HDBSCAN's core distances, neighbours and tree;
// and, for UMAP with the cosine metric, the k-NN search's row-normalised copy of the embeddings.
// Checked against wasm memory after synthetic fits (d = 256, bench/fit.mjs): 433 MB at 100,000
// points and 836 MB at 250,000, i.e. 2.7 KB per point, against 2.0 KB per point estimated without
// the copy (extrapolated: fits of ~1.5-2 M such points would pass this check and then need more
// than 4 GB) and 3.1 KB with it (1,000,000 x 256: 3.1 GB, accepted; refused from ~1.3 M).
// Throws Error with the estimate when it is above 4 GB.
void check_fit_memory(const std::vector<std::string>& documents, const MatrixView& embeddings, const TopicModelOptions& o);

}  // namespace topicwasm
