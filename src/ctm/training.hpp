#pragma once
// CTM's training schedule pieces, each a small state machine the fit loop (ctm_fit.cpp) drives:
// - the optimizer step: torch.optim.Adam (betas (momentum, beta2)) or torch.optim.SGD with momentum,
//   as CTM 2.6's CTM.__init__ builds them from `solver`, `lr` and `momentum` (models/ctm.py);
// - PlateauScheduler: torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, patience=10) with its
//   other defaults (mode 'min', factor 0.1, threshold 1e-4 relative, cooldown 0, min_lr 0,
//   eps 1e-8), stepped once per epoch on the training loss;
// - EarlyStopping: CTM's utils/early_stopping/early_stopping.py (after Bjarten's
//   early-stopping-pytorch) on the validation loss with `patience` and `delta`.
#include <cstddef>
#include <cstdint>
#include <limits>

#include "ctm/network.hpp"

namespace topicwasm::ctm {

enum class Solver { Adam, Sgd };

struct OptimizerSettings {
    Solver solver = Solver::Adam;
    double momentum = 0.99;  // Adam: beta1; SGD: the momentum factor
    double beta2 = 0.99;     // Adam only
    double eps = 1e-8;       // Adam only
};

// One parameter update with learning rate lr; `step` is the 1-based count of updates so far (Adam's
// bias correction). SGD keeps its momentum buffer in Param::m: buf = momentum * buf + g (torch's
// dampening 0, no Nesterov; the first step's buffer is g itself, which is the same since buf
// starts at 0), then w -= lr * buf.
void optimizer_step(Network<float>& net, const OptimizerSettings& settings, double lr, int64_t step);

// torch's ReduceLROnPlateau in mode 'min' with threshold_mode 'rel'.
class PlateauScheduler {
public:
    static constexpr std::size_t kPatience = 10;  // CTM: ReduceLROnPlateau(optimizer, patience=10)
    static constexpr double kFactor = 0.1;
    static constexpr double kThreshold = 1e-4;
    static constexpr double kMinLr = 0.0;
    static constexpr double kEps = 1e-8;

    // Records one epoch's metric and returns the learning rate for the next epoch.
    double step(double metric, double lr);
    std::size_t bad_epochs() const { return bad_epochs_; }

private:
    double best_ = std::numeric_limits<double>::infinity();
    std::size_t bad_epochs_ = 0;
};

// CTM's EarlyStopping: the first loss is the best; later a loss counts as an improvement unless
// -loss < -best + delta (that is, unless loss > best - delta); `patience` epochs in a row without
// improvement stop training.
class EarlyStopping {
public:
    enum class Outcome { Improved, NotImproved, Stop };

    EarlyStopping(std::size_t patience, double delta) : patience_(patience), delta_(delta) {}
    Outcome update(double validation_loss);
    double best_loss() const { return -best_score_; }

private:
    std::size_t patience_;
    double delta_;
    bool have_best_ = false;
    double best_score_ = 0;
    std::size_t counter_ = 0;
};

}  // namespace topicwasm::ctm
