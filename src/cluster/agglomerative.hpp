#pragma once
// Average-linkage (UPGMA) agglomerative clustering on a precomputed distance matrix: what
// BERTopic's topic reduction runs (sklearn AgglomerativeClustering(n_clusters, metric="precomputed",
// linkage="average"), which builds scipy.cluster.hierarchy.linkage(method="average") and cuts it).
//
// Algorithm: repeatedly merge the closest pair of clusters; the distance from cluster k to a merged
// cluster i+j is the size-weighted mean (n_i d(k,i) + n_j d(k,j)) / (n_i + n_j) (Lance & Williams
// 1967), i.e. the mean distance over all pairs of points. Each cluster caches its nearest neighbour,
// so a merge costs O(n) plus O(n) per cluster whose cached neighbour was merged: O(n^2) typical,
// O(n^3) worst case, O(n^2) memory. Meant for topics (tens to a few thousand), not documents.
//
// Ties: the pair (d, a, b) that is lexicographically smallest merges first, where a < b are the
// pair's slots (a merged cluster keeps the smaller slot, i.e. its smallest original point). scipy's
// nn_chain may merge equally distant pairs in another order; without ties (the usual case with
// real-valued distances) average linkage is reducible and the dendrogram, hence every cut, is the
// same as scipy's and sklearn's.
#include <cstddef>
#include <vector>

namespace topicwasm {

// One merge, in scipy's linkage-matrix (Z) form: clusters `a` < `b` (ids < n are points, n + s is
// the cluster made by merge s) join at `distance` into a cluster of `size` points.
struct LinkageMerge {
    std::size_t a = 0;
    std::size_t b = 0;
    double distance = 0;
    std::size_t size = 0;
};

// The n - 1 merges of average linkage over the n x n row-major distance matrix (symmetric, finite,
// >= 0; the diagonal is ignored), in merge order (non-decreasing distance).
std::vector<LinkageMerge> average_linkage(const std::vector<double>& distances, std::size_t n);

// The flat clustering left after the first n - n_clusters merges (sklearn's _hc_cut). Labels are
// 0..n_clusters-1 in order of each cluster's first point.
std::vector<int> cut_linkage(const std::vector<LinkageMerge>& merges, std::size_t n, std::size_t n_clusters);

// average_linkage + cut_linkage: AgglomerativeClustering(n_clusters, "precomputed", "average").labels_
// up to a renaming of the labels.
std::vector<int> agglomerative_average(const std::vector<double>& distances, std::size_t n, std::size_t n_clusters);

}  // namespace topicwasm
