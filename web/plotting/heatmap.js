// visualize_heatmap: BERTopic's bertopic/plotting/_heatmap.py.
// Returns a plain {data, layout} Plotly figure (see plotting/index.js).
import { GNBU, HOVERLABEL, WHITE_BACKGROUND, titleSpec, checkModel, checkOptions, checkCount, checkFrame, selectTopics, checkCustomLabels, customLabel, shortLabel, topicEmbeddingMap } from './common.js';

function cosineMatrix(vectors) {
  const norms = vectors.map((v) => Math.sqrt(v.reduce((s, x) => s + x * x, 0)));
  const k = vectors.length;
  const out = Array.from({ length: k }, () => new Array(k).fill(0));
  for (let i = 0; i < k; ++i) {
    for (let j = i; j < k; ++j) {
      let dot = 0;
      const a = vectors[i];
      const b = vectors[j];
      for (let c = 0; c < a.length; ++c) dot += a[c] * b[c];
      const denom = norms[i] * norms[j];
      // Exactly 1 on the diagonal; clamp float noise into [-1, 1].
      const sim = i === j ? (norms[i] > 0 ? 1 : 0) : denom > 0 ? Math.max(-1, Math.min(1, dot / denom)) : 0;
      out[i][j] = sim;
      out[j][i] = sim;
    }
  }
  return out;
}

/**
 * Ward agglomerative clustering of row vectors cut into `nClusters` clusters (as scipy's
 * linkage(X, 'ward') + fcluster(t=nClusters, criterion='maxclust')): Lance-Williams updates on
 * squared euclidean distances, merging the closest pair until nClusters remain (ties: the lowest
 * pair of indices). Returns a cluster number per row, numbered by first appearance.
 */
export function wardClusters(rows, nClusters) {
  const k = rows.length;
  const d = Array.from({ length: k }, () => new Float64Array(k));
  for (let i = 0; i < k; ++i) {
    for (let j = i + 1; j < k; ++j) {
      let s = 0;
      for (let c = 0; c < rows[i].length; ++c) s += (rows[i][c] - rows[j][c]) ** 2;
      d[i][j] = s;
      d[j][i] = s;
    }
  }
  const size = new Array(k).fill(1);
  const alive = new Array(k).fill(true);
  const members = Array.from({ length: k }, (_, i) => [i]);
  for (let remaining = k; remaining > nClusters; --remaining) {
    let best = Infinity;
    let bi = -1;
    let bj = -1;
    for (let i = 0; i < k; ++i) {
      if (!alive[i]) continue;
      for (let j = i + 1; j < k; ++j) {
        if (alive[j] && d[i][j] < best) {
          best = d[i][j];
          bi = i;
          bj = j;
        }
      }
    }
    for (let m = 0; m < k; ++m) {
      if (!alive[m] || m === bi || m === bj) continue;
      const t = size[bi] + size[bj] + size[m];
      d[bi][m] = ((size[bi] + size[m]) * d[bi][m] + (size[bj] + size[m]) * d[bj][m] - size[m] * d[bi][bj]) / t;
      d[m][bi] = d[bi][m];
    }
    size[bi] += size[bj];
    members[bi].push(...members[bj]);
    alive[bj] = false;
  }
  const label = new Array(k);
  let next = 1;
  const numberOf = new Map();
  for (let i = 0; i < k; ++i) {
    const root = members.findIndex((m, r) => alive[r] && m.includes(i));
    if (!numberOf.has(root)) numberOf.set(root, next++);
    label[i] = numberOf.get(root);
  }
  return label;
}

/**
 * Cosine similarity of the topic embeddings as a heatmap (BERTopic's visualize_heatmap with
 * use_ctfidf=False, its default). Default: every topic except -1. With `nClusters`, the topics are
 * grouped by Ward clustering of their similarity rows (BERTopic: linkage(similarity, 'ward') and
 * fcluster(maxclust)) and shown cluster by cluster, clusters in order of their first (lowest)
 * topic id, topics ascending within a cluster.
 */
export function visualizeHeatmap(model, options = {}) {
  const what = 'visualizeHeatmap';
  const o = checkOptions(options, ['topics', 'topNTopics', 'nClusters', 'customLabels', 'title', 'width', 'height'], what);
  const { title = '<b>Similarity Matrix</b>', width = 800, height = 800, nClusters } = o;
  const info = checkModel(model, what);
  checkFrame(width, height, title, what);
  const customLabels = checkCustomLabels(o.customLabels, what);
  const topics = selectTopics(info, o.topics, o.topNTopics, what, (bySize) => bySize);
  if (!topics.length) throw new Error(`${what}: the model has no topics other than the outliers (-1)`);
  const embeddingOf = topicEmbeddingMap(model, info, what);

  let sortedTopics = topics;
  if (nClusters !== undefined && nClusters !== null) {
    checkCount(nClusters, 'nClusters', what);
    if (nClusters >= topics.length) {
      throw new Error(`${what}: nClusters (${nClusters}) must be lower than the number of topics shown (${topics.length})`);
    }
    const similarity = cosineMatrix(topics.map((t) => embeddingOf.get(t)));
    const clusters = wardClusters(similarity, nClusters);
    const groups = new Map();
    topics.forEach((topic, i) => {
      if (!groups.has(clusters[i])) groups.set(clusters[i], []);
      groups.get(clusters[i]).push(topic);
    });
    sortedTopics = [...groups.values()].flat();
  }
  const z = cosineMatrix(sortedTopics.map((t) => embeddingOf.get(t)));
  const labels = sortedTopics.map((topic) => customLabel(customLabels, topic) ?? shortLabel(model, topic));
  const data = [
    {
      type: 'heatmap',
      z,
      x: labels,
      y: labels,
      customdata: sortedTopics,
      coloraxis: 'coloraxis',
      hovertemplate: 'x: %{x}<br>y: %{y}<br>Similarity Score: %{z}<extra></extra>',
    },
  ];
  const layout = {
    ...WHITE_BACKGROUND,
    title: titleSpec(title, { x: 0.55, y: 0.95 }),
    width,
    height,
    hoverlabel: HOVERLABEL,
    // px.imshow: square cells, first row at the top, a colour bar titled by `labels`.
    xaxis: { constrain: 'domain', scaleanchor: 'y', automargin: true },
    yaxis: { autorange: 'reversed', constrain: 'domain', automargin: true },
    coloraxis: {
      colorscale: GNBU.map((color, i) => [i / (GNBU.length - 1), color]),
      colorbar: { title: { text: 'Similarity Score' } },
    },
    showlegend: true,
    legend: { title: { text: 'Trend' } },
  };
  return { data, layout };
}
