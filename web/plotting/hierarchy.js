// The topic dendrogram, mirroring BERTopic 0.17's visualize_hierarchy
// (bertopic/plotting/_hierarchy.py, which draws plotly's figure_factory.create_dendrogram of scipy's
// dendrogram): the chosen topics (topics / topNTopics, default all but -1) linked under 1 - cosine
// of their c-TF-IDF rows (useCtfidf: true, the default) or topic embeddings, by `linkage` ('ward',
// as BERTopic's default linkage_function) or a linkageFunction; one U-shaped line per merge, leaves
// 10 apart (scipy's 5, 15, 25, ...), links below `colorThreshold` coloured per cluster, black
// markers at the merges with the merged topics on hover (and their words when hierarchicalTopics,
// the result of model.hierarchicalTopics(docs), is given and every topic is shown, as BERTopic).
//
// Differences: children are not re-ordered by scipy's optimal leaf ordering; no distance_function
// (topicDistances' cosine distances are the ones used).
import { HOVERLABEL, checkBool, checkCustomLabels, checkFrame, checkModel, checkOptions, customLabel, selectTopics, titleSpec, words } from './common.js';
import { checkLinkage, linkTopics } from '../model/topic_linkage.js';

// matplotlib's tab10 ('C0' .. 'C9'), the colours scipy's dendrogram names and plotly maps.
const TAB10 = ['rgb(31,119,180)', 'rgb(255,127,14)', 'rgb(44,160,44)', 'rgb(214,39,40)', 'rgb(148,103,189)',
  'rgb(140,86,75)', 'rgb(227,119,194)', 'rgb(127,127,127)', 'rgb(188,189,34)', 'rgb(23,190,207)'];

function checkHierarchy(rows, what) {
  if (!Array.isArray(rows) || !rows.length) {
    throw new Error(`${what}: hierarchicalTopics must be the result of await model.hierarchicalTopics(docs)`);
  }
  for (const r of rows) {
    if (!r || !('Parent_ID' in r) || !('Parent_Name' in r) || !Array.isArray(r.Topics) || !Number.isFinite(r.Distance)) {
      throw new Error(`${what}: hierarchicalTopics rows must be {Parent_ID, Parent_Name, Topics, Distance, ...} as model.hierarchicalTopics returns`);
    }
  }
}

/**
 * The linkage of the chosen topics (ascending ids) as merge nodes {Parent_ID, Child_Left_ID,
 * Child_Right_ID, Distance, Topics}: ids < k are positions in `topics`, k + s the merge s.
 */
export function topicLinkageTree(model, topics, { useCtfidf = true, linkage = 'ward', linkageFunction = null } = {}, what) {
  checkBool(useCtfidf, 'useCtfidf', what);
  checkLinkage(linkage, what);
  if (linkageFunction !== null && typeof linkageFunction !== 'function') throw new TypeError(`${what}: linkageFunction must be a function`);
  if (linkageFunction && linkage !== 'ward') throw new Error(`${what}: pass either linkage ('${linkage}') or linkageFunction, not both`);
  const { condensed, n } = model.topicDistances({ useCtfidf });
  const all = model.getTopicInfo().map((r) => r.Topic).filter((t) => t !== -1).sort((a, b) => a - b);
  if (all.length !== n) throw new Error(`${what}: the model has ${all.length} topics but ${n} topic distances`);
  const k = topics.length;
  const index = topics.map((t) => all.indexOf(t));
  const sub = new Float64Array((k * (k - 1)) / 2);
  const at = (i, j) => n * i - (i * (i + 1)) / 2 + j - i - 1;
  for (let a = 0, p = 0; a < k; ++a) for (let b = a + 1; b < k; ++b, ++p) sub[p] = condensed[at(Math.min(index[a], index[b]), Math.max(index[a], index[b]))];
  const flat = linkTopics(sub, k, linkage, linkageFunction, what);
  const members = topics.map((t) => [t]);
  const nodes = [];
  for (let s = 0; s < k - 1; ++s) {
    const [a, b, distance] = flat.subarray(4 * s, 4 * s + 3);
    if (!members[a] || !members[b] || a === b) throw new Error(`${what}: linkage row ${s} merges clusters ${a} and ${b}, which do not both exist`);
    members[k + s] = [...members[a], ...members[b]].sort((x, y) => x - y);
    members[a] = members[b] = null;
    nodes.push({ Parent_ID: k + s, Child_Left_ID: a, Child_Right_ID: b, Distance: distance, Topics: members[k + s] });
  }
  return nodes;
}

