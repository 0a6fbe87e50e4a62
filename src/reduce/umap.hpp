#pragma once
// UMAP (McInnes, Healy & Melville 2018, arXiv:1802.03426) as umap-learn 0.5.3 computes it:
// k-NN graph -> smooth k-NN distances -> fuzzy simplicial set (fuzzy union) -> spectral
// initialisation -> SGD with negative sampling. transform() embeds new points against the fitted
// embedding as umap-learn's UMAP.transform does.
//
// Structure after libscran/umappp: an Options struct with umap-learn's defaults, a fixed default
// seed, results identical for any set_thread_limit() (see reduce/umap_optimize.hpp for how the SGD
// stays deterministic in parallel).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/matrix.hpp"
#include "core/progress.hpp"
#include "core/sparse.hpp"
#include "neighbors/knn.hpp"
#include "reduce/umap_graph.hpp"

namespace topicwasm {

enum class UmapInit { spectral, random };

// How the layout is optimised. Both minimise the same cross entropy with the same edge sampling
// and are deterministic for any thread count; they differ in epochs and update order.
enum class UmapSchedule {
    // umap-learn 0.5.3's: 500 epochs up to 10,000 points (else 200), updates in serial order
    // (threads only overlap independent updates). For users who want umap-learn's trajectory.
    faithful,
    // Opt-in (umapModel.schedule 'fast'): 200 epochs at any size (umap-learn's own choice above 10,000 points) and
    // block-parallel SGD (optimize_layout_blocks): blocks of heads run in parallel and read the
    // other blocks' points as last committed (four commits per epoch). 2.5x fewer samples than
    // 'faithful' up to 10,000 points, and threads need no dependency waits; trustworthiness within
    // 0.01 of 'faithful' (tests/native/umap_test.cpp). Not the default: on Brown it finds 254
    // topics (NMI 0.402) where 'faithful' and Python find 269 (0.411), outside 3 seeds' spread.
    fast,
};

struct UmapOptions {
    std::size_t n_neighbors = 15;   // umap-learn default (BERTopic: 15); self counts as one
    std::size_t n_components = 2;   // umap-learn default (BERTopic passes 5)
    double min_dist = 0.1;          // umap-learn default (BERTopic passes 0.0)
    double spread = 1.0;
    Metric metric = Metric::euclidean;  // umap-learn default (BERTopic passes "cosine")
    UmapSchedule schedule = UmapSchedule::faithful;
    std::size_t n_epochs = 0;       // 0 = auto: fast 200; faithful 500 when n <= 10,000, else 200 (umap-learn)
    double learning_rate = 1.0;
    double negative_sample_rate = 5.0;
    double repulsion_strength = 1.0;  // gamma
    double set_op_mix_ratio = 1.0;    // 1 = fuzzy union
    double local_connectivity = 1.0;
    UmapInit init = UmapInit::spectral;
    uint64_t seed = 42;
    KnnMethod knn_method = KnnMethod::automatic;  // exact below 4,096 points, NN-descent above
    // Supervised UMAP (a categorical target given to fit): how much the labels reshape the graph
    // (umap-learn's target_weight; 0.5: edges across labels scaled by exp(-5)).
    double target_weight = 0.5;
    // a and b of the membership curve 1 / (1 + a d^2b); 0 = fit from min_dist and spread.
    double a = 0.0, b = 0.0;
};

class Umap {
public:
    explicit Umap(UmapOptions options = {});

    // Fits on the rows of `data` and returns the n x n_components embedding. Throws Error on bad
    // options or input (NaN/inf, fewer than 3 points, n_components >= n, ...). On error the object
    // keeps its previous state. With n <= n_neighbors it uses n - 1 neighbours and warns, as
    // umap-learn does (its _n_neighbors; options().n_neighbors keeps the asked-for value).
    // `target`: one categorical label per row (-1 = unknown), for supervised / semi-supervised
    // UMAP as umap-learn's fit(X, y) with target_metric="categorical".
    Matrix fit_transform(const MatrixView& data, const Progress& progress = {}, const std::vector<int>* target = nullptr);
    void fit(const MatrixView& data, const Progress& progress = {}) { fit_transform(data, progress); }

    // Embeds new points: exact k-NN into the training data, memberships with local_connectivity - 1,
    // initialised at the membership-weighted mean of the neighbours' embeddings, then
    // n_epochs / 3 epochs (auto: 100, or 30 above 10,000 points) of SGD at learning_rate / 4
    // with the training embedding fixed. Deterministic for the options' seed.
    Matrix transform(const MatrixView& points, const Progress& progress = {}) const;

    bool fitted() const { return fitted_; }
    const UmapOptions& options() const { return options_; }
    // The neighbours the fit used (and transform uses): n_neighbors, or n - 1 for a smaller fit.
    std::size_t n_neighbors() const { return n_neighbors_; }
    const Matrix& embedding() const { return embedding_; }
    const CsrMatrix<float>& graph() const { return graph_; }  // the fuzzy simplicial set
    const KnnGraph& knn() const { return knn_; }
    const SmoothKnn& smooth_knn() const { return smooth_; }
    double a() const { return a_; }
    double b() const { return b_; }
    // "spectral" or "random" (random when asked for, or when the eigen solve failed).
    const std::string& init_used() const { return init_used_; }
    // Messages umap-learn would print as warnings (e.g. the spectral fallback).
    const std::vector<std::string>& warnings() const { return warnings_; }

private:
    UmapOptions options_;
    bool fitted_ = false;
    std::size_t n_neighbors_ = 0;
    Matrix data_;  // training rows (transform needs them for the k-NN search)
    Matrix embedding_;
    CsrMatrix<float> graph_;
    KnnGraph knn_;
    SmoothKnn smooth_;
    double a_ = 0.0, b_ = 0.0;
    std::string init_used_;
    std::vector<std::string> warnings_;
};

// BERTopic's UMAP: UMAP(n_neighbors=15, n_components=5, min_dist=0.0, metric='cosine'), seed 42.
UmapOptions bertopic_umap_options();

// Throws Error naming the first invalid option.
void validate(const UmapOptions& options);

// umap-learn's warning when a fit has no more points than n_neighbors (then n - 1 are used), with
// the numbers: what Umap::warnings() holds and TopicModel passes on to the caller.
std::string neighbors_truncated_warning(std::size_t n_neighbors, std::size_t n);

}  // namespace topicwasm
