// visualize_heatmap: BERTopic's bertopic/plotting/_heatmap.py.
// Returns a plain {data, layout} Plotly figure (see plotting/index.js).
import { cosineRows } from '../engine/embeddings.js';
import { loadedEngine } from '../engine/module.js';
import { GNBU, HOVERLABEL, WHITE_BACKGROUND, titleSpec, checkModel, checkOptions, checkCount, checkFrame, selectTopics, checkCustomLabels, customLabel, shortLabel, topicEmbeddingMap } from './common.js';

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
