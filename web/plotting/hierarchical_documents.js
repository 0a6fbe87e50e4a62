// visualize_hierarchical_documents: BERTopic's bertopic/plotting/_hierarchical_documents.py. The
// documents' 2-D map at `nrLevels` levels of the topic hierarchy (model.hierarchicalTopics(docs)),
// a slider from the least merged level to the most: at each level a topic is replaced by the
// highest merge of the hierarchy at or under that level's distance that holds it.
// Returns a plain {data, layout} Plotly figure (see plotting/index.js).
//
// Differences: each level's topic labels are layout annotations set by its slider step (BERTopic
// adds a text-only point to every trace), so every trace holds documents only; each trace's
// `meta` is {level, topic} and layout.meta.levelDistances the levels' distances.
import { OUTLIER_COLOR, checkBool, checkCount, checkCustomLabels, checkFrame, checkModel, checkOptions, checkTopics, customLabel, paddedRange, plusShape, words } from './common.js';
import { POINT_OPTIONS, documentPoints, mapLayout, pointRanges } from './document_map.js';

function checkHierarchy(rows, what) {
  if (!Array.isArray(rows) || !rows.length || rows.some((r) => !r || !Array.isArray(r.Topics) || !Number.isFinite(r.Distance) || !('Parent_ID' in r) || typeof r.Parent_Name !== 'string')) {
    throw new Error(`${what}: hierarchicalTopics must be the result of await model.hierarchicalTopics(docs)`);
  }
}

/**
 * The level distances (BERTopic's max_distances): the hierarchy's merge distances (rows highest
 * Parent_ID first) at nrLevels points, 'linear' (the last of each of nrLevels equal runs of rows,
 * np.array_split) or 'log' (logspace indices), least merged level first.
 */
export function levelDistances(rows, nrLevels, levelScale, what) {
  const distances = rows.map((r) => r.Distance);
  const m = distances.length;
  if (levelScale === 'linear' || levelScale === 'lin') {
    if (nrLevels > m) throw new Error(`${what}: nrLevels (${nrLevels}) must be at most the number of merges (${m})`);
    const [size, extra] = [Math.floor(m / nrLevels), m % nrLevels];
    const ends = [];
    for (let c = 0, end = -1; c < nrLevels; ++c) ends.push((end += size + (c < extra ? 1 : 0)));
    return ends.map((i) => distances[i]).reverse();
  }
  if (levelScale === 'log' || levelScale === 'logarithmic') {
    if (m < 2) throw new Error(`${what}: levelScale 'log' needs at least two merges`);
    const top = Math.log10(m - 1);
    // np.round: halves to even.
    const round = (v) => (Math.abs(v % 1) === 0.5 ? 2 * Math.round(v / 2) : Math.round(v));
    const indices = Array.from({ length: nrLevels }, (_, i) => round(10 ** (nrLevels === 1 ? 0 : (top * i) / (nrLevels - 1))));
    return indices.reverse().map((i) => distances[i]);
  }
  throw new Error(`${what}: levelScale must be 'linear' or 'log', got ${JSON.stringify(levelScale)}`);
}

/** topic -> the highest merge (Parent_ID, a number) with Distance <= maxDistance holding it, else the topic. */
export function levelMapping(rows, topics, maxDistance) {
  const mapping = new Map(topics.map((t) => [t, t]));
  const below = rows.filter((r) => r.Distance <= maxDistance).sort((a, b) => Number(a.Parent_ID) - Number(b.Parent_ID));
  for (const r of below) for (const t of r.Topics) mapping.set(t, Number(r.Parent_ID));
  return mapping;
}

/**
 * Options (BERTopic's): topics (original topics whose documents are shown), embeddings,
 * reducedEmbeddings, sample, umapModel, seed (the map, as visualizeDocuments), hideAnnotations
 * (false), hideDocumentHover (true), nrLevels (10), levelScale ('linear' | 'log'), customLabels,
 * title, width (1200), height (750).
 */
