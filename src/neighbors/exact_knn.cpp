// Exact k-NN by brute force: every query against every data row, tiled so a block of data rows
// stays in cache while a block of queries scans it. O(n^2 d); umap-learn uses it below 4,096 points.
#include <algorithm>
#include <string>

#include "core/error.hpp"
#include "core/thread_pool.hpp"
#include "neighbors/knn.hpp"
#include "neighbors/topk.hpp"

namespace topicwasm {

namespace {

constexpr std::size_t kQueryBlock = 16;
constexpr std::size_t kDataBlock = 256;

// Core scan. When `skip_self` the query i is data row i: it is left out of the scan and put first
// at distance 0 afterwards (umap-learn's graphs always start with the point itself).
KnnGraph scan(const MatrixView& data, const MatrixView& queries, std::size_t k, Metric metric, bool skip_self) {
    KnnGraph out;
    out.n = queries.rows;
    out.k = k;
    out.indices.assign(out.n * k, 0);
    out.distances.assign(out.n * k, 0.0f);
    const std::size_t search_k = skip_self ? k - 1 : k;
    const std::size_t dim = data.cols;
    const std::size_t n_blocks = (queries.rows + kQueryBlock - 1) / kQueryBlock;

    parallel_for(n_blocks, [&](std::size_t begin, std::size_t end, std::size_t) {
        std::vector<TopK> best(kQueryBlock, TopK(search_k));
        for (std::size_t qb = begin; qb < end; ++qb) {
            const std::size_t q0 = qb * kQueryBlock, q1 = std::min(queries.rows, q0 + kQueryBlock);
            for (std::size_t q = q0; q < q1; ++q) best[q - q0].reset(search_k);
            for (std::size_t d0 = 0; d0 < data.rows; d0 += kDataBlock) {
                const std::size_t d1 = std::min(data.rows, d0 + kDataBlock);
                for (std::size_t q = q0; q < q1; ++q) {
                    TopK& top = best[q - q0];
                    const float* qrow = queries.row(q);
                    for (std::size_t j = d0; j < d1; ++j) {
                        if (skip_self && j == q) continue;
                        float d = search_distance(metric, qrow, data.row(j), dim);
                        if (d <= top.bound()) top.push(d, static_cast<uint32_t>(j));
                    }
                }
            }
            for (std::size_t q = q0; q < q1; ++q) {
                const TopK& top = best[q - q0];
                uint32_t* idx = out.indices.data() + q * k;
                float* dist = out.distances.data() + q * k;
                std::size_t pos = 0;
                if (skip_self) {
                    idx[0] = static_cast<uint32_t>(q);
                    dist[0] = 0.0f;
                    pos = 1;
                }
                for (std::size_t t = 0; t < top.size(); ++t, ++pos) {
                    idx[pos] = top.index(t);
                    dist[pos] = reported_distance(metric, top.distance(t));
                }
            }
        }
    });
    return out;
}

}  // namespace

KnnGraph exact_knn(const MatrixView& data, std::size_t k, Metric metric) {
    require(k >= 1, "k-NN needs k >= 1");
    require(k <= data.rows, "k-NN needs k <= number of points (k = " + std::to_string(k) +
                                ", points = " + std::to_string(data.rows) + ")");
    require_finite(data, "k-NN input");
    if (metric == Metric::cosine) {
        Matrix normed = normalized_rows(data);
        return scan(normed.view(), normed.view(), k, metric, true);
    }
    return scan(data, data, k, metric, true);
}

KnnGraph exact_knn_query(const MatrixView& data, const MatrixView& queries, std::size_t k, Metric metric) {
    require(k >= 1, "k-NN needs k >= 1");
    require(k <= data.rows, "k-NN query needs k <= number of data points (k = " + std::to_string(k) +
                                ", points = " + std::to_string(data.rows) + ")");
    require(queries.cols == data.cols, "k-NN query has " + std::to_string(queries.cols) +
                                           " columns but the data has " + std::to_string(data.cols));
    require_finite(data, "k-NN data");
    require_finite(queries, "k-NN queries");
    if (metric == Metric::cosine) {
        Matrix nd = normalized_rows(data), nq = normalized_rows(queries);
        return scan(nd.view(), nq.view(), k, metric, false);
    }
    return scan(data, queries, k, metric, false);
}

double knn_recall(const KnnGraph& approx, const KnnGraph& exact, const std::vector<std::size_t>& rows) {
    require(approx.k >= exact.k, "knn_recall: approximate graph has fewer neighbours than the exact one");
    const std::size_t n_rows = rows.empty() ? exact.n : rows.size();
    require(n_rows == exact.n, "knn_recall: exact graph rows do not match the row list");
    std::size_t found = 0, total = 0;
    for (std::size_t r = 0; r < n_rows; ++r) {
        const std::size_t i = rows.empty() ? r : rows[r];
        require(i < approx.n, "knn_recall: row index out of range");
        const uint32_t* a = approx.row_indices(i);
        const uint32_t* e = exact.row_indices(r);
        for (std::size_t t = 0; t < exact.k; ++t) {
            if (e[t] == i) continue;
            ++total;
            for (std::size_t s = 0; s < exact.k; ++s)
                if (a[s] == e[t]) {
                    ++found;
                    break;
                }
        }
    }
    return total == 0 ? 1.0 : static_cast<double>(found) / static_cast<double>(total);
}

}  // namespace topicwasm
