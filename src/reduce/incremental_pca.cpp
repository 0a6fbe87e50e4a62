#include "reduce/incremental_pca.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <string>

#include "core/error.hpp"
#include "neighbors/distance.hpp"

namespace topicwasm {

namespace {
using RowMajor = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
}

void IncrementalPca::partial_fit(const MatrixView& batch) {
    const std::size_t n = batch.rows, d = batch.cols;
    require(n >= 1 && d >= 1, "IncrementalPCA: the batch is empty");
    require(!fitted() || d == mean_.size(), "IncrementalPCA: the batch has " + std::to_string(d) +
                                                " columns, earlier batches had " + std::to_string(mean_.size()));
    require_finite(batch, "IncrementalPCA input");
    // sklearn fixes n_components at the first batch (None: min(rows, columns) of that batch).
    const std::size_t k = fitted() ? components_.rows : options_.n_components ? options_.n_components : std::min(n, d);
    require(k <= d, "IncrementalPCA: n_components (" + std::to_string(k) + ") must be <= the number of columns (" +
                        std::to_string(d) + ")");
    require(k <= n, "IncrementalPCA: n_components (" + std::to_string(k) +
                        ") must be <= the number of rows in every batch, got a batch of " + std::to_string(n));

    const auto rows = static_cast<Eigen::Index>(n), cols = static_cast<Eigen::Index>(d);
    RowMajor x = Eigen::Map<const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(batch.data, rows, cols)
                     .cast<double>();
    Eigen::RowVectorXd batch_mean = x.colwise().mean();
    Eigen::RowVectorXd batch_var = (x.rowwise() - batch_mean).array().square().colwise().sum() / static_cast<double>(n);

    // sklearn's _incremental_mean_and_var (Chan, Golub & LeVeque 1983): combine the sums of squares.
    const double seen = static_cast<double>(samples_seen_), total = seen + static_cast<double>(n);
    Eigen::RowVectorXd old_mean(cols), old_var(cols);
    for (Eigen::Index j = 0; j < cols; ++j) {
        old_mean(j) = fitted() ? mean_[static_cast<std::size_t>(j)] : 0.0;
        old_var(j) = fitted() ? var_[static_cast<std::size_t>(j)] : 0.0;
    }
    Eigen::RowVectorXd new_mean = (old_mean * seen + batch_mean * static_cast<double>(n)) / total;
    Eigen::RowVectorXd delta = batch_mean - old_mean;
    Eigen::RowVectorXd new_var =
        (old_var * seen + batch_var * static_cast<double>(n) + delta.array().square().matrix() * (seen * static_cast<double>(n) / total)) /
        total;

    // The stacked matrix whose SVD gives the updated components (Ross et al. 2008, sklearn).
    RowMajor stacked;
    if (!fitted()) {
        stacked = x.rowwise() - batch_mean;
    } else {
        const auto kk = static_cast<Eigen::Index>(k);
        stacked.resize(kk + rows + 1, cols);
        for (Eigen::Index c = 0; c < kk; ++c)
            for (Eigen::Index j = 0; j < cols; ++j)
                stacked(c, j) = singular_values_[static_cast<std::size_t>(c)] * components_d_[static_cast<std::size_t>(c * cols + j)];
        stacked.block(kk, 0, rows, cols) = x.rowwise() - batch_mean;
        stacked.row(kk + rows) = std::sqrt(seen * static_cast<double>(n) / total) * (old_mean - batch_mean);
    }
    Eigen::BDCSVD<Eigen::MatrixXd> svd(Eigen::MatrixXd(stacked), Eigen::ComputeThinV);
    require(svd.info() == Eigen::Success, "IncrementalPCA: SVD failed");
    const Eigen::VectorXd& s = svd.singularValues();  // descending
    Eigen::MatrixXd v = svd.matrixV();                 // d x r, columns are the right singular vectors
    require(static_cast<std::size_t>(s.size()) >= k, "IncrementalPCA: the batch has too few rows for n_components");

    // svd_flip(u_based_decision=False): the largest-|.| entry of each component is positive.
    for (Eigen::Index c = 0; c < static_cast<Eigen::Index>(k); ++c) {
        Eigen::Index arg;
        v.col(c).cwiseAbs().maxCoeff(&arg);
        if (v(arg, c) < 0) v.col(c) *= -1.0;
    }
    double total_var = new_var.sum() * total;  // sklearn: S**2 / sum(col_var * n_total)
    std::vector<double> components_d(k * d), singular(k), explained(k), ratio(k);
    Matrix components(k, d);
    for (std::size_t c = 0; c < k; ++c) {
        const auto ci = static_cast<Eigen::Index>(c);
        for (std::size_t j = 0; j < d; ++j) {
            components_d[c * d + j] = v(static_cast<Eigen::Index>(j), ci);
            components(c, j) = static_cast<float>(components_d[c * d + j]);
        }
        singular[c] = s(ci);
        explained[c] = total > 1 ? s(ci) * s(ci) / (total - 1.0) : 0.0;
        ratio[c] = total_var > 0 ? s(ci) * s(ci) / total_var : 0.0;
    }
    // Everything computed: only now does the model change.
    samples_seen_ += n;
    mean_.assign(new_mean.data(), new_mean.data() + d);
    var_.assign(new_var.data(), new_var.data() + d);
    components_d_ = std::move(components_d);
    components_ = std::move(components);
    singular_values_ = std::move(singular);
    explained_variance_ = std::move(explained);
    explained_variance_ratio_ = std::move(ratio);
}

Matrix IncrementalPca::transform(const MatrixView& data) const {
    require(fitted(), "IncrementalPCA transform called before partial_fit");
    require(data.cols == mean_.size(), "IncrementalPCA transform input has " + std::to_string(data.cols) +
                                           " columns, the model was fitted on " + std::to_string(mean_.size()));
    require_finite(data, "IncrementalPCA transform input");
    const std::size_t k = components_.rows, d = data.cols;
    Matrix out(data.rows, k);
    for (std::size_t i = 0; i < data.rows; ++i)
        for (std::size_t c = 0; c < k; ++c) {
            double sum = 0.0;
            for (std::size_t j = 0; j < d; ++j) sum += (static_cast<double>(data(i, j)) - mean_[j]) * components_d_[c * d + j];
            out(i, c) = static_cast<float>(sum);
        }
    return out;
}

}  // namespace topicwasm
