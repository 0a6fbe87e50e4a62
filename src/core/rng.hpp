#pragma once
// PCG32 (O'Neill 2014, pcg-random.org, "XSH RR" output): small, fast, and identical on every
// platform, so a seed gives the same stream natively and in wasm. Algorithms that run in parallel
// derive one generator per work item (seed, item index) so results do not depend on thread count.
#include <cstdint>

namespace topicwasm {

class Rng {
public:
    explicit Rng(uint64_t seed = 42, uint64_t stream = 0) : inc_((stream << 1u) | 1u) {
        next();
        state_ += seed;
        next();
    }

    uint32_t next() {
        uint64_t old = state_;
        state_ = old * 6364136223846793005ULL + inc_;
        auto xorshifted = static_cast<uint32_t>(((old >> 18u) ^ old) >> 27u);
        auto rot = static_cast<uint32_t>(old >> 59u);
        return (xorshifted >> rot) | (xorshifted << ((-rot) & 31u));
    }

    // Uniform integer in [0, bound) without modulo bias (Lemire's rejection on the low bits).
    uint32_t below(uint32_t bound) {
        uint32_t threshold = (-bound) % bound;
        for (;;) {
            uint32_t r = next();
            if (r >= threshold) return r % bound;
        }
    }

    // Uniform float in [0, 1) with 24 random bits.
    float uniform() { return static_cast<float>(next() >> 8) * (1.0f / 16777216.0f); }

    // Uniform double in [0, 1) with 53 random bits.
    double uniform_double() {
        uint64_t hi = next() >> 5, lo = next() >> 6;
        return static_cast<double>(hi * 67108864ULL + lo) * (1.0 / 9007199254740992.0);
    }

private:
    uint64_t state_ = 0;
    uint64_t inc_;
};

}  // namespace topicwasm
