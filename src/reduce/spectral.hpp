#pragma once
// Spectral initialisation for UMAP (umap-learn spectral.py: spectral_layout): the eigenvectors of
// the symmetric normalised Laplacian L = I - D^-1/2 W D^-1/2 with the 2nd .. (dim+1)-th smallest
// eigenvalues. umap-learn asks ARPACK (eigsh, which="SM", tol 1e-4, v0 = ones); we compute the
// same vectors as the largest eigenpairs of I + D^-1/2 W D^-1/2 (= 2I - L, positive semi-definite)
// with a Krylov-Schur restarted Lanczos method (Stewart 2001) with full reorthogonalisation, in
// double precision. Matrix-vector products are parallel by rows, so results do not depend on the
// thread count.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/matrix.hpp"
#include "core/sparse.hpp"
#include "neighbors/distance.hpp"

namespace topicwasm {

// Connected components of a symmetric graph: label per vertex (0, 1, ... in order of first vertex).
std::vector<uint32_t> connected_components(const CsrMatrix<float>& graph, std::size_t* n_components = nullptr);

struct SpectralResult {
    Matrix embedding;              // n x dim
    std::vector<double> eigenvalues;  // of L, ascending, the trivial one (~0) first: dim + 1 values
    std::size_t restarts = 0;
    bool converged = false;
};

// Eigenvectors of a connected symmetric graph; nullopt when the graph is disconnected, has a
// vertex without edges, or the iteration breaks down (the caller falls back to random init, as
// umap-learn does when eigsh fails). Unconverged-but-finite results are returned with
// converged = false: they still span a good approximation of the subspace.
std::optional<SpectralResult> spectral_layout(const CsrMatrix<float>& graph, std::size_t dim, uint64_t seed = 42,
                                              double tol = 1e-4, std::size_t max_restarts = 300);

// umap-learn's multi_component_layout for a graph with several connected components: component
// centroids (in `data`, with `metric`) are laid out by a spectral embedding of their affinities
// exp(-d^2) (or on +-unit axes when there are at most 2 * dim components), and each component of
// more than 2 * dim points gets its own spectral layout, scaled to half the distance to the nearest
// other centroid; smaller components (or failed solves) are placed uniformly at random in that box.
Matrix multi_component_layout(const MatrixView& data, Metric metric, const CsrMatrix<float>& graph,
                              const std::vector<uint32_t>& labels, std::size_t n_components, std::size_t dim,
                              uint64_t seed);

}  // namespace topicwasm
