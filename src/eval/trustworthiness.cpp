#include "eval/trustworthiness.hpp"

#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/thread_pool.hpp"
#include "neighbors/knn.hpp"

namespace topicwasm {

double trustworthiness(const MatrixView& input, const MatrixView& embedded, std::size_t n_neighbors,
                       Metric input_metric) {
    const std::size_t n = input.rows;
    require(embedded.rows == n, "trustworthiness: input has " + std::to_string(n) + " rows, the embedding " +
                                    std::to_string(embedded.rows));
    require(n_neighbors >= 1, "trustworthiness: n_neighbors must be >= 1");
    require(2 * n_neighbors < n, "trustworthiness: n_neighbors (" + std::to_string(n_neighbors) +
                                     ") must be < n_samples / 2 (" + std::to_string(n) + " samples)");
    require_finite(input, "trustworthiness input");
    require_finite(embedded, "trustworthiness embedding");

    // Embedding neighbours (self excluded: column 0 of our k-NN rows is the point itself).
    KnnGraph emb_knn = exact_knn(embedded, n_neighbors + 1, Metric::euclidean);
    Matrix normed;
    MatrixView x = input;
    if (input_metric == Metric::cosine) {
        normed = normalized_rows(input);
        x = normed.view();
    }
    const std::size_t workers = workers_for(n, 16);
    std::vector<double> partial(workers, 0.0);
    parallel_for(n, [&](std::size_t begin, std::size_t end, std::size_t w) {
        std::vector<float> dist(n);
        double sum = 0.0;
        for (std::size_t i = begin; i < end; ++i) {
            for (std::size_t j = 0; j < n; ++j) dist[j] = search_distance(input_metric, x.row(i), x.row(j), x.cols);
            for (std::size_t t = 1; t <= n_neighbors; ++t) {
                const uint32_t j = emb_knn.row_indices(i)[t];
                const float dj = dist[j];
                std::size_t rank = 1;  // 1 + points (other than i) strictly closer, or tied with a smaller index
                for (std::size_t l = 0; l < n; ++l) {
                    if (l == i) continue;
                    rank += dist[l] < dj || (dist[l] == dj && l < j);
                }
                if (rank > n_neighbors) sum += static_cast<double>(rank - n_neighbors);
            }
        }
        partial[w] = sum;
    }, 16);
    double total = 0.0;
    for (double s : partial) total += s;
    const double nd = static_cast<double>(n), kd = static_cast<double>(n_neighbors);
    return 1.0 - total * (2.0 / (nd * kd * (2.0 * nd - 3.0 * kd - 1.0)));
}

}  // namespace topicwasm
