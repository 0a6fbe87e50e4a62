// BERTopic 0.17.4 tests/test_sub_models/test_cluster.py on topicwasm. BERTopic's private
// _cluster_embeddings(embeddings, documents) is the cluster step of a fit: here a fit with
// reduceModel 'none' (the embeddings are clustered as given) on make_blobs data, documents "1".."n".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TopicModel } from '../../../../web/node.js';
import { shutdownAfterTests } from '../../../helpers.mjs';
import { makeBlobs } from '../../fixtures.mjs';

shutdownAfterTests();

const SHAPES = [[200, 500, 1], [500, 200, 1], [200, 500, 2], [500, 200, 2], [200, 500, 4], [500, 200, 4]];

async function clusterEmbeddings(clusterModel, samples, features, centers) {
  const { data } = makeBlobs(samples, centers, features, 42);
  const documents = Array.from({ length: samples }, (_, i) => String(i + 1));
  const options = clusterModel === 'kmeans'
    ? { clusterModel: 'kmeans', kmeansModel: { nClusters: centers } } // KMeans(n_clusters=centers)
    : { hdbscanModel: { minClusterSize: 10, clusterSelectionMethod: 'eom' } }; // HDBSCAN(10, euclidean, eom)
  const model = new TopicModel({ reduceModel: 'none', ...options });
  await model.fit(documents, { embeddings: data });
  // the documents' DataFrame: "Document" and "ID" unchanged, a "Topic" per document
  assert.equal(model.topics_.length, documents.length);
  return model;
}

for (const name of ['test_hdbscan_cluster_embeddings', 'test_custom_hdbscan_cluster_embeddings']) {
  for (const [samples, features, centers] of SHAPES) {
    for (const clusterModel of ['hdbscan', 'kmeans']) {
      test(`${name}[${samples}-${features}-${centers}-${clusterModel}]`, async () => {
        const model = await clusterEmbeddings(clusterModel, samples, features, centers);
        assert.equal(new Set(model.topics_).size, centers);
      });
    }
  }
}
