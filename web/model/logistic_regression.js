// Multinomial logistic regression: the built-in classifier for supervised topic modeling
// (clusterModel 'logisticRegression', BERTopic's hdbscan_model=LogisticRegression()).
// scikit-learn's problem: minimise 0.5 ||W||^2 + C * sum_i cross-entropy(softmax(W x_i + b), y_i)
// (intercepts not penalised), here divided by C * n. Solved by Nesterov's accelerated gradient
// descent with the fixed step 1 / L, L = max_i ||(x_i, 1)||^2 / 2 + 1 / (C n) bounding the
// Hessian: deterministic (no random state), maxIter full-gradient steps (scikit-learn's lbfgs
// reaches the same optimum in fewer, costlier steps).

export class LogisticRegression {
  #C;
  #maxIter;
  classes_ = null; // the distinct labels, ascending; row k of the weights is classes_[k]
  coef_ = null; // Float64Array K x d
  intercept_ = null; // Float64Array K
  nIter_ = 0;

  constructor({ C = 1.0, maxIter = 100 } = {}) {
    this.#C = C;
    this.#maxIter = maxIter;
  }

  // Scores X W^T + b of row x into out (K).
  #scores(x, W, b, out) {
    const K = out.length, d = x.length;
    for (let k = 0; k < K; ++k) {
      let s = b[k];
      const base = k * d;
      for (let j = 0; j < d; ++j) s += W[base + j] * x[j];
      out[k] = s;
    }
  }

  // The gradient of the objective / (C n) at params [W (K x d), b (K)] into grad; target: class indices.
  #gradient(X, target, params, K, lambda, grad) {
    const n = X.length, d = X[0].length, size = K * d;
    const W = params.subarray(0, size), b = params.subarray(size);
    const scores = new Float64Array(K);
    grad.fill(0);
    for (let i = 0; i < n; ++i) {
      const x = X[i];
      this.#scores(x, W, b, scores);
      let max = -Infinity;
      for (let k = 0; k < K; ++k) max = Math.max(max, scores[k]);
      let sum = 0;
      for (let k = 0; k < K; ++k) sum += (scores[k] = Math.exp(scores[k] - max));
      for (let k = 0; k < K; ++k) {
        const r = (scores[k] / sum - (k === target[i] ? 1 : 0)) / n;
        if (r === 0) continue;
        const base = k * d;
        for (let j = 0; j < d; ++j) grad[base + j] += r * x[j];
        grad[size + k] += r;
      }
    }
    for (let p = 0; p < size; ++p) grad[p] += lambda * params[p];
  }

  /**
   * The norm of loss()'s gradient at the fitted parameters, or at zero parameters with
   * `atStart` (for checking convergence: it shrinks towards 0 at the optimum).
   */
  gradientNorm(X, y, { atStart = false } = {}) {
    if (!this.coef_) throw new Error('logisticRegression is not fitted yet');
    const K = this.classes_.length;
    const index = new Map(Array.from(this.classes_, (c, k) => [c, k]));
    const params = atStart ? new Float64Array(this.coef_.length + K) : Float64Array.of(...this.coef_, ...this.intercept_);
    const grad = new Float64Array(params.length);
    this.#gradient(X, Int32Array.from(y, (v) => index.get(v)), params, K, 1 / (this.#C * X.length), grad);
    return Math.sqrt(grad.reduce((s, g) => s + g * g, 0));
  }

  /** X: array of rows (Float32Array / arrays, n x d); y: n integer labels. Returns this. */
  fit(X, y) {
    const n = X.length, d = X[0].length;
    const classes = [...new Set(Array.from(y))].sort((a, b) => a - b);
    if (classes.length < 2) throw new Error(`logisticRegression needs at least two classes in y, got ${classes.length}`);
    const K = classes.length;
    const index = new Map(classes.map((c, k) => [c, k]));
    const target = Int32Array.from(y, (v) => index.get(v));
    let maxNorm = 0;
    for (const x of X) {
      let s = 1;
      for (let j = 0; j < d; ++j) s += x[j] * x[j];
      maxNorm = Math.max(maxNorm, s);
    }
    const lambda = 1 / (this.#C * n);
    const step = 1 / (maxNorm / 2 + lambda);
    const size = K * d;
    // Parameters [W (K x d), b (K)] and the look-ahead point of Nesterov's method.
    let theta = new Float64Array(size + K), previous = new Float64Array(size + K);
    const ahead = new Float64Array(size + K), grad = new Float64Array(size + K);
    for (let it = 1; it <= this.#maxIter; ++it) {
      const momentum = (it - 1) / (it + 2);
      for (let p = 0; p < ahead.length; ++p) ahead[p] = theta[p] + momentum * (theta[p] - previous[p]);
      this.#gradient(X, target, ahead, K, lambda, grad);
      previous = theta;
      theta = new Float64Array(ahead.length);
      for (let p = 0; p < ahead.length; ++p) theta[p] = ahead[p] - step * grad[p];
      this.nIter_ = it;
    }
    this.classes_ = Int32Array.from(classes);
    this.coef_ = theta.slice(0, size);
    this.intercept_ = theta.slice(size);
    return this;
  }

  /** The objective scikit-learn minimises, divided by C * n (for checking convergence). */
  loss(X, y) {
    const K = this.classes_.length, d = X[0].length;
    const index = new Map(Array.from(this.classes_, (c, k) => [c, k]));
    const scores = new Float64Array(K);
    let total = 0;
    X.forEach((x, i) => {
      this.#scores(x, this.coef_, this.intercept_, scores);
      const max = Math.max(...scores);
      let sum = 0;
      for (let k = 0; k < K; ++k) sum += Math.exp(scores[k] - max);
      total += max + Math.log(sum) - scores[index.get(y[i])];
    });
    let norm = 0;
    for (const w of this.coef_) norm += w * w;
    return total / X.length + norm / (2 * this.#C * X.length);
  }

  /** The most probable class of each row (Int32Array). */
  predict(X) {
    if (!this.coef_) throw new Error('logisticRegression is not fitted yet');
    const K = this.classes_.length;
    const scores = new Float64Array(K);
    return Int32Array.from(X, (x) => {
      this.#scores(x, this.coef_, this.intercept_, scores);
      let best = 0;
      for (let k = 1; k < K; ++k) if (scores[k] > scores[best]) best = k;
      return this.classes_[best];
    });
  }
}
