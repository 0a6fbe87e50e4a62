// The topic labels of a documents map (visualizeDocuments) for a view: no imports, so a page can
// load it to relabel a zoomed map without the rest of the library.

export const LABEL_NAME = 'topic label';

/**
 * The annotations of a documents map (visualizeDocuments' figure) for the view xRange x yRange:
 * the figure's other annotations and the labels of the topics whose label point is in view, the
 * `maxLabels` largest of them.
 */
export function documentLabelsInView(figure, xRange, yRange) {
  const [x0, x1] = [Math.min(...xRange), Math.max(...xRange)];
  const [y0, y1] = [Math.min(...yRange), Math.max(...yRange)];
  const { max = null, items = [] } = figure.layout.meta?.topicLabels ?? {};
  const inView = items.filter((l) => l.x >= x0 && l.x <= x1 && l.y >= y0 && l.y <= y1)
    .sort((a, b) => b.count - a.count || a.topic - b.topic).slice(0, max ?? Infinity)
    .sort((a, b) => a.topic - b.topic);
  return [
    ...(figure.layout.annotations ?? []).filter((a) => a.name !== LABEL_NAME),
    ...inView.map((l) => ({ name: LABEL_NAME, x: l.x, y: l.y, text: l.text, showarrow: false, font: { size: 12 } })),
  ];
}
