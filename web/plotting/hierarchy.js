// The topic dendrogram, mirroring BERTopic 0.17's visualize_hierarchy
// (bertopic/plotting/_hierarchy.py, which draws plotly's figure_factory.create_dendrogram of scipy's
// dendrogram): one U-shaped line per merge of TopicModel.hierarchicalTopics, leaves 10 apart
// (scipy's 5, 15, 25, ...), links below `colorThreshold` coloured per cluster, black markers at the
// merges with the merged topics' words on hover.
//
// Differences: the tree is the one hierarchicalTopics returned (pass it: BERTopic recomputes it
// from the c-TF-IDF matrix, which stays in the engine here), so there is no topics / topNTopics
// subset; children are not re-ordered by scipy's optimal leaf ordering.
import { HOVERLABEL, checkCustomLabels, checkFrame, checkModel, checkOptions, customLabel, titleSpec, words } from './common.js';

// matplotlib's tab10 ('C0' .. 'C9'), the colours scipy's dendrogram names and plotly maps.
const TAB10 = ['rgb(31,119,180)', 'rgb(255,127,14)', 'rgb(44,160,44)', 'rgb(214,39,40)', 'rgb(148,103,189)',
  'rgb(140,86,75)', 'rgb(227,119,194)', 'rgb(127,127,127)', 'rgb(188,189,34)', 'rgb(23,190,207)'];

function checkHierarchy(rows, what) {
  if (!Array.isArray(rows) || !rows.length) {
    throw new Error(`${what}: pass hierarchicalTopics, the result of await model.hierarchicalTopics(docs)`);
  }
  for (const r of rows) {
    if (!r || !('Parent_ID' in r) || !('Child_Left_ID' in r) || !('Child_Right_ID' in r) || !Number.isFinite(r.Distance)) {
      throw new Error(`${what}: hierarchicalTopics rows must be {Parent_ID, Child_Left_ID, Child_Right_ID, Distance, ...} as model.hierarchicalTopics returns`);
    }
  }
}

/**
 * Options: hierarchicalTopics (required), orientation 'left' (default: root on the left, labels on
 * the right) or 'bottom', colorThreshold (default 1, as BERTopic), customLabels, title, width,
 * height (default for 'left': 200 + 15 per topic, as BERTopic).
 */
export function visualizeHierarchy(model, options = {}) {
  const what = 'visualizeHierarchy';
  const o = checkOptions(options, ['hierarchicalTopics', 'orientation', 'colorThreshold', 'customLabels', 'title', 'width', 'height'], what);
  const { orientation = 'left', colorThreshold = 1, title = '<b>Hierarchical Clustering</b>', width = 1000 } = o;
  const info = checkModel(model, what);
  checkHierarchy(o.hierarchicalTopics, what);
  if (orientation !== 'left' && orientation !== 'bottom') throw new Error(`${what}: orientation must be 'left' or 'bottom'`);
  if (typeof colorThreshold !== 'number' || !Number.isFinite(colorThreshold)) throw new Error(`${what}: colorThreshold must be a number`);
  const customLabels = checkCustomLabels(o.customLabels, what);

  const topics = info.filter((r) => r.Topic !== -1).map((r) => r.Topic);
  const k = topics.length;
  const node = new Map(o.hierarchicalTopics.map((r) => [Number(r.Parent_ID), r]));
  if (node.size !== k - 1) throw new Error(`${what}: hierarchicalTopics has ${node.size} merges but the model has ${k} topics (expected ${k - 1})`);
  const height = o.height ?? (orientation === 'left' ? 200 + 15 * k : 600);
  checkFrame(width, height, title, what);

  // Leaf positions in left-to-right order of the tree; a merge sits between its children.
  const position = new Map();
  const depth = new Map();
  const leaves = [];
  const place = (id) => {
    if (id < k) {
      position.set(id, 10 * leaves.length + 5);
      depth.set(id, 0);
      leaves.push(id);
      return;
    }
    const r = node.get(id);
    if (!r) throw new Error(`${what}: merge ${id} is missing from hierarchicalTopics`);
    place(Number(r.Child_Left_ID));
    place(Number(r.Child_Right_ID));
    position.set(id, (position.get(Number(r.Child_Left_ID)) + position.get(Number(r.Child_Right_ID))) / 2);
    depth.set(id, r.Distance);
  };
  const root = Math.max(...node.keys());
  place(root);

  // scipy's colouring: each highest merge below the threshold starts a new colour for its subtree.
  const color = new Map();
  let clusters = 0;
  const paint = (id, inherited) => {
    if (id < k) return;
    const r = node.get(id);
    const own = inherited ?? (r.Distance < colorThreshold ? TAB10[1 + (clusters++ % 9)] : null);
    color.set(id, own ?? TAB10[0]);
    paint(Number(r.Child_Left_ID), own);
    paint(Number(r.Child_Right_ID), own);
  };
  paint(root, null);

  const sign = orientation === 'left' ? -1 : 1; // create_dendrogram puts the root on the left
  const data = [];
  for (const [id, r] of [...node.entries()].sort((a, b) => a[0] - b[0])) {
    const left = Number(r.Child_Left_ID), right = Number(r.Child_Right_ID);
    const heights = [depth.get(left), r.Distance, r.Distance, depth.get(right)].map((v) => sign * v);
    const places = [position.get(left), position.get(left), position.get(right), position.get(right)];
    data.push({
      type: 'scatter', mode: 'lines', hoverinfo: 'text', showlegend: false,
      x: orientation === 'left' ? heights : places,
      y: orientation === 'left' ? places : heights,
      marker: { color: color.get(id) }, line: { color: color.get(id) },
      customdata: [id],
    });
  }
  // Markers at the merges with the merged topics' words (BERTopic does this given hierarchical_topics).
  const merges = [...node.values()];
  const mx = merges.map((r) => sign * r.Distance), my = merges.map((r) => position.get(Number(r.Parent_ID)));
  data.push({
    type: 'scatter', mode: 'markers', hoverinfo: 'text', showlegend: false, marker: { color: 'black' },
    x: orientation === 'left' ? mx : my, y: orientation === 'left' ? my : mx,
    hovertext: merges.map((r) => `<b>Topic ${r.Parent_ID}</b>: ${r.Parent_Name}<br>Topics: ${Array.from(r.Topics ?? []).join(', ')}`),
  });

  const labels = leaves.map((leaf) => {
    const topic = topics[leaf];
    const custom = customLabel(customLabels, topic);
    if (custom !== undefined) return custom;
    const label = [String(topic), ...words(model, topic).slice(0, 3)].join('_');
    return label.length < 30 ? label : `${label.slice(0, 27)}...`;
  });
  // BERTopic trims the empty space: the leaf axis spans the leaves' positions +- 5.
  const leafAxis = { tickmode: 'array', tickvals: leaves.map((leaf) => position.get(leaf)), ticktext: labels,
    range: [0, 10 * k], showgrid: false, zeroline: false, automargin: true };
  const distanceAxis = { showgrid: false, zeroline: false, automargin: true };
  const layout = {
    plot_bgcolor: '#ECEFF1', paper_bgcolor: 'white',
    title: titleSpec(title),
    width, height,
    hoverlabel: HOVERLABEL,
    hovermode: 'closest',
    xaxis: orientation === 'left' ? distanceAxis : leafAxis,
    yaxis: orientation === 'left' ? { ...leafAxis, side: 'right' } : distanceAxis,
  };
  return { data, layout };
}
