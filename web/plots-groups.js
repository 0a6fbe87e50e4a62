// Plotly figures of topics within groups of documents, mirroring BERTopic 0.17's
// visualize_topics_over_time (bertopic/plotting/_topics_over_time.py) and
// visualize_topics_per_class (_topics_per_class.py): input is the table that
// TopicModel.topicsOverTime / topicsPerClass return.
import {
  HOVERLABEL, PLOTLY_WHITE_AXIS, WHITE_BACKGROUND, checkBool, checkCustomLabels, checkFrame, checkModel, checkOptions,
  customLabel, selectTopics, titleSpec,
} from './plot-common.js';

// The colours both BERTopic functions cycle through.
const GROUP_COLORS = ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#D55E00', '#0072B2', '#CC79A7'];

// BERTopic's names: custom labels, else topic_labels_ cut to 40 characters + "...".
function topicName(info, customLabels, topic) {
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
function l2(values) {
  const norm = Math.sqrt(values.reduce((sum, v) => sum + v * v, 0));
  return norm > 0 ? values.map((v) => v / norm) : values;
}

// The options both figures take, checked: the table as `source` returns it, normalizeFrequency,
// custom labels, and the frame (title, width, height; BERTopic's defaults per figure).
function groupFigureOptions(model, table, options, { what, key, source, title: defaultTitle, height: defaultHeight }) {
  const o = checkOptions(options, ['topics', 'topNTopics', 'normalizeFrequency', 'customLabels', 'title', 'width', 'height'], what);
  const { normalizeFrequency = false, title = defaultTitle, width = 1250, height = defaultHeight } = o;
  const info = checkModel(model, what);
  checkTable(table, key, what, source);
  checkBool(normalizeFrequency, 'normalizeFrequency', what);
  checkFrame(width, height, title, what);
  return { info, o, normalizeFrequency, customLabels: checkCustomLabels(o.customLabels, what), frame: { title, width, height } };
}

const hover = (topic, rows) => rows.map((r) => `<b>Topic ${topic}</b><br>Words: ${r.Words}`);

// What both figures' layouts share: white template, title at 40 %, a legend of global topic names;
// the frequency axis is titled by normalizeFrequency.
function groupLayout({ title, width, height, normalizeFrequency, frequencyAxis, classAxisTitle }) {
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

/**
 * Topic frequency over time, one line per topic (BERTopic's visualize_topics_over_time).
 * Default: every topic except -1 (topNTopics: the most frequent ones); normalizeFrequency divides
 * each line by its L2 norm.
 */
export function visualizeTopicsOverTime(model, topicsOverTime, options = {}) {
  const { info, o, normalizeFrequency, customLabels, frame } = groupFigureOptions(model, topicsOverTime, options, {
    what: 'visualizeTopicsOverTime', key: 'Timestamp', source: 'topicsOverTime', title: '<b>Topics over Time</b>', height: 450,
  });
  const selected = new Set(selectTopics(info, o.topics, o.topNTopics, 'visualizeTopicsOverTime', (bySize) => bySize));
  const time = (t) => (t instanceof Date ? t.getTime() : t);

  const topics = [...new Set(topicsOverTime.map((r) => r.Topic))].filter((t) => selected.has(t)).sort((a, b) => a - b);
  const data = topics.map((topic, index) => {
    const rows = topicsOverTime.filter((r) => r.Topic === topic).sort((a, b) => time(a.Timestamp) - time(b.Timestamp));
    const y = rows.map((r) => r.Frequency);
    return {
      type: 'scatter',
      mode: 'lines',
      x: rows.map((r) => r.Timestamp),
      y: normalizeFrequency ? l2(y) : y,
      marker: { color: GROUP_COLORS[index % GROUP_COLORS.length] },
      line: { color: GROUP_COLORS[index % GROUP_COLORS.length] },
      hoverinfo: 'text',
      name: topicName(info, customLabels, topic),
      hovertext: hover(topic, rows),
    };
  });
  return { data, layout: groupLayout({ ...frame, normalizeFrequency, frequencyAxis: 'y' }) };
}

/**
 * Topic frequency per class as horizontal bars, one trace per topic, only the first shown until
 * picked in the legend (BERTopic's visualize_topics_per_class). Default: the 10 most frequent
 * topics.
 */
export function visualizeTopicsPerClass(model, topicsPerClass, options = {}) {
  const { info, o, normalizeFrequency, customLabels, frame } = groupFigureOptions(model, topicsPerClass, options, {
    what: 'visualizeTopicsPerClass', key: 'Class', source: 'topicsPerClass', title: '<b>Topics per Class</b>', height: 900,
  });
  const selected = selectTopics(info, o.topics, o.topNTopics ?? 10, 'visualizeTopicsPerClass', (bySize) => bySize);

  const data = selected.map((topic, index) => {
    const rows = topicsPerClass.filter((r) => r.Topic === topic);
    const x = rows.map((r) => r.Frequency);
    return {
      type: 'bar',
      orientation: 'h',
      y: rows.map((r) => String(r.Class)),
      x: normalizeFrequency ? l2(x) : x,
      visible: index === 0 ? true : 'legendonly',
      marker: { color: GROUP_COLORS[index % GROUP_COLORS.length] },
      hoverinfo: 'text',
      name: topicName(info, customLabels, topic),
      hovertext: hover(topic, rows),
    };
  });
  return { data, layout: groupLayout({ ...frame, normalizeFrequency, frequencyAxis: 'x', classAxisTitle: 'Class' }) };
}
