// BERTopic 0.17.4 tests/test_plotting/test_documents.py on topicwasm (fixtures: ../../fixtures.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reduceDimensions, visualizeDocuments } from '../../../../web/node.js';
import { shutdownAfterTests } from '../../../helpers.mjs';
import { N, documents, embeddings, on, shared, sorted } from '../../fixtures.mjs';

shutdownAfterTests();

// conftest's reduced_embeddings: UMAP(n_neighbors=10, n_components=2, min_dist=0.0, metric="cosine")
// (100 epochs, as the fixtures' UMAP)
let reducedEmbeddings = null;
const reduced = async () => (reducedEmbeddings ??= await reduceDimensions(embeddings, N, { method: 'umap', nComponents: 2, umapModel: { nNeighbors: 10, minDist: 0, metric: 'cosine', nEpochs: 100 } }));

for (const name of ['kmeans_pca', 'base', 'custom', 'merged', 'reduced']) {
  test(`test_documents[${name}_topic_model]`, on(name), async () => {
    const model = await shared(name);
    const topics = new Set(model.topics_);
    topics.delete(-1);
    const fig = await visualizeDocuments(model, documents, { reducedEmbeddings: await reduced(), hideDocumentHover: true });
    const figTopics = fig.data.slice(1).map((data) => Number.parseInt(data.name.split('_')[0], 10));
    assert.deepEqual(sorted(new Set(figTopics)), sorted(topics));
  });
}
