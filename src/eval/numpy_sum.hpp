#pragma once
// numpy's pairwise summation (numpy/core/src/umath/loops_utils.h.src), which np.sum and np.mean
// use on contiguous float64 arrays. The Python references average tens to tens of thousands of
// values; summing in numpy's order keeps our results within an ulp or two of theirs.
#include <cstddef>
#include <limits>
#include <vector>

namespace topicwasm::detail {

inline double numpy_pairwise_sum(const double* a, std::size_t n) {
    if (n < 8) {
        double res = 0.0;
        for (std::size_t i = 0; i < n; ++i) res += a[i];
        return res;
    }
    if (n <= 128) {  // PW_BLOCKSIZE: eight running sums, combined as a tree
        double r[8];
        for (std::size_t j = 0; j < 8; ++j) r[j] = a[j];
        std::size_t i = 8;
        for (; i < n - (n % 8); i += 8)
            for (std::size_t j = 0; j < 8; ++j) r[j] += a[i + j];
        double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for (; i < n; ++i) res += a[i];
        return res;
    }
    std::size_t n2 = n / 2;
    n2 -= n2 % 8;
    return numpy_pairwise_sum(a, n2) + numpy_pairwise_sum(a + n2, n - n2);
}

// np.mean: NaN for an empty array (numpy warns and returns nan).
inline double numpy_mean(const std::vector<double>& values) {
    if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
    return numpy_pairwise_sum(values.data(), values.size()) / static_cast<double>(values.size());
}

}  // namespace topicwasm::detail
