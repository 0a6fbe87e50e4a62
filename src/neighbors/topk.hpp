#pragma once
// A fixed-capacity list of the best (smallest distance) candidates, kept sorted. Ties are broken by
// the smaller index so results never depend on the order candidates arrive in (and therefore not
// on thread count). k is small (15-100), so sorted insertion beats a heap.
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace topicwasm {

class TopK {
public:
    explicit TopK(std::size_t k = 0) { reset(k); }

    void reset(std::size_t k) {
        k_ = k;
        size_ = 0;
        dist_.assign(k, std::numeric_limits<float>::infinity());
        idx_.assign(k, UINT32_MAX);
    }

    // The distance a candidate must beat to enter (infinity while not full).
    float bound() const { return size_ < k_ ? std::numeric_limits<float>::infinity() : dist_[k_ - 1]; }

    static bool better(float da, uint32_t ia, float db, uint32_t ib) { return da < db || (da == db && ia < ib); }

    void push(float d, uint32_t index) {
        if (k_ == 0) return;
        if (size_ == k_ && !better(d, index, dist_[k_ - 1], idx_[k_ - 1])) return;
        std::size_t pos = size_ < k_ ? size_++ : k_ - 1;
        while (pos > 0 && better(d, index, dist_[pos - 1], idx_[pos - 1])) {
            dist_[pos] = dist_[pos - 1];
            idx_[pos] = idx_[pos - 1];
            --pos;
        }
        dist_[pos] = d;
        idx_[pos] = index;
    }

    std::size_t size() const { return size_; }
    float distance(std::size_t i) const { return dist_[i]; }
    uint32_t index(std::size_t i) const { return idx_[i]; }

private:
    std::size_t k_ = 0, size_ = 0;
    std::vector<float> dist_;
    std::vector<uint32_t> idx_;
};

}  // namespace topicwasm
