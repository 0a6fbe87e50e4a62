#pragma once
// Ward linkage on a precomputed distance matrix, as scipy.cluster.hierarchy.linkage(y, 'ward')
// computes it when given condensed distances (what BERTopic's hierarchical_topics does with
// 1 - cosine similarity): after merging i and j, the distance to any k is the Lance-Williams
// update on the (unsquared) distances
//   d(k, ij) = sqrt(((n_i + n_k) d(k,i)^2 + (n_j + n_k) d(k,j)^2 - n_k d(i,j)^2) / (n_i + n_j + n_k)).
// Ward is reducible, so merging the globally closest pair each step gives scipy's dendrogram (up to
// the order of exactly tied merges). Naive closest-pair search: O(n^3) time, O(n^2) memory; meant
// for topics (hundreds), not documents. scipy's optimal_ordering (leaf order of the children) is
// not applied: each merge lists its smaller cluster id first, as scipy's plain linkage does.
#include <cstddef>
#include <string>
#include <vector>

#include "cluster/agglomerative.hpp"

namespace topicwasm {

// The n - 1 merges (ids < n are points, n + s the cluster of merge s), non-decreasing distance.
std::vector<LinkageMerge> ward_linkage(const std::vector<double>& distances, std::size_t n);

// scipy.cluster.hierarchy.linkage(y, method) on the n x n row-major distance matrix for method
// "single" (d(k, ij) = min(d(k,i), d(k,j))), "complete" (max), "average" (average_linkage: the
// size-weighted mean) or "ward" (ward_linkage). All four are reducible, so merging the globally
// closest pair each step gives scipy's dendrogram (scipy: minimum spanning tree for single,
// nearest-neighbour chain for the others) up to the order of exactly tied merges. Any other method
// name throws an Error naming the four. Merges as ward_linkage's.
std::vector<LinkageMerge> linkage(const std::vector<double>& distances, std::size_t n, const std::string& method);

// scipy's linkage(X, 'ward') on observation rows X (n x dim, row-major; euclidean) cut by
// fcluster(t=n_clusters, criterion='maxclust') (a cluster number per row from 1, by first
// appearance): what BERTopic's visualize_heatmap does to the topics' similarity rows.
std::vector<int> ward_clusters(const std::vector<double>& rows, std::size_t n, std::size_t dim, std::size_t n_clusters);

// BERTopic's get_unique_distances: equal consecutive merge distances are nudged apart (by less than
// 1e-7, and less than the gap to the next distinct distance) so that cuts at a merge's height are
// unambiguous. BERTopic draws the nudge at random; here it is 3/4 of the allowed noise.
void make_distances_unique(std::vector<LinkageMerge>& merges, double noise_max = 1e-7);

}  // namespace topicwasm
