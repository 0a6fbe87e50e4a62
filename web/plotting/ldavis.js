// An LDAvis-style figure for a CTM (pyLDAvis's display of CTM's get_ldavis_data_format, as CTM's
// README shows): the intertopic distance map (js_PCoA) beside the top-R term bars of one topic,
// ranked by relevance with weight lambda (Sievert & Shirley 2014), or, without a topic, the R most
// salient terms. Returns a plain {data, layout} Plotly figure (see plotting/index.js).
import { HOVERLABEL, PLOTLY_WHITE_AXIS, WHITE_BACKGROUND, titleSpec, checkOptions, checkCount, checkFrame } from './common.js';
import { prepareLdavis, relevantTerms } from './ldavis_prepare.js';

const LDAVIS_DEFAULTS = { topic: null, lambda: 1, R: 30, nSamples: 20, title: '<b>Intertopic Distance Map (via multidimensional scaling)</b>', width: 1200, height: 650 };
// LDAvis's colours: circles and the overall-frequency bars blue, the selected topic red.
const BLUE = '#1f77b4';
const RED = '#d62728';

function ldavisData(source, nSamples, what) {
  if (source && typeof source.getLdavisData === 'function') return source.getLdavisData({ nSamples });
  const fields = ['topicTermDists', 'docTopicDists', 'docLengths', 'vocab'];
  if (source && typeof source === 'object' && fields.every((f) => f in source)) return source;
  throw new TypeError(`${what}: pass a fitted CTM or the object its getLdavisData() returns`);
}

/**
 * visualizeLdavis(ctm, {topic, lambda, R, nSamples, title, width, height}): `ctm` is a CTM fitted
 * in this session or getLdavisData()'s object. Circles are the topics (CTM topic ids), placed by
 * js_PCoA, their area the topic's share of the tokens; `topic` (a CTM topic id, default none) is
 * drawn red and its R (30) most relevant terms for `lambda` (1, LDAvis's default) are shown as
 * LDAvis does: the term's overall frequency (blue) behind its estimated frequency in the topic
 * (red), with a slider over lambda (0, 0.1, ..., 1 and the given value) as LDAvis has. Without
 * `topic`, the R most salient terms (pyLDAvis's default view).
 */