/**
 * Options: topics, topNTopics, useCtfidf (default true), linkage ('ward'), linkageFunction
 * (condensed, {n, square}) -> linkage matrix (as hierarchicalTopics'), hierarchicalTopics (merge
 * names on hover), orientation 'left' (default: root on the left, labels on the right) or 'bottom',
 * colorThreshold (default 1, as BERTopic), customLabels, title, width, height (default for
 * 'left': 200 + 15 per topic, as BERTopic).
 */
export function visualizeHierarchy(model, options = {}) {
  const what = 'visualizeHierarchy';
  const o = checkOptions(options, ['topics', 'topNTopics', 'useCtfidf', 'linkage', 'linkageFunction', 'hierarchicalTopics', 'orientation', 'colorThreshold', 'customLabels', 'title', 'width', 'height'], what);
  const { orientation = 'left', colorThreshold = 1, title = '<b>Hierarchical Clustering</b>', width = 1000 } = o;
  const info = checkModel(model, what);
  if (o.hierarchicalTopics !== undefined && o.hierarchicalTopics !== null) checkHierarchy(o.hierarchicalTopics, what);
  if (orientation !== 'left' && orientation !== 'bottom') throw new Error(`${what}: orientation must be 'left' or 'bottom'`);
  if (typeof colorThreshold !== 'number' || !Number.isFinite(colorThreshold)) throw new Error(`${what}: colorThreshold must be a number`);
  const customLabels = checkCustomLabels(o.customLabels, what);

  const allTopics = info.filter((r) => r.Topic !== -1).map((r) => r.Topic);
  const topics = selectTopics(info, o.topics, o.topNTopics, what, (bySize) => bySize).sort((a, b) => a - b);
  if (topics.includes(-1)) throw new Error(`${what}: the outlier topic -1 has no place in the hierarchy`);
  if (topics.length < 2) throw new Error(`${what}: the hierarchy needs at least two topics, got ${topics.length}`);
  const k = topics.length;
  const merges = topicLinkageTree(model, topics, { useCtfidf: o.useCtfidf ?? true, linkage: o.linkage ?? 'ward', linkageFunction: o.linkageFunction ?? null }, what);
  // BERTopic names the merges from hierarchical_topics only when every topic is shown, matching by topic set.
  const names = new Map();
  if (o.hierarchicalTopics && k === allTopics.length) {
    if (o.hierarchicalTopics.length !== k - 1) throw new Error(`${what}: hierarchicalTopics has ${o.hierarchicalTopics.length} merges but the model has ${k} topics (expected ${k - 1})`);
    for (const r of o.hierarchicalTopics) names.set(Array.from(r.Topics).join(','), r.Parent_Name);
  }
  const node = new Map(merges.map((r) => [r.Parent_ID, r]));
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
  const mx = merges.map((r) => sign * r.Distance), my = merges.map((r) => position.get(Number(r.Parent_ID)));
  data.push({
    type: 'scatter', mode: 'markers', hoverinfo: 'text', showlegend: false, marker: { color: 'black' },
    x: orientation === 'left' ? mx : my, y: orientation === 'left' ? my : mx,
    hovertext: merges.map((r) => {
      const name = names.get(r.Topics.join(','));
      return `${name === undefined ? '' : `<b>${name}</b><br>`}Topics: ${r.Topics.join(', ')}`;
    }),
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
