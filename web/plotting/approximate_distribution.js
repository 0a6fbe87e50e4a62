// How each token of one document relates to the topics, mirroring BERTopic 0.17's
// visualize_approximate_distribution (bertopic/plotting/_approximate_distribution.py). BERTopic
// returns a pandas table styled with a 'Blues' gradient; here it is a Plotly heatmap of the same
// table: one row per topic with any weight (named by topicLabels_), one column per token, zeros
// left white, values printed with 3 decimals.
import { HOVERLABEL, checkBool, checkFrame, checkModel, checkOptions, customLabel, checkCustomLabels, titleSpec } from './common.js';

/**
 * `tokenDistribution`: one entry of approximateDistribution(docs, {calculateTokens: true})
 * .topicTokenDistributions ({tokens, distributions}). normalize divides by the table's total.
 */
export function visualizeApproximateDistribution(model, tokenDistribution, options = {}) {
  const what = 'visualizeApproximateDistribution';
  const o = checkOptions(options, ['normalize', 'customLabels', 'title', 'width', 'height'], what);
  const { normalize = false, title = '<b>Topic distribution per token</b>', width = 1000 } = o;
  const info = checkModel(model, what);
  checkBool(normalize, 'normalize', what);
  const customLabels = checkCustomLabels(o.customLabels, what);
  const { tokens, distributions } = tokenDistribution ?? {};
  if (!Array.isArray(tokens) || !Array.isArray(distributions) || tokens.length !== distributions.length) {
    throw new Error(`${what}: pass one entry of approximateDistribution(docs, {calculateTokens: true}).topicTokenDistributions`);
  }
  if (!tokens.length) throw new Error(`${what}: the document has no tokens`);
  const topics = info.filter((r) => r.Topic !== -1);
  const total = normalize ? distributions.reduce((sum, row) => sum + row.reduce((a, b) => a + b, 0), 0) : 1;
  const rows = [];
  topics.forEach((topic, t) => {
    const values = distributions.map((row) => (total > 0 ? row[t] / total : 0));
    if (values.some((v) => v !== 0)) rows.push({ label: customLabel(customLabels, topic.Topic) ?? topic.Name, values });
  });
  const height = o.height ?? 150 + 30 * Math.max(rows.length, 1);
  checkFrame(width, height, title, what);
  // Tokens can repeat; BERTopic makes column names unique by padding them with spaces.
  const columns = tokens.map((token, i) => `${token}${' '.repeat(i)}`);
  const z = rows.map((r) => r.values.map((v) => (v === 0 ? null : v)));
  const data = [{
    type: 'heatmap',
    x: columns,
    y: rows.map((r) => r.label),
    z,
    text: rows.map((r) => r.values.map((v) => (v === 0 ? '' : v.toFixed(3)))),
    texttemplate: '%{text}',
    colorscale: 'Blues',
    showscale: false,
    hoverongaps: false,
    xgap: 1,
    ygap: 1,
  }];
  const layout = {
    paper_bgcolor: 'white', plot_bgcolor: 'white',
    title: titleSpec(title),
    width, height,
    hoverlabel: HOVERLABEL,
    xaxis: { side: 'top', tickangle: -45, automargin: true },
    yaxis: { autorange: 'reversed', automargin: true },
  };
  return { data, layout };
}
