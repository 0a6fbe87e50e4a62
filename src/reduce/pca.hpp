#pragma once
// PCA as sklearn.decomposition.PCA (full SVD solver) computes it: centre the columns, project on
// the top n_components principal axes. We diagonalise the d x d covariance in double precision
// (d = 384 for MiniLM embeddings, far cheaper than an n x d SVD) and fix each component's sign as
// sklearn's svd_flip does (u-based): the projected coordinate with the largest magnitude in each
// component is positive.
#include <cstddef>
#include <vector>

#include "core/matrix.hpp"

namespace topicwasm {

struct PcaOptions {
    std::size_t n_components = 2;
};

class Pca {
public:
    explicit Pca(PcaOptions options = {}) : options_(options) {}

    // Throws Error on NaN/inf, fewer than 2 rows, or n_components > min(n, d).
    Matrix fit_transform(const MatrixView& data);
    void fit(const MatrixView& data) { fit_transform(data); }
    Matrix transform(const MatrixView& data) const;

    bool fitted() const { return !mean_.empty(); }
    const std::vector<float>& mean() const { return mean_; }
    const Matrix& components() const { return components_; }  // n_components x d, unit rows
    const std::vector<double>& explained_variance() const { return explained_variance_; }
    const std::vector<double>& explained_variance_ratio() const { return explained_variance_ratio_; }

private:
    PcaOptions options_;
    std::vector<float> mean_;
    Matrix components_;
    std::vector<double> explained_variance_, explained_variance_ratio_;
};

}  // namespace topicwasm
