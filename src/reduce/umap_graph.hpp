#pragma once
// UMAP's fuzzy simplicial set (McInnes, Healy & Melville 2018, section 3; umap-learn 0.5.3
// umap_.py: smooth_knn_dist, compute_membership_strengths, fuzzy_simplicial_set).
#include <cstddef>
#include <vector>

#include "core/sparse.hpp"
#include "neighbors/knn.hpp"

namespace topicwasm {

struct SmoothKnn {
    std::vector<float> sigmas;  // per point: the bandwidth making sum_j exp(-(d_j - rho)/sigma) = log2(k)
    std::vector<float> rhos;    // per point: distance to the local_connectivity-th nearest non-self neighbour
};

// umap-learn's smooth_knn_dist: bisection (64 steps, tolerance 1e-5) on sigma per point; the first
// column of each k-NN row (the point itself) is skipped. `k` is n_neighbors as a real number.
SmoothKnn smooth_knn_dist(const KnnGraph& knn, double k, double local_connectivity = 1.0, int n_iter = 64,
                          double bandwidth = 1.0);

// Membership strength of the edge from point i to its t-th neighbour: exp(-(d - rho_i) / sigma_i),
// 1 when d <= rho_i, 0 for the point itself unless `bipartite` (transform: queries are not in the
// data, so a distance-0 neighbour is a real neighbour).
float membership_strength(const KnnGraph& knn, const SmoothKnn& smooth, std::size_t i, std::size_t t, bool bipartite);

// The symmetrised fuzzy set: with A the directed membership matrix,
//   mix * (A + A^T - A o A^T) + (1 - mix) * (A o A^T)   (fuzzy union when mix = 1)
// as a CSR matrix with sorted columns and no explicit zeros. `smooth_out`, when given, receives
// the sigmas and rhos.
// Fuzzy set union of a directed membership matrix with its transpose, mixed with the intersection:
// mix * (A + A^T - A o A^T) + (1 - mix) * (A o A^T) (umap-learn's set_op_mix_ratio).
CsrMatrix<float> fuzzy_union(const CsrMatrix<float>& a, double set_op_mix_ratio = 1.0);

// umap-learn's reset_local_connectivity: each row scaled to max 1, then the fuzzy union again.
CsrMatrix<float> reset_local_connectivity(const CsrMatrix<float>& graph);

// Supervised / semi-supervised UMAP with a categorical target (umap-learn's
// discrete_metric_simplicial_set_intersection + fast_intersection): an edge between different
// labels is scaled by exp(-far_dist), an edge touching an unknown label (-1) by exp(-unknown_dist);
// then reset_local_connectivity. far_dist = 2.5 / (1 - target_weight): 5 for the default 0.5.
CsrMatrix<float> categorical_intersection(const CsrMatrix<float>& graph, const std::vector<int>& target, double far_dist,
                                          double unknown_dist = 1.0);

CsrMatrix<float> fuzzy_simplicial_set(const KnnGraph& knn, std::size_t n_neighbors, double set_op_mix_ratio = 1.0,
                                      double local_connectivity = 1.0, SmoothKnn* smooth_out = nullptr);

}  // namespace topicwasm
