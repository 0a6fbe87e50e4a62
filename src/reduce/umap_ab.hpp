#pragma once
// umap-learn's find_ab_params: fit the embedding-space membership curve 1 / (1 + a x^(2b)) to
//   y(x) = 1 for x < min_dist, exp(-(x - min_dist) / spread) otherwise
// on 300 points of [0, 3 * spread] by nonlinear least squares (scipy's curve_fit uses
// Levenberg-Marquardt from p0 = (1, 1); so do we, with an analytic Jacobian).
#include <utility>

namespace topicwasm {

// Returns {a, b}. Throws Error unless 0 <= min_dist <= spread and spread > 0.
std::pair<double, double> find_ab_params(double spread, double min_dist);

}  // namespace topicwasm
