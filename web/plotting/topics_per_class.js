// visualize_topics_per_class: BERTopic's bertopic/plotting/_topics_per_class.py; input is the
// table TopicModel.topicsPerClass returns.
import { GROUP_COLORS, topicName, l2, groupFigureOptions, hover, groupLayout } from './group_figure.js';
import { selectTopics } from './common.js';

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
