#include "reduce/pca.hpp"

#include <Eigen/Dense>
#include <cmath>
#include <string>

#include "core/error.hpp"
#include "neighbors/distance.hpp"

namespace topicwasm {

Matrix Pca::fit_transform(const MatrixView& data) {
    const std::size_t n = data.rows, d = data.cols, k = options_.n_components;
    require(n >= 2, "PCA needs at least 2 rows");
    require(k >= 1, "PCA n_components must be >= 1");
    require(k <= d, "PCA nComponents (" + std::to_string(k) + ") is above the input's dimension (" + std::to_string(d) +
                        " columns): PCA cannot make more dimensions than it is given");
    require(k <= n, "PCA nComponents (" + std::to_string(k) + ") is above the number of rows (" + std::to_string(n) + ")");
    require_finite(data, "PCA input");

    Eigen::Map<const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>> x(
        data.data, static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(d));
    Eigen::RowVectorXd mean = x.cast<double>().colwise().mean();
    Eigen::MatrixXd centred = x.cast<double>().rowwise() - mean;
    Eigen::MatrixXd cov = (centred.transpose() * centred) / static_cast<double>(n - 1);
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(cov);
    require(eig.info() == Eigen::Success, "PCA eigen decomposition failed");

    const auto dd = static_cast<Eigen::Index>(d);
    Eigen::MatrixXd axes(dd, static_cast<Eigen::Index>(k));  // descending variance
    for (std::size_t c = 0; c < k; ++c) axes.col(static_cast<Eigen::Index>(c)) = eig.eigenvectors().col(dd - 1 - static_cast<Eigen::Index>(c));
    Eigen::MatrixXd scores = centred * axes;
    for (Eigen::Index c = 0; c < scores.cols(); ++c) {
        Eigen::Index arg;
        scores.col(c).cwiseAbs().maxCoeff(&arg);
        if (scores(arg, c) < 0) {
            scores.col(c) *= -1.0;
            axes.col(c) *= -1.0;
        }
    }
    double total = std::max(0.0, eig.eigenvalues().sum());
    mean_.assign(d, 0.0f);
    for (std::size_t j = 0; j < d; ++j) mean_[j] = static_cast<float>(mean(static_cast<Eigen::Index>(j)));
    components_ = Matrix(k, d);
    explained_variance_.assign(k, 0.0);
    explained_variance_ratio_.assign(k, 0.0);
    for (std::size_t c = 0; c < k; ++c) {
        for (std::size_t j = 0; j < d; ++j)
            components_(c, j) = static_cast<float>(axes(static_cast<Eigen::Index>(j), static_cast<Eigen::Index>(c)));
        double var = std::max(0.0, eig.eigenvalues()(dd - 1 - static_cast<Eigen::Index>(c)));
        explained_variance_[c] = var;
        explained_variance_ratio_[c] = total > 0.0 ? var / total : 0.0;
    }
    Matrix out(n, k);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t c = 0; c < k; ++c)
            out(i, c) = static_cast<float>(scores(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(c)));
    return out;
}

Matrix Pca::transform(const MatrixView& data) const {
    require(fitted(), "PCA transform called before fit");
    require(data.cols == mean_.size(), "PCA transform input has " + std::to_string(data.cols) +
                                           " columns, the model was fitted on " + std::to_string(mean_.size()));
    require_finite(data, "PCA transform input");
    Matrix out(data.rows, components_.rows);
    for (std::size_t i = 0; i < data.rows; ++i)
        for (std::size_t c = 0; c < components_.rows; ++c) {
            double s = 0.0;
            for (std::size_t j = 0; j < data.cols; ++j) s += (static_cast<double>(data(i, j)) - mean_[j]) * components_(c, j);
            out(i, c) = static_cast<float>(s);
        }
    return out;
}

}  // namespace topicwasm
