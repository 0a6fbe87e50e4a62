// Plotly figure specs for a fitted TopicModel, mirroring BERTopic 0.17's visualize_* methods
// (one file per figure, as bertopic/plotting/_*.py): same purpose, titles, defaults, trace types and hover text.
//
// Every function returns a plain, JSON-serialisable `{data, layout}` object: render it with
// `Plotly.newPlot(element, fig.data, fig.layout)` (plotly.js-dist-min) or inline it into an HTML
// report. No Plotly import is needed here.
//
// Differences from plotly.py: plotly.js has no named templates ('simple_white', 'plotly_white'),
// so their look is written out as layout properties, and the 'GnBu' colour scale (not built into
// plotly.js) is given as explicit colours. `customLabels` (an array indexed by topic id, or an
// object {topicId: label}) stands in for BERTopic's set_topic_labels / custom_labels=True.

export { visualizeBarchart } from './barchart.js';
export { visualizeTopics } from './topics.js';
export { visualizeDocuments, documentLabelsInView } from './documents.js';
export { visualizeHeatmap, wardClusters } from './heatmap.js';
export { visualizeTermRank } from './term_rank.js';
export { visualizeDistribution } from './distribution.js';
export { visualizeTopicsOverTime } from './topics_over_time.js';
export { visualizeTopicsPerClass } from './topics_per_class.js';
export { visualizeHierarchy } from './hierarchy.js';
export { visualizeHierarchicalDocuments } from './hierarchical_documents.js';
export { visualizeDocumentDatamap } from './datamap.js';
export { visualizeApproximateDistribution } from './approximate_distribution.js';
export { buildReport } from './report.js';
