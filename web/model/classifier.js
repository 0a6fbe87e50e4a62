// Supervised topic modeling with a classifier as the cluster step (BERTopic's
// hdbscan_model=LogisticRegression() with umap_model=BaseDimensionalityReduction()): the
// classifier is fitted on the embeddings and fit's y, and its predictions are the clusters the
// engine turns into topics (renumbered by size; the topic mapper keeps label -> topic).
import { matrixRows } from '../engine/embeddings.js';
import { reportProgress } from './fit_inputs.js';
import { LogisticRegression } from './logistic_regression.js';

const rowsOf = (data, n, cols) => matrixRows({ data, rows: n, cols });

/** The classifier's predictions for n rows, checked (an Int32Array of integers >= -1). */
export async function classifierLabels(model, data, n, cols) {
  const predicted = await model.predict(rowsOf(data, n, cols));
  if (!predicted || typeof predicted.length !== 'number') throw new TypeError('clusterModel.predict(X) must return an array of labels');
  if (predicted.length !== n) throw new Error(`clusterModel.predict(X) returned ${predicted.length} labels for ${n} documents`);
  return Int32Array.from(predicted, (label, i) => {
    if (!Number.isInteger(label) || label < -1 || label > 2 ** 31 - 1) throw new TypeError(`clusterModel.predict(X)[${i}] must be an integer label >= -1, got ${JSON.stringify(label)}`);
    return label;
  });
}

/**
 * For clusterModel 'logisticRegression' or a {fit, predict} object: fits it on (data, y) and
 * returns {model, labels}; null for the other cluster steps. Checks first, so that a bad call
 * leaves the TopicModel as it was.
 */
export async function fitClassifier(options, object, data, n, cols, y, onProgress) {
  if (options.clusterModel !== 'logisticRegression' && options.clusterModel !== 'classifier') return null;
  const name = options.clusterModel === 'logisticRegression' ? "clusterModel 'logisticRegression'" : 'a classifier clusterModel';
  if (y === null) throw new Error(`${name} is fitted on labels: pass y to fit / fitTransform (supervised topic modeling)`);
  if (options.reduceModel !== 'none') {
    throw new Error(`${name} needs reduceModel 'none' (BERTopic's BaseDimensionalityReduction): it classifies the embeddings as given, and transform predicts on them`);
  }
  if (options.zeroshotTopicList) throw new Error(`${name} cannot be combined with zeroshotTopicList`);
  const model = object ?? new LogisticRegression(options.logisticRegressionModel);
  reportProgress(onProgress, 'classifier', 0, 1);
  await model.fit(rowsOf(data, n, cols), Int32Array.from(y));
  const labels = await classifierLabels(model, data, n, cols);
  reportProgress(onProgress, 'classifier', 1, 1);
  return { model, labels };
}
