#pragma once
// The one exception type the engine throws. Its message names the bad input so the bindings can
// surface it as a JavaScript Error unchanged (see bindings/errors.hpp).
#include <stdexcept>
#include <string>

namespace topicwasm {

class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message) : std::runtime_error(message) {}
};

// require(cond, "minDf must be <= maxDf") reads better than an if/throw pair at every check.
inline void require(bool condition, const std::string& message) {
    if (!condition) throw Error(message);
}

}  // namespace topicwasm
