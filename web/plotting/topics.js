// visualize_topics: BERTopic's bertopic/plotting/_topics.py (the intertopic distance map).
// Returns a plain {data, layout} Plotly figure (see plotting/index.js).
import { HOVERLABEL, WHITE_BACKGROUND, titleSpec, checkModel, checkOptions, checkCount, checkFrame, selectTopics, checkCustomLabels, customLabel, words, topicEmbeddingMap, paddedRange, plusShape } from './common.js';
import { reduceDimensions } from '../model/reduce_dimensions.js';

/**
 * Intertopic distance map (BERTopic's visualize_topics with use_ctfidf=False, its default): the
 * topic embeddings reduced to 2-D by UMAP(n_neighbors=2, n_components=2, metric='cosine',
 * random_state=42), one bubble per topic with area proportional to its size, and a slider that
 * colours one topic red at a time. Default: every topic except -1. UMAP needs more points than
 * neighbours, so with fewer than 4 topics the map is a PCA projection (1 topic: the origin).
 */
export async function visualizeTopics(model, options = {}) {
  const what = 'visualizeTopics';
  const o = checkOptions(options, ['topics', 'topNTopics', 'customLabels', 'title', 'width', 'height', 'seed'], what);
  const { title = '<b>Intertopic Distance Map</b>', width = 650, height = 650, seed = 42 } = o;
  const info = checkModel(model, what);
  checkFrame(width, height, title, what);
  checkCount(seed, 'seed', what, 0);
  const customLabels = checkCustomLabels(o.customLabels, what);
  const topicList = selectTopics(info, o.topics, o.topNTopics, what, (bySize) => bySize);
  if (!topicList.length) throw new Error(`${what}: the model has no topics other than the outliers (-1)`);
  const embeddingOf = topicEmbeddingMap(model, info, what);
  const sizes = model.topicSizes_;
  const frequencies = topicList.map((topic) => sizes[topic]);
  const topicWords = topicList.map((topic) => customLabel(customLabels, topic) ?? words(model, topic).slice(0, 5).join(' | '));

  const cols = embeddingOf.get(topicList[0]).length;
  const stacked = new Float32Array(topicList.length * cols);
  topicList.forEach((topic, i) => stacked.set(embeddingOf.get(topic), i * cols));
  let xy;
  if (topicList.length === 1) {
    xy = new Float32Array(2);
  } else {
        const method = topicList.length >= 4 ? 'umap' : 'pca';
    const reduced = await reduceDimensions(stacked, topicList.length, {
      method,
      nComponents: 2,
      umapModel: { nNeighbors: 2, metric: 'cosine' },
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