export async function visualizeHierarchicalDocuments(model, docs, hierarchicalTopics, options = {}) {
  const what = 'visualizeHierarchicalDocuments';
  const o = checkOptions(options, [...POINT_OPTIONS, 'topics', 'hideAnnotations', 'hideDocumentHover', 'nrLevels', 'levelScale', 'customLabels', 'title', 'width', 'height'], what);
  const {
    hideAnnotations = false, hideDocumentHover = true, nrLevels = 10, levelScale = 'linear',
    title = '<b>Hierarchical Documents and Topics</b>', width = 1200, height = 750,
  } = o;
  const info = checkModel(model, what);
  checkHierarchy(hierarchicalTopics, what);
  checkBool(hideAnnotations, 'hideAnnotations', what);
  checkBool(hideDocumentHover, 'hideDocumentHover', what);
  checkCount(nrLevels, 'nrLevels', what);
  checkFrame(width, height, title, what);
  const customLabels = checkCustomLabels(o.customLabels, what);
  const selected = checkTopics(o.topics, info, what);
  const maxDistances = levelDistances(hierarchicalTopics, nrLevels, levelScale, what);
  const { topicPerDoc, indices, coords, uniqueTopics } = await documentPoints(model, docs, o, what);

  // Trace names (BERTopic: "<id>_<three words>" for topics, "<id>_<merge name>" for merges, 40 characters).
  const nameOf = new Map();
  for (const t of uniqueTopics) {
    if (t === -1) continue;
    const name = (customLabel(customLabels, t) ?? `${t}_${words(model, t).slice(0, 3).map((w) => w.slice(0, 20)).join('_')}`).slice(0, 40);
    nameOf.set(t, { trace: name, text: name });
  }
  for (const r of hierarchicalTopics) {
    const name = `${r.Parent_ID}_${r.Parent_Name}`;
    nameOf.set(Number(r.Parent_ID), { trace: name.slice(0, 40), text: name.split('_').slice(0, 3).map((w) => w.slice(0, 20)).join('_').slice(0, 40) });
  }

  const shown = selected ? new Set(selected) : null;
  const data = [];
  const levelAnnotations = [];
  const { xRange, yRange } = pointRanges(coords, indices.length, paddedRange);
  const plus = plusShape(xRange, yRange);
  const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;
  maxDistances.forEach((maxDistance, level) => {
    const mapping = levelMapping(hierarchicalTopics, uniqueTopics, maxDistance);
    const groups = new Map();
    indices.forEach((d, k) => {
      const topic = topicPerDoc[d];
      const merged = topic === -1 ? -1 : mapping.get(topic);
      if (merged !== -1 && shown && !shown.has(topic)) return;
      if (!groups.has(merged)) groups.set(merged, []);
      groups.get(merged).push(k);
    });
    const traceOf = (positions, topic, fields) => ({
      type: 'scattergl', mode: 'markers',
      x: positions.map((k) => coords[2 * k]), y: positions.map((k) => coords[2 * k + 1]),
      customdata: positions.map((k) => indices[k]),
      ...(hideDocumentHover ? { hoverinfo: 'skip' } : { hoverinfo: 'text', hovertext: positions.map((k) => docs[indices[k]]) }),
      visible: level === 0, meta: { level, topic }, ...fields,
    });
    if (uniqueTopics.includes(-1)) {
      data.push(traceOf(groups.get(-1) ?? [], -1, { name: 'other', showlegend: false, marker: { color: OUTLIER_COLOR, size: 5, opacity: 0.5 } }));
    }
    const labels = [];
    for (const topic of [...groups.keys()].filter((t) => t !== -1).sort((a, b) => a - b)) {
      const trace = traceOf(groups.get(topic), topic, { name: nameOf.get(topic).trace, marker: { size: 5, opacity: 0.5 } });
      data.push(trace);
      if (!hideAnnotations) labels.push({ x: mean(trace.x), y: mean(trace.y), text: nameOf.get(topic).text, showarrow: false, font: { size: 12 } });
    }
    levelAnnotations.push([...plus.annotations, ...labels]);
  });

  const steps = maxDistances.map((_, level) => ({
    method: 'update',
    label: String(level),
    args: [{ visible: data.map((t) => t.meta.level === level) }, { annotations: levelAnnotations[level] }],
  }));
  const layout = {
    ...mapLayout(title, width, height, plus),
    sliders: [{ currentvalue: { prefix: 'Level: ' }, pad: { t: 20 }, steps }],
    annotations: levelAnnotations[0],
    meta: { levelDistances: maxDistances },
  };
  return { data, layout };
}
