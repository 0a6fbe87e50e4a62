// visualize_barchart: BERTopic's bertopic/plotting/_barchart.py.
// Returns a plain {data, layout} Plotly figure (see plotting/index.js).
import { BAR_COLORS, HOVERLABEL, PLOTLY_WHITE_AXIS, WHITE_BACKGROUND, titleSpec, checkBool, checkModel, checkOptions, checkCount, checkFrame, selectTopics, checkCustomLabels, customLabel, words } from './common.js';

/**
 * Top words of topics as horizontal bars, one subplot per topic in a 4-column grid
 * (BERTopic's visualize_barchart). Default: the 8 most frequent topics (outliers excluded),
 * 5 words each; width / height are per subplot. autoscale (default false): BERTopic's, see below.
 * showImages (default true): a model fitted with images shows each topic's first 3 topicImages_.
 */
export function visualizeBarchart(model, options = {}) {
  const what = 'visualizeBarchart';
  const o = checkOptions(options, ['topics', 'topNTopics', 'nWords', 'customLabels', 'autoscale', 'showImages', 'title', 'width', 'height'], what);
  const { topNTopics = 8, nWords = 5, title = '<b>Topic Word Scores</b>', width = 250, autoscale = false, showImages = true } = o;
  let { height = 250 } = o;
  checkBool(autoscale, 'autoscale', what);
  checkBool(showImages, 'showImages', what);
  const info = checkModel(model, what);
  checkCount(nWords, 'nWords', what);
  checkFrame(width, height, title, what);
  const customLabels = checkCustomLabels(o.customLabels, what);
  const topics = selectTopics(info, o.topics, topNTopics, what, (bySize) => bySize.slice(0, 6));
  if (!topics.length) throw new Error(`${what}: the model has no topics other than the outliers (-1)`);

  const columns = 4;
  const rows = Math.ceil(topics.length / columns);
  // make_subplots(rows, cols=4, horizontal_spacing=.1, vertical_spacing=.4 / rows if rows > 1 else 0)
  const hSpacing = 0.1;
  const vSpacing = rows > 1 ? 0.4 / rows : 0;
  const cellWidth = (1 - hSpacing * (columns - 1)) / columns;
  const cellHeight = (1 - vSpacing * (rows - 1)) / rows;

  // BERTopic's autoscale: more than 12 words grow the subplots (250 + 11 px per extra word), more
  // than 9 shrink every y axis' tick font to (height - 140) // words (the last topic's, as plotly's
  // update_yaxes applies it to all).
  let tickSize = null;
  if (autoscale) {
    for (const topic of topics) {
      const count = Math.min(nWords, model.getTopic(topic).length);
      if (count > 12) height = 250 + (count - 12) * 11;
      if (count > 9) tickSize = Math.floor((height - 140) / count);
    }
  }
  const yFont = tickSize === null ? {} : { tickfont: { size: tickSize } };

  const topicImages = showImages ? model.topicImages_ ?? null : null;

  const data = [];
  const layout = {
    ...WHITE_BACKGROUND,
    showlegend: false,
    title: titleSpec(title),
    width: width * 4,
    height: rows > 1 ? height * rows : height * 1.3,
    hoverlabel: HOVERLABEL,
    annotations: [],
  };
  topics.forEach((topic, i) => {
    const row = Math.floor(i / columns);
    const col = i % columns;
    const pairs = model.getTopic(topic).slice(0, nWords).reverse();
    const n = i + 1;
    data.push({
      type: 'bar',
      orientation: 'h',
      x: pairs.map(([, score]) => score),
      y: pairs.map(([word]) => `${word}  `),
      marker: { color: BAR_COLORS[i % BAR_COLORS.length] },
      xaxis: `x${n === 1 ? '' : n}`,
      yaxis: `y${n === 1 ? '' : n}`,
      name: `Topic ${topic}`,
      hovertemplate: '%{y}: %{x}<extra></extra>',
    });
    const x0 = col * (cellWidth + hSpacing);
    const yTop = 1 - row * (cellHeight + vSpacing);
    layout[`xaxis${n === 1 ? '' : n}`] = { ...PLOTLY_WHITE_AXIS, domain: [x0, x0 + cellWidth], anchor: `y${n === 1 ? '' : n}`, showgrid: true };
    layout[`yaxis${n === 1 ? '' : n}`] = { ...PLOTLY_WHITE_AXIS, domain: [yTop - cellHeight, yTop], anchor: `x${n === 1 ? '' : n}`, showgrid: true, ...yFont };
    // A multimodal model's representative images (topicImages_): up to 3 thumbnails in the cell's
    // lower right corner, where the shortest bars leave room.
    (topicImages?.[topic] ?? []).slice(0, 3).forEach((source, k) => {
      (layout.images ??= []).push({ source, xref: 'paper', yref: 'paper', x: x0 + cellWidth * (1 - 0.3 * (k + 1)), y: yTop - cellHeight,
        sizex: cellWidth * 0.3, sizey: cellHeight * 0.3, xanchor: 'left', yanchor: 'bottom', sizing: 'contain', layer: 'above', name: `topic ${topic}` });
    });
    // make_subplots' subplot titles: annotations centred above each cell.
    layout.annotations.push({
      text: customLabel(customLabels, topic) ?? `Topic ${topic}`,
      x: x0 + cellWidth / 2,
      y: yTop,
      xref: 'paper',
      yref: 'paper',
      xanchor: 'center',
      yanchor: 'bottom',
      showarrow: false,
      font: { size: 16 },
    });
  });
  return { data, layout };
}
