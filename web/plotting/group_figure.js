// What the two figures of topics within groups of documents share (topics_over_time.js,
// topics_per_class.js): option checks, colours, names, hover text and layout.
import {
  HOVERLABEL, PLOTLY_WHITE_AXIS, WHITE_BACKGROUND, checkBool, checkCustomLabels, checkFrame, checkModel, checkOptions,
  customLabel, titleSpec,
} from './common.js';

// The colours both BERTopic functions cycle through.
export const GROUP_COLORS = ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#D55E00', '#0072B2', '#CC79A7'];

// BERTopic's names: custom labels, else topic_labels_ cut to 40 characters + "...".
export function topicName(info, customLabels, topic) {
  const custom = customLabel(customLabels, topic);
  if (custom !== undefined) return custom;
  const name = info.find((row) => row.Topic === topic)?.Name ?? String(topic);
  return name.length > 40 ? `${name.slice(0, 40)}...` : name;
}

function checkTable(table, groupKey, what, source) {
  if (!Array.isArray(table) || !table.length) throw new Error(`${what}: pass the non-empty result of ${source}`);
  for (const row of table) {
    if (!row || !Number.isInteger(row.Topic) || typeof row.Words !== 'string' || !Number.isFinite(row.Frequency) || !(groupKey in row)) {
      throw new Error(`${what}: rows must be {Topic, Words, Frequency, ${groupKey}} as ${source} returns`);
    }
  }
}

// L2 normalisation of one trace's frequencies (sklearn's normalize, as BERTopic).
export function l2(values) {
  const norm = Math.sqrt(values.reduce((sum, v) => sum + v * v, 0));
  return norm > 0 ? values.map((v) => v / norm) : values;
}

// The options both figures take, checked: the table as `source` returns it, normalizeFrequency,
// custom labels, and the frame (title, width, height; BERTopic's defaults per figure).
export function groupFigureOptions(model, table, options, { what, key, source, title: defaultTitle, height: defaultHeight }) {
  const o = checkOptions(options, ['topics', 'topNTopics', 'normalizeFrequency', 'customLabels', 'title', 'width', 'height'], what);
  const { normalizeFrequency = false, title = defaultTitle, width = 1250, height = defaultHeight } = o;
  const info = checkModel(model, what);
  checkTable(table, key, what, source);
  checkBool(normalizeFrequency, 'normalizeFrequency', what);
  checkFrame(width, height, title, what);
  return { info, o, normalizeFrequency, customLabels: checkCustomLabels(o.customLabels, what), frame: { title, width, height } };
}

export const hover = (topic, rows) => rows.map((r) => `<b>Topic ${topic}</b><br>Words: ${r.Words}`);

// What both figures' layouts share: white template, title at 40 %, a legend of global topic names;
// the frequency axis is titled by normalizeFrequency.
export function groupLayout({ title, width, height, normalizeFrequency, frequencyAxis, classAxisTitle }) {
  const frequency = { ...PLOTLY_WHITE_AXIS, showgrid: true, title: { text: normalizeFrequency ? 'Normalized Frequency' : 'Frequency' } };
  const other = { ...PLOTLY_WHITE_AXIS, showgrid: true, ...(classAxisTitle ? { title: { text: classAxisTitle } } : {}) };
  return {
    ...WHITE_BACKGROUND,
    title: titleSpec(title, { x: 0.4, y: 0.95 }),
    width,
    height,
    hoverlabel: HOVERLABEL,
    xaxis: frequencyAxis === 'x' ? frequency : other,
    yaxis: frequencyAxis === 'y' ? frequency : other,
    legend: { title: { text: '<b>Global Topic Representation' } },
  };
}
