#pragma once
// Incremental PCA as sklearn.decomposition.IncrementalPCA.partial_fit computes it (Ross, Lim, Lin &
// Yang 2008, "Incremental Learning for Robust Visual Tracking", with the mean update of their
// Sec. 3.1): the running column mean and variance are updated with Chan et al.'s pairwise formula,
// and each batch is folded into the model by an SVD of the stacked matrix
//     [ diag(singular_values) * components ;  X - batch_mean ;  sqrt(n_seen * n_batch / n_total) * (mean - batch_mean) ]
// whose top right singular vectors are the new components. The first batch is just centred. Signs
// follow sklearn's svd_flip(u_based_decision=False): each component's largest-magnitude entry is
// positive. When everything arrives in one batch this is exactly PCA.
#include <cstddef>
#include <vector>

#include "core/matrix.hpp"

namespace topicwasm {

struct IncrementalPcaOptions {
    // sklearn's n_components=None keeps min(batch rows, columns) of the first batch; 0 means that.
    // BERTopic's online example uses IncrementalPCA(n_components=5).
    std::size_t n_components = 0;
};

class IncrementalPca {
public:
    explicit IncrementalPca(IncrementalPcaOptions options = {}) : options_(options) {}

    // Folds one batch in. Throws Error (model unchanged) on NaN/inf, a column count that differs
    // from the first batch, or a batch with fewer rows than n_components (as sklearn).
    void partial_fit(const MatrixView& batch);
    Matrix transform(const MatrixView& data) const;  // (x - mean) * components^T

    bool fitted() const { return samples_seen_ > 0; }
    std::size_t samples_seen() const { return samples_seen_; }
    std::size_t n_components() const { return components_.rows; }
    const std::vector<double>& mean() const { return mean_; }
    const std::vector<double>& variance() const { return var_; }  // per column, population variance
    const Matrix& components() const { return components_; }     // n_components x d, unit rows
    const std::vector<double>& singular_values() const { return singular_values_; }
    const std::vector<double>& explained_variance() const { return explained_variance_; }
    const std::vector<double>& explained_variance_ratio() const { return explained_variance_ratio_; }

private:
    IncrementalPcaOptions options_;
    std::size_t samples_seen_ = 0;
    std::vector<double> mean_, var_;
    Matrix components_;
    std::vector<double> components_d_;  // the components in double, for the next batch's SVD
    std::vector<double> singular_values_, explained_variance_, explained_variance_ratio_;
};

}  // namespace topicwasm
