#pragma once
// Test helpers for hdbscan_test / kmeans_test: raw little-endian fixture loading and the adjusted
// Rand index (Hubert & Arabie 1985), written here so the tests do not depend on src/eval.
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace hdbscan_fixture {

template <class T>
inline std::vector<T> load_raw(const std::string& name) {
    std::string path = std::string(TOPICWASM_FIXTURES) + "/brown/" + name;
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("missing fixture " + path);
    std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::vector<T> out(bytes.size() / sizeof(T));
    std::copy(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(out.size() * sizeof(T)),
              reinterpret_cast<char*>(out.data()));
    return out;
}

inline double choose2(double x) { return x * (x - 1.0) / 2.0; }

// Adjusted Rand index of two labelings (noise -1 is treated as one more label, as sklearn does).
inline double adjusted_rand_index(const std::vector<int32_t>& a, const std::vector<int32_t>& b) {
    std::map<std::pair<int32_t, int32_t>, double> joint;
    std::map<int32_t, double> ca, cb;
    for (std::size_t i = 0; i < a.size(); ++i) {
        joint[{a[i], b[i]}] += 1;
        ca[a[i]] += 1;
        cb[b[i]] += 1;
    }
    double sum_joint = 0, sum_a = 0, sum_b = 0;
    for (auto& [k, v] : joint) sum_joint += choose2(v);
    for (auto& [k, v] : ca) sum_a += choose2(v);
    for (auto& [k, v] : cb) sum_b += choose2(v);
    double expected = sum_a * sum_b / choose2(static_cast<double>(a.size()));
    double max_index = 0.5 * (sum_a + sum_b);
    if (max_index == expected) return 1.0;
    return (sum_joint - expected) / (max_index - expected);
}

// For each label of `ours`, the label of `ref` most of its points carry (noise maps to noise).
inline std::map<int32_t, int32_t> majority_map(const std::vector<int32_t>& ours, const std::vector<int32_t>& ref) {
    std::map<int32_t, std::map<int32_t, int>> counts;
    for (std::size_t i = 0; i < ours.size(); ++i) counts[ours[i]][ref[i]]++;
    std::map<int32_t, int32_t> out;
    for (auto& [l, m] : counts) {
        int best = -1;
        int32_t arg = -1;
        for (auto& [r, c] : m)
            if (c > best) {
                best = c;
                arg = r;
            }
        out[l] = l < 0 ? -1 : arg;
    }
    return out;
}

}  // namespace hdbscan_fixture