export function visualizeLdavis(ctm, options = {}) {
  const what = 'visualizeLdavis';
  const o = { ...LDAVIS_DEFAULTS, ...checkOptions(options, Object.keys(LDAVIS_DEFAULTS), what) };
  checkCount(o.R, 'R', what);
  checkCount(o.nSamples, 'nSamples', what);
  checkFrame(o.width, o.height, o.title, what);
  if (typeof o.lambda !== 'number' || !(o.lambda >= 0 && o.lambda <= 1)) {
    throw new (typeof o.lambda === 'number' ? Error : TypeError)(`${what}: lambda must be a number in [0, 1], got ${JSON.stringify(o.lambda)}`);
  }
  const data = ldavisData(ctm, o.nSamples, what);
  const K = data.topicTermDists.length;
  if (o.topic !== null && (!Number.isInteger(o.topic) || o.topic < 0 || o.topic >= K)) {
    throw new (Number.isInteger(o.topic) ? Error : TypeError)(`${what}: topic must be a topic id in 0..${K - 1} or null, got ${JSON.stringify(o.topic)}`);
  }
  const prepared = prepareLdavis(data);
  const R = Math.min(o.R, data.vocab.length);

  // The map: marker area proportional to the topic's share (LDAvis scales radii by sqrt(Freq)).
  const maxShare = Math.max(...prepared.topicProportion);
  const circles = {
    type: 'scatter',
    mode: 'markers+text',
    x: prepared.topicOrder.map((k) => prepared.coordinates[k][0]),
    y: prepared.topicOrder.map((k) => prepared.coordinates[k][1] ?? 0),
    text: prepared.topicOrder.map(String),
    textposition: 'middle center',
    customdata: prepared.topicOrder.map((k) => [k, 100 * prepared.topicProportion[k]]),
    hovertemplate: 'Topic %{customdata[0]}<br>%{customdata[1]:.1f}% of tokens<extra></extra>',
    marker: {
      size: prepared.topicOrder.map((k) => 80 * Math.sqrt(prepared.topicProportion[k] / maxShare)),
      color: prepared.topicOrder.map((k) => (k === o.topic ? RED : BLUE)),
      opacity: 0.5,
      line: { color: 'white', width: 1 },
    },
    xaxis: 'x',
    yaxis: 'y',
    showlegend: false,
  };

  const bars = termBars(prepared, data, o.topic, o.lambda, R);
  const layout = {
    ...WHITE_BACKGROUND,
    title: titleSpec(o.title),
    width: o.width,
    height: o.height,
    hoverlabel: HOVERLABEL,
    barmode: 'overlay',
    legend: { orientation: 'h', x: 0.55, y: -0.08 },
    xaxis: { ...PLOTLY_WHITE_AXIS, domain: [0, 0.45], title: { text: 'PC1' }, zeroline: true, zerolinecolor: '#ccc' },
    yaxis: { ...PLOTLY_WHITE_AXIS, domain: [0, 0.95], title: { text: 'PC2' }, zeroline: true, zerolinecolor: '#ccc', scaleanchor: 'x' },
    xaxis2: { ...PLOTLY_WHITE_AXIS, domain: [0.6, 1], anchor: 'y2', showgrid: true },
    yaxis2: { ...PLOTLY_WHITE_AXIS, domain: [0, 0.95], anchor: 'x2', automargin: true, tickfont: { size: 11 } },
    annotations: [{ text: bars.title, x: 0.8, y: 0.97, xref: 'paper', yref: 'paper', xanchor: 'center', yanchor: 'bottom', showarrow: false, font: { size: 14 } }],
  };
  if (o.topic !== null) {
    // LDAvis's lambda slider: each step shows the bars ranked with its lambda (0, 0.1, ..., 1).
    const grid = Array.from({ length: 11 }, (_, i) => i / 10);
    if (!grid.includes(o.lambda)) {
      grid.push(o.lambda);
      grid.sort((a, b) => a - b);
    }
    const steps = grid.map((lambda) => {
      const at = termBars(prepared, data, o.topic, lambda, R);
      return {
        label: String(Number(lambda.toFixed(3))),
        method: 'update',
        args: [{ x: at.traces.map((t) => t.x), y: at.traces.map((t) => t.y) }, { 'annotations[0].text': at.title }, [1, 2]],
      };
    });
    layout.sliders = [{ active: grid.indexOf(o.lambda), currentvalue: { prefix: 'λ = ' }, x: 0.6, len: 0.4, y: -0.14, pad: { t: 10 }, steps }];
    layout.margin = { b: 150 };
  }
  return { data: [circles, ...bars.traces], layout };
}

/**
 * The bars: with a topic, its R most relevant terms for lambda, overall frequency (blue) behind the
 * topic's estimated frequency (red); without, the R most salient terms. {traces, title}.
 */
function termBars(prepared, data, topic, lambda, R) {
  let terms;
  let title;
  if (topic === null) {
    const order = Array.from(prepared.saliency, (s, w) => w).sort((a, b) => prepared.saliency[b] - prepared.saliency[a] || a - b);
    terms = order.slice(0, R).map((w) => ({ term: data.vocab[w], index: w }));
    title = `Top-${R} Most Salient Terms`;
  } else {
    terms = relevantTerms(prepared, data.topicTermDists, data.vocab, topic, lambda, R);
    title = `Top-${R} Most Relevant Terms for Topic ${topic} (${(100 * prepared.topicProportion[topic]).toFixed(1)}% of tokens), λ = ${lambda}`;
  }
  // Bars top-down: Plotly draws the first category at the bottom.
  const shown = [...terms].reverse();
  const y = shown.map(({ term }) => term);
  const traces = [{
    type: 'bar',
    orientation: 'h',
    name: 'Overall term frequency',
    x: shown.map(({ index }) => prepared.termFrequency[index]),
    y,
    marker: { color: BLUE, opacity: 0.6 },
    hovertemplate: '%{y}: %{x:.0f}<extra>overall</extra>',
    xaxis: 'x2',
    yaxis: 'y2',
  }];
  if (topic !== null) {
    traces.push({
      type: 'bar',
      orientation: 'h',
      name: 'Estimated term frequency within the selected topic',
      x: shown.map(({ index }) => prepared.termTopicFrequency[topic][index]),
      y,
      marker: { color: RED, opacity: 0.8 },
      hovertemplate: '%{y}: %{x:.1f}<extra>in the topic</extra>',
      xaxis: 'x2',
      yaxis: 'y2',
    });
  }
  return { traces, title };
}
