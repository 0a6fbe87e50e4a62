// visualize_topics: BERTopic's bertopic/plotting/_topics.py (the intertopic distance map).
// Returns a plain {data, layout} Plotly figure (see plotting/index.js).
import { HOVERLABEL, WHITE_BACKGROUND, titleSpec, checkBool, checkModel, checkOptions, checkCount, checkFrame, selectTopics, checkCustomLabels, customLabel, words, topicEmbeddingMap, paddedRange, plusShape } from './common.js';
import { reduceDimensions } from '../model/reduce_dimensions.js';

/**
 * Intertopic distance map (BERTopic's visualize_topics): the topic embeddings reduced to 2-D by
 * UMAP(n_neighbors=2, n_components=2, metric='cosine', random_state=42), one bubble per topic with
 * area proportional to its size, and a slider that colours one topic red at a time. useCtfidf
 * (default false, as BERTopic): the topics' c-TF-IDF rows instead, as BERTopic maps them
 * (hellingerRows: MinMaxScaler, then UMAP with metric='hellinger' and init='random'). Default:
 * every topic except -1. UMAP needs more points than neighbours, so with fewer than 4 topics the
 * map is a PCA projection (1 topic: the origin).
 */
export async function visualizeTopics(model, options = {}) {
  const what = 'visualizeTopics';
  const o = checkOptions(options, ['topics', 'topNTopics', 'customLabels', 'useCtfidf', 'title', 'width', 'height', 'seed'], what);
  const { title = '<b>Intertopic Distance Map</b>', width = 650, height = 650, seed = 42, useCtfidf = false } = o;
  checkBool(useCtfidf, 'useCtfidf', what);
  const info = checkModel(model, what);
  checkFrame(width, height, title, what);
  checkCount(seed, 'seed', what, 0);
  const customLabels = checkCustomLabels(o.customLabels, what);
  const topicList = selectTopics(info, o.topics, o.topNTopics, what, (bySize) => bySize);
  if (!topicList.length) throw new Error(`${what}: the model has no topics other than the outliers (-1)`);
  const sizes = model.topicSizes_;
  const frequencies = topicList.map((topic) => sizes[topic]);
  const topicWords = topicList.map((topic) => customLabel(customLabels, topic) ?? words(model, topic).slice(0, 5).join(' | '));

  const stacked = useCtfidf ? hellingerRows(model, info, topicList, what) : embeddingRows(model, info, topicList, what);
  let xy;
  if (topicList.length === 1) {
    xy = new Float32Array(2);
  } else {
        const method = topicList.length >= 4 ? 'umap' : 'pca';
    const reduced = await reduceDimensions(stacked, topicList.length, {
      method,
      nComponents: 2,
      umapModel: useCtfidf ? { nNeighbors: 2, metric: 'euclidean', init: 'random' } : { nNeighbors: 2, metric: 'cosine' },
      seed,
    });
    xy = reduced.data;
  }
  const x = topicList.map((_, i) => xy[2 * i]);
  const y = topicList.map((_, i) => xy[2 * i + 1]);

  const colorsFor = (selected) => topicList.map((topic) => (topic === selected ? 'red' : '#B0BEC5'));
  const steps = topicList.map((topic) => ({ label: `Topic ${topic}`, method: 'update', args: [{ 'marker.color': [colorsFor(topic)] }] }));
  const xRange = paddedRange(x);
  const yRange = paddedRange(y);
  const sizeMax = 40; // px.scatter(size_max=40): area mode, the largest bubble 40 px across
  const maxSize = Math.max(...frequencies);
  const data = [
    {
      type: 'scatter',
      mode: 'markers',
      x,
      y,
      customdata: topicList.map((topic, i) => [topic, topicWords[i], frequencies[i]]),
      marker: {
        size: frequencies,
        sizemode: 'area',
        sizeref: (2 * maxSize) / sizeMax ** 2,
        sizemin: 0,
        color: '#B0BEC5',
        line: { width: 2, color: 'DarkSlateGrey' },
      },
      hovertemplate: ['<b>Topic %{customdata[0]}</b>', '%{customdata[1]}', 'Size: %{customdata[2]}'].join('<br>') + '<extra></extra>',
      showlegend: false,
    },
  ];
  const plus = plusShape(xRange, yRange);
  const layout = {
    ...WHITE_BACKGROUND,
    title: titleSpec(title, { y: 0.95 }),
    width,
    height,
    hoverlabel: HOVERLABEL,
    xaxis: { visible: false, range: xRange },
    yaxis: { visible: false, range: yRange },
    sliders: [{ active: 0, pad: { t: 50 }, steps }],
    shapes: plus.shapes,
    annotations: plus.annotations,
  };
  return { data, layout };
}

/** The topics' embeddings, one row each (row-major). */
function embeddingRows(model, info, topicList, what) {
  const embeddingOf = topicEmbeddingMap(model, info, what);
  const cols = embeddingOf.get(topicList[0]).length;
  const stacked = new Float32Array(topicList.length * cols);
  topicList.forEach((topic, i) => stacked.set(embeddingOf.get(topic), i * cols));
  return stacked;
}

/**
 * The topics' c-TF-IDF rows as BERTopic's use_ctfidf map takes them: MinMaxScaler over the chosen
 * rows (a constant column becomes 0, as scikit-learn's), then each row as sqrt(row / row sum). The
 * euclidean distance between two such rows is sqrt(2) times their Hellinger distance (umap-learn's
 * metric='hellinger'), and UMAP's fuzzy graph does not change when every distance is scaled alike,
 * so a euclidean UMAP of these rows is BERTopic's hellinger UMAP. An all-zero row stays zero.
 */
export function hellingerRows(model, info, topicList, what) {
  const matrix = model.cTfIdf_;
  if (!matrix) throw new Error(`${what}: useCtfidf needs the model's c-TF-IDF (a model loaded without ctfidf.safetensors has none)`);
  // Rows in getTopicInfo's (ascending) topic order, as topicEmbeddingMap reads the embeddings.
  const rows = topicList.map((topic) => info.findIndex((row) => row.Topic === topic));
  const cols = matrix.cols, n = rows.length;
  const dense = new Float64Array(n * cols);
  rows.forEach((r, i) => {
    for (let p = matrix.indptr[r]; p < matrix.indptr[r + 1]; ++p) dense[i * cols + matrix.indices[p]] = matrix.data[p];
  });
  for (let c = 0; c < cols; ++c) {
    let lo = Infinity, hi = -Infinity;
    for (let i = 0; i < n; ++i) { lo = Math.min(lo, dense[i * cols + c]); hi = Math.max(hi, dense[i * cols + c]); }
    const range = hi - lo || 1;
    for (let i = 0; i < n; ++i) dense[i * cols + c] = (dense[i * cols + c] - lo) / range;
  }
  const out = new Float32Array(n * cols);
  for (let i = 0; i < n; ++i) {
    let sum = 0;
    for (let c = 0; c < cols; ++c) sum += dense[i * cols + c];
    if (sum > 0) for (let c = 0; c < cols; ++c) out[i * cols + c] = Math.sqrt(dense[i * cols + c] / sum);
  }
  return out;
}
