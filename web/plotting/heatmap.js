// visualize_heatmap: BERTopic's bertopic/plotting/_heatmap.py.
// Returns a plain {data, layout} Plotly figure (see plotting/index.js).
import { cosineRows } from '../engine/embeddings.js';
import { loadedEngine } from '../engine/module.js';
import { GNBU, HOVERLABEL, WHITE_BACKGROUND, titleSpec, checkBool, checkModel, checkOptions, checkCount, checkFrame, selectTopics, checkCustomLabels, customLabel, shortLabel, topicEmbeddingMap } from './common.js';

// Cosine similarity of every pair of vectors (sklearn's cosine_similarity), exactly 1 on the diagonal.
function cosineMatrix(vectors) {
  const d = vectors[0]?.length ?? 0;
  const flat = new Float64Array(vectors.length * d);
  vectors.forEach((v, i) => flat.set(v, i * d));
  return vectors.map((_, i) => vectors.map((__, j) => (i === j ? (cosineRows(flat, i, flat, i, d) > 0 ? 1 : 0) : Math.max(-1, Math.min(1, cosineRows(flat, i, flat, j, d))))));
}

/**
 * Ward agglomerative clustering of row vectors cut into `nClusters` clusters (scipy's
 * linkage(X, 'ward') + fcluster(t=nClusters, criterion='maxclust')), computed by the engine
 * (src/cluster/ward_linkage.cpp). Returns a cluster number per row, numbered by first appearance.
 */
export function wardClusters(rows, nClusters) {
  const dim = rows[0]?.length ?? 0;
  const flat = new Float64Array(rows.length * dim);
  rows.forEach((r, i) => {
    if (r.length !== dim) throw new Error(`wardClusters: row ${i} has ${r.length} values, row 0 has ${dim}`);
    flat.set(r, i * dim);
  });
  return loadedEngine().wardClusters(flat, dim, nClusters);
}

// Cosine similarity of the given topics' c-TF-IDF rows: 1 - the model's topicDistances (1 on the diagonal).
function ctfidfSimilarity(model, info) {
  const { condensed, n } = model.topicDistances({ useCtfidf: true });
  const position = new Map(info.map((r) => r.Topic).filter((t) => t !== -1).sort((a, b) => a - b).map((t, i) => [t, i]));
  const at = (i, j) => n * i - (i * (i + 1)) / 2 + j - i - 1;
  const missing = info.some((r) => r.Topic === -1) ? -1 : null;
  return (topics) => topics.map((a) => topics.map((b) => {
    if (a === missing || b === missing) throw new Error('visualizeHeatmap: useCtfidf compares the topics other than -1; leave -1 out of topics');
    const i = position.get(a), j = position.get(b);
    return i === j ? 1 : 1 - condensed[at(Math.min(i, j), Math.max(i, j))];
  }));
}

/**
 * Cosine similarity of the topic embeddings (useCtfidf: false, BERTopic's visualize_heatmap
 * default) or of their c-TF-IDF rows (useCtfidf: true) as a heatmap. Default: every topic except -1. With `nClusters`, the topics are
 * grouped by Ward clustering of their similarity rows (BERTopic: linkage(similarity, 'ward') and
 * fcluster(maxclust)) and shown cluster by cluster, clusters in order of their first (lowest)
 * topic id, topics ascending within a cluster.
 */
export function visualizeHeatmap(model, options = {}) {
  const what = 'visualizeHeatmap';
  const o = checkOptions(options, ['topics', 'topNTopics', 'nClusters', 'useCtfidf', 'customLabels', 'title', 'width', 'height'], what);
  const { title = '<b>Similarity Matrix</b>', width = 800, height = 800, nClusters, useCtfidf = false } = o;
  checkBool(useCtfidf, 'useCtfidf', what);
  const info = checkModel(model, what);
  checkFrame(width, height, title, what);
  const customLabels = checkCustomLabels(o.customLabels, what);
  const topics = selectTopics(info, o.topics, o.topNTopics, what, (bySize) => bySize);
  if (!topics.length) throw new Error(`${what}: the model has no topics other than the outliers (-1)`);
  let similarity;
  if (useCtfidf) {
    similarity = ctfidfSimilarity(model, info);
  } else {
    const embeddingOf = topicEmbeddingMap(model, info, what);
    similarity = (list) => cosineMatrix(list.map((t) => embeddingOf.get(t)));
  }

  let sortedTopics = topics;
  if (nClusters !== undefined && nClusters !== null) {
    checkCount(nClusters, 'nClusters', what);
    if (nClusters >= topics.length) {
      throw new Error(`${what}: nClusters (${nClusters}) must be lower than the number of topics shown (${topics.length})`);
    }
    const clusters = wardClusters(similarity(topics), nClusters);
    const groups = new Map();
    topics.forEach((topic, i) => {
      if (!groups.has(clusters[i])) groups.set(clusters[i], []);
      groups.get(clusters[i]).push(topic);
    });
    sortedTopics = [...groups.values()].flat();
  }
  const z = similarity(sortedTopics);
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
