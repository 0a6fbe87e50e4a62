// pyLDAvis's prepare() (pyLDAvis 3.4, pyLDAvis/_prepare.py; Sievert & Shirley 2014, "LDAvis") on the
// inputs CTM's get_ldavis_data_format gives (CTM.getLdavisData()): topic proportions, the
// intertopic distance map (js_PCoA: Jensen-Shannon divergences between the topic-term
// distributions, then principal coordinate analysis / classical MDS), term saliency for the
// default view and term relevance for a topic.

/** scipy.stats.entropy(p, q) (natural log; both normalised to sum 1 first, as scipy does). */
function klDivergence(p, q) {
  let sp = 0;
  let sq = 0;
  for (let i = 0; i < p.length; ++i) {
    sp += p[i];
    sq += q[i];
  }
  let s = 0;
  for (let i = 0; i < p.length; ++i) {
    const a = p[i] / sp;
    if (a > 0) s += a * Math.log(a / (q[i] / sq));
  }
  return s;
}

/** pyLDAvis's _jensen_shannon: 0.5 (KL(P || M) + KL(Q || M)) with M = (P + Q) / 2. */
export function jensenShannon(p, q) {
  const m = Float64Array.from(p, (v, i) => 0.5 * (v + q[i]));
  return 0.5 * (klDivergence(p, m) + klDivergence(q, m));
}

/**
 * Eigenvalues and eigenvectors of a symmetric n x n matrix (array of rows) by cyclic Jacobi
 * rotations: {values, vectors} with vectors[j] the unit eigenvector of values[j], in no order.
 */
