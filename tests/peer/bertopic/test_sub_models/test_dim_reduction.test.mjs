// BERTopic 0.17.4 tests/test_sub_models/test_dim_reduction.py on topicwasm. BERTopic's private
// _reduce_dimensionality(embeddings) fits the model's umap_model on them: reduceDimensions here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reduceDimensions } from '../../../../web/node.js';
import { shutdownAfterTests } from '../../../helpers.mjs';
import { FIXTURE_OPTIONS, MODELS6, randomMatrix } from '../../fixtures.mjs';

shutdownAfterTests();

for (const [rows, cols, nComponents] of [[100, 128, 5], [10, 256, 5], [50, 15, 10]]) {
  for (const method of ['umap', 'pca']) {
    test(`test_reduce_dimensionality[${rows}x${cols}-${nComponents}-${method}]`, async () => {
      const embeddings = randomMatrix(rows, cols, rows + cols);
      const warnings = [];
      const original = console.warn;
      console.warn = (message) => warnings.push(String(message)); // umap-learn's n_neighbors warning for 10 points
      let reduced;
      try {
        reduced = await reduceDimensions(embeddings, rows, { method, nComponents });
      } finally {
        console.warn = original;
      }
      assert.deepEqual([reduced.rows, reduced.cols], [rows, nComponents]);
      assert.equal(reduced.data.length, rows * nComponents);
    });
  }
}

// Each fixture's dimensionality reduction (its umapModel settings) fitted on 500 x 128 random
// vectors. conftest's online model uses PCA(n_components=5) (IncrementalPCA in the fixture, which
// partialFit needs): PCA here, as in BERTopic's test.
for (const name of MODELS6) {
  test(`test_custom_reduce_dimensionality[${name}_topic_model]`, async () => {
    const embeddings = randomMatrix(500, 128, 7);
    const options = FIXTURE_OPTIONS[name];
    const method = options.reduceModel === 'pca' || options.reduceModel === 'incrementalPca' ? 'pca' : 'umap';
    const nComponents = options.umapModel.nComponents ?? 5;
    const { umapModel: { nComponents: _, ...umapModel } = {} } = options;
    const reduced = await reduceDimensions(embeddings, 500, { method, nComponents, ...(method === 'umap' ? { umapModel } : {}) });
    assert.ok(reduced.cols < 128);
  });
}
