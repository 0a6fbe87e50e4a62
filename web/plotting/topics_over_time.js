// visualize_topics_over_time: BERTopic's bertopic/plotting/_topics_over_time.py; input is the
// table TopicModel.topicsOverTime returns.
import { GROUP_COLORS, topicName, l2, groupFigureOptions, hover, groupLayout } from './group_figure.js';
import { selectTopics } from './common.js';

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
