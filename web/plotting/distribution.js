// visualize_distribution: BERTopic's bertopic/plotting/_distribution.py.
// Returns a plain {data, layout} Plotly figure (see plotting/index.js).
import { HOVERLABEL, SIMPLE_WHITE_AXIS, WHITE_BACKGROUND, titleSpec, checkModel, checkOptions, checkFrame, checkCustomLabels, customLabel, words } from './common.js';

/**
 * One document's topic distribution as horizontal bars (BERTopic's visualize_distribution):
 * `probabilities` is a row of fitTransform / transform probabilities with calculateProbabilities
 * (length K = topics 0..K-1); topics below `minProbability` are dropped. Labels: customLabels,
 * else "<b>Topic i</b>: w1_w2_w3_w4_w5" (cut to 40 characters + "...") from `model`, else
 * "Topic i". With a model, topics it does not have are dropped, as in BERTopic.
 */
export function visualizeDistribution(probabilities, options = {}) {
  const what = 'visualizeDistribution';
  const o = checkOptions(options, ['minProbability', 'customLabels', 'model', 'title', 'width', 'height'], what);
  const { minProbability = 0.015, title = '<b>Topic Probability Distribution</b>', width = 800, height = 600, model } = o;
  const isVector = Array.isArray(probabilities) || (ArrayBuffer.isView(probabilities) && !(probabilities instanceof DataView));
  if (!isVector) {
    throw new Error(`${what}: probabilities must be an array (or Float32Array) of one document's topic probabilities; fit with calculateProbabilities: true to get them`);
  }
  if (!probabilities.length) throw new Error(`${what}: probabilities is empty`);
  for (let i = 0; i < probabilities.length; ++i) {
    const p = probabilities[i];
    if (typeof p !== 'number' || !Number.isFinite(p)) {
      throw new Error(`${what}: probabilities[${i}] is not a finite number (got ${Array.isArray(p) || ArrayBuffer.isView(p) ? 'an array: pass one document\'s row' : JSON.stringify(p)})`);
    }
  }
  if (typeof minProbability !== 'number' || !Number.isFinite(minProbability) || minProbability < 0) {
    throw new Error(`${what}: minProbability must be a non-negative number, got ${JSON.stringify(minProbability)}`);
  }
  checkFrame(width, height, title, what);
  const customLabels = checkCustomLabels(o.customLabels, what);
  let known = null;
  if (model !== undefined && model !== null) {
    const info = checkModel(model, what);
    known = new Set(info.map((row) => row.Topic));
    const k = info.filter((row) => row.Topic !== -1).length;
    if (probabilities.length !== k) {
      throw new Error(`${what}: probabilities has ${probabilities.length} values but the model has ${k} topics (outliers excluded)`);
    }
  }
  if (![...probabilities].some((p) => p > minProbability)) {
    throw new Error(`${what}: no probability is above minProbability (${minProbability}); lower minProbability`);
  }

  const x = [];
  const y = [];
  const topics = [];
  for (let topic = 0; topic < probabilities.length; ++topic) {
    const p = probabilities[topic];
    if (!(p >= minProbability)) continue;
    let label = customLabel(customLabels, topic);
    if (label === undefined && known) {
      if (!known.has(topic)) continue;
      const top = words(model, topic);
      if (!top.length) continue;
      label = `<b>Topic ${topic}</b>: ${top.slice(0, 5).join('_')}`;
      label = label.length > 40 ? `${label.slice(0, 40)}...` : label;
    }
    x.push(p);
    y.push(label ?? `Topic ${topic}`);
    topics.push(topic);
  }
  const data = [
    {
      type: 'bar',
      orientation: 'h',
      x,
      y,
      customdata: topics,
      marker: { color: '#C8D2D7', line: { color: '#6E8484', width: 1 } },
    },
  ];
  const layout = {
    ...WHITE_BACKGROUND,
    title: titleSpec(title, { y: 0.95 }),
    width,
    height,
    hoverlabel: HOVERLABEL,
    xaxis: { ...SIMPLE_WHITE_AXIS, title: { text: 'Probability' } },
    yaxis: { ...SIMPLE_WHITE_AXIS, automargin: true },
  };
  return { data, layout };
}
