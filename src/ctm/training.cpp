#include "ctm/training.hpp"

#include <Eigen/Core>
#include <algorithm>

namespace topicwasm::ctm {

namespace {

// torch.optim.SGD(params, lr, momentum) with dampening 0, weight decay 0, no Nesterov.
void sgd_step(Network<float>& net, double lr, double momentum) {
    using Arr = Eigen::Array<float, Eigen::Dynamic, 1>;
    const float mu = float(momentum), step = float(lr);
    net.update_trainable([&](Param<float>& p, std::size_t i0, std::size_t i1) {
        const Eigen::Index n = Eigen::Index(i1 - i0);
        Eigen::Map<Arr> w(p.w.data() + i0, n), buf(p.m.data() + i0, n);
        Eigen::Map<const Arr> g(p.g.data() + i0, n);
        buf = mu * buf + g;
        w -= step * buf;
    });
}

}  // namespace

void optimizer_step(Network<float>& net, const OptimizerSettings& s, double lr, int64_t step) {
    if (s.solver == Solver::Sgd) sgd_step(net, lr, s.momentum);
    else net.adam_step(lr, s.momentum, s.beta2, s.eps, step);
}

double PlateauScheduler::step(double metric, double lr) {
    // torch: is_better(a, best) = a < best * (1 - threshold) in 'min' / 'rel' mode; the learning
    // rate drops once num_bad_epochs > patience, and the count restarts (cooldown 0).
    if (metric < best_ * (1.0 - kThreshold)) {
        best_ = metric;
        bad_epochs_ = 0;
    } else {
        ++bad_epochs_;
    }
    if (bad_epochs_ > kPatience) {
        bad_epochs_ = 0;
        const double reduced = std::max(lr * kFactor, kMinLr);
        if (lr - reduced > kEps) return reduced;
    }
    return lr;
}

EarlyStopping::Outcome EarlyStopping::update(double validation_loss) {
    const double score = -validation_loss;
    if (have_best_ && score < best_score_ + delta_) {
        return ++counter_ >= patience_ ? Outcome::Stop : Outcome::NotImproved;
    }
    have_best_ = true;
    best_score_ = score;
    counter_ = 0;
    return Outcome::Improved;
}

}  // namespace topicwasm::ctm
