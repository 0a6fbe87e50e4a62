#include "reduce/umap_ab.hpp"

#include <cmath>
#include <vector>

#include "core/error.hpp"

namespace topicwasm {

std::pair<double, double> find_ab_params(double spread, double min_dist) {
    require(std::isfinite(spread) && spread > 0.0, "UMAP spread must be > 0");
    require(std::isfinite(min_dist) && min_dist >= 0.0, "UMAP min_dist must be >= 0");
    require(min_dist <= spread, "UMAP min_dist must be <= spread");
    constexpr int kPoints = 300;
    std::vector<double> xs(kPoints), ys(kPoints);
    for (int i = 0; i < kPoints; ++i) {
        xs[i] = spread * 3.0 * i / (kPoints - 1);  // np.linspace(0, spread * 3, 300)
        ys[i] = xs[i] < min_dist ? 1.0 : std::exp(-(xs[i] - min_dist) / spread);
    }
    auto cost = [&](double a, double b) {
        double s = 0.0;
        for (int i = 0; i < kPoints; ++i) {
            double r = 1.0 / (1.0 + a * std::pow(xs[i], 2.0 * b)) - ys[i];
            s += r * r;
        }
        return s;
    };
    double a = 1.0, b = 1.0, lambda = 1e-3, current = cost(a, b);
    for (int iter = 0; iter < 1000; ++iter) {
        // Normal equations J^T J delta = -J^T r for the two parameters.
        double jaa = 0, jab = 0, jbb = 0, ga = 0, gb = 0;
        for (int i = 0; i < kPoints; ++i) {
            double x = xs[i];
            double p = x > 0.0 ? std::pow(x, 2.0 * b) : 0.0;
            double denom = 1.0 + a * p;
            double f = 1.0 / denom, r = f - ys[i];
            double da = -p / (denom * denom);
            double db = x > 0.0 ? -a * p * 2.0 * std::log(x) / (denom * denom) : 0.0;
            jaa += da * da;
            jab += da * db;
            jbb += db * db;
            ga += da * r;
            gb += db * r;
        }
        bool improved = false;
        for (int tries = 0; tries < 50 && !improved; ++tries) {
            double m11 = jaa * (1.0 + lambda), m22 = jbb * (1.0 + lambda), det = m11 * m22 - jab * jab;
            if (det == 0.0) {
                lambda *= 10.0;
                continue;
            }
            double step_a = -(m22 * ga - jab * gb) / det, step_b = -(m11 * gb - jab * ga) / det;
            double na = a + step_a, nb = b + step_b, next = cost(na, nb);
            if (std::isfinite(next) && next <= current) {
                bool done = std::fabs(step_a) <= 1e-12 * (std::fabs(a) + 1e-12) &&
                            std::fabs(step_b) <= 1e-12 * (std::fabs(b) + 1e-12);
                double rel = current > 0 ? (current - next) / current : 0.0;
                a = na;
                b = nb;
                current = next;
                lambda = std::max(lambda / 10.0, 1e-12);
                improved = true;
                if (done || rel < 1e-15) return {a, b};
            } else {
                lambda *= 10.0;
            }
        }
        if (!improved) break;
    }
    require(std::isfinite(a) && std::isfinite(b), "find_ab_params did not converge");
    return {a, b};
}

}  // namespace topicwasm