export function symmetricEigen(matrix) {
  const n = matrix.length;
  const a = matrix.map((row) => Float64Array.from(row));
  const v = Array.from({ length: n }, (_, i) => Float64Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 100; ++sweep) {
    let off = 0;
    for (let p = 0; p < n; ++p) for (let q = p + 1; q < n; ++q) off += a[p][q] * a[p][q];
    if (off < 1e-30) break;
    for (let p = 0; p < n; ++p) {
      for (let q = p + 1; q < n; ++q) {
        if (Math.abs(a[p][q]) < 1e-300) continue;
        const theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; ++k) {
          const akp = a[k][p];
          const akq = a[k][q];
          a[k][p] = c * akp - s * akq;
          a[k][q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; ++k) {
          const apk = a[p][k];
          const aqk = a[q][k];
          a[p][k] = c * apk - s * aqk;
          a[q][k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; ++k) {
          const vkp = v[k][p];
          const vkq = v[k][q];
          v[k][p] = c * vkp - s * vkq;
          v[k][q] = s * vkp + c * vkq;
        }
      }
    }
  }
  return { values: a.map((row, i) => row[i]), vectors: Array.from({ length: n }, (_, j) => Float64Array.from(v, (row) => row[j])) };
}

/**
 * pyLDAvis's js_PCoA: the K x K Jensen-Shannon divergences between the distributions (rows), and
 * their principal coordinates (pyLDAvis's _pcoa, after scikit-bio: B = -H D^2 H / 2, the two
 * largest eigenvalues' eigenvectors scaled by sqrt(eigenvalue); eigenvalues close to 0 or
 * negative give a zero axis). Returns {distances, coordinates: [[x, y]] per row, eigenvalues}.
 */
export function jsPCoA(distributions, nComponents = 2) {
  const n = distributions.length;
  const distances = Array.from({ length: n }, () => new Float64Array(n));
  for (let i = 0; i < n; ++i) {
    for (let j = i + 1; j < n; ++j) distances[i][j] = distances[j][i] = jensenShannon(distributions[i], distributions[j]);
  }
  // Double centring of the squared distances: B = -H D^2 H / 2 with H = I - 11'/n.
  const sq = distances.map((row) => row.map((d) => d * d));
  const rowMean = sq.map((row) => row.reduce((s, x) => s + x, 0) / n);
  const mean = rowMean.reduce((s, x) => s + x, 0) / n;
  const b = sq.map((row, i) => row.map((x, j) => -0.5 * (x - rowMean[i] - rowMean[j] + mean)));
  const { values, vectors } = symmetricEigen(b);
  const order = values.map((_, i) => i).sort((x, y) => values[y] - values[x]).slice(0, nComponents);
  // np.isclose(eigval, 0) (atol 1e-8) -> 0; negative -> a zero axis.
  const eigenvalues = order.map((j) => (Math.abs(values[j]) <= 1e-8 || values[j] < 0 ? 0 : values[j]));
  const coordinates = Array.from({ length: n }, (_, i) => order.map((j, c) => Math.sqrt(eigenvalues[c]) * vectors[j][i]));
  return { distances, coordinates, eigenvalues };
}

/**
 * pyLDAvis's prepare() quantities: topicOrder (topic ids by decreasing proportion, as
 * sort_topics=True), topicProportion and topicFrequency (per topic id: sum over documents of
 * theta * length), termTopicFrequency (K rows: phi * topic frequency, the red bars),
 * termFrequency (their column sums: pyLDAvis recomputes it so, LDAvis PR #41), termProportion,
 * saliency per term, and the js_PCoA map {distances, coordinates} per topic id.
 */
export function prepareLdavis({ topicTermDists, docTopicDists, docLengths, vocab }) {
  const K = topicTermDists.length;
  const V = vocab.length;
  if (!K || topicTermDists.some((row) => row.length !== V)) throw new Error('prepareLdavis: topicTermDists must have one row per topic over the vocabulary');
  if (docTopicDists.length !== docLengths.length) throw new Error('prepareLdavis: docTopicDists and docLengths must have one entry per document');
  const topicFrequency = new Float64Array(K);
  docTopicDists.forEach((row, d) => {
    if (row.length !== K) throw new Error(`prepareLdavis: docTopicDists row ${d} has ${row.length} topics, not ${K}`);
    for (let k = 0; k < K; ++k) topicFrequency[k] += row[k] * docLengths[d];
  });
  const total = topicFrequency.reduce((s, x) => s + x, 0);
  const topicProportion = topicFrequency.map((f) => f / total);
  const topicOrder = Array.from({ length: K }, (_, k) => k).sort((a, b) => topicProportion[b] - topicProportion[a] || a - b);
  const termTopicFrequency = topicTermDists.map((row, k) => Float64Array.from(row, (p) => p * topicFrequency[k]));
  const termFrequency = new Float64Array(V);
  for (const row of termTopicFrequency) for (let w = 0; w < V; ++w) termFrequency[w] += row[w];
  const termTotal = termFrequency.reduce((s, x) => s + x, 0);
  const termProportion = termFrequency.map((f) => f / termTotal);
  // Saliency (Chuang et al. 2012): p(w) * sum_k p(k|w) log(p(k|w) / p(k)), p(k|w) from phi's columns.
  const saliency = new Float64Array(V);
  for (let w = 0; w < V; ++w) {
    let column = 0;
    for (let k = 0; k < K; ++k) column += topicTermDists[k][w];
    let distinctiveness = 0;
    for (let k = 0; k < K; ++k) {
      const given = topicTermDists[k][w] / column;
      if (given > 0) distinctiveness += given * Math.log(given / topicProportion[k]);
    }
    saliency[w] = termProportion[w] * distinctiveness;
  }
  const { distances, coordinates } = jsPCoA(topicTermDists);
  return { topicOrder, topicFrequency, topicProportion, termTopicFrequency, termFrequency, termProportion, saliency, distances, coordinates };
}

/**
 * The R most relevant terms of topic k (pyLDAvis's _find_relevance): relevance = lambda log phi_kw
 * + (1 - lambda) log(phi_kw / p(w)), highest first. Returns [{term, index, relevance}].
 */
export function relevantTerms(prepared, topicTermDists, vocab, topic, lambda, R) {
  const row = topicTermDists[topic];
  const scored = vocab.map((term, w) => ({ term, index: w, relevance: lambda * Math.log(row[w]) + (1 - lambda) * Math.log(row[w] / prepared.termProportion[w]) }));
  return scored.sort((a, b) => b.relevance - a.relevance || a.index - b.index).slice(0, R);
}
