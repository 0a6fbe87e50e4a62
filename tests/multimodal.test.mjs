// Multimodal topics (BERTopic's images + VisualRepresentation) on 1,000 Brown paragraphs whose
// precomputed embeddings stand in for the user's image embeddings, each document given a distinct
// image reference (a data URL): topicImages_ holds, per topic, the images of the documents
// BERTopic's _extract_representative_docs(nr_samples=500, nr_repr_docs=9) picks (so its first
// three are the documents getRepresentativeDocs keeps), it follows reduceTopics, and
// visualizeBarchart shows them in each topic's cell.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { TopicModel } from '../web/node.js';
import { visualizeBarchart } from '../web/plotting/index.js';
import { brownDocs, brownEmbeddings, shutdownAfterTests } from './helpers.mjs';

shutdownAfterTests();
const N = 1000;
const texts = brownDocs().slice(0, N).map((d) => d.text);
const embeddings = brownEmbeddings().slice(0, N * 384);
const images = texts.map((_, i) => `data:image/svg+xml,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><text>${i}</text></svg>`)}`);
const docOf = new Map(images.map((image, i) => [image, i]));
const options = { vectorizerModel: { stopWords: 'english' }, umapModel: { nEpochs: 100 } };
let model;

before(async () => {
  model = new TopicModel(options);
  await model.fitTransform(texts, { embeddings, images });
});

function assertImagesOfTopics(m) {
  const topics = Array.from(m.topics_);
  const info = m.getTopicInfo();
  const byTopic = m.topicImages_;
  assert.deepEqual(Object.keys(byTopic).map(Number).sort((a, b) => a - b), info.map((r) => r.Topic).sort((a, b) => a - b));
  for (const { Topic, Count } of info) {
    const docs = byTopic[Topic].map((image) => docOf.get(image));
    assert.equal(docs.length, Math.min(9, Count), `topic ${Topic}: nine images, or every document of a small topic`);
    assert.equal(new Set(docs).size, docs.length, `topic ${Topic}: distinct images`);
    assert.ok(docs.every((d) => topics[d] === Topic), `topic ${Topic}: images of its own documents`);
  }
  return byTopic;
}

test('topicImages_: nine representative images per topic, the first three those of getRepresentativeDocs', () => {
  assert.equal(new Set(texts).size, N, 'distinct paragraphs, so a text names its document');
  const byTopic = assertImagesOfTopics(model);
  for (const { Topic } of model.getTopicInfo()) {
    const representative = model.getRepresentativeDocs(Topic);
    assert.deepEqual(byTopic[Topic].slice(0, representative.length).map((image) => texts[docOf.get(image)]), representative, `topic ${Topic}`);
  }
  assert.deepEqual(model.topicImages_, byTopic, 'the same on every call');
});

test('topicImages_ follows reduceTopics; a fit without images has none', async () => {
  const reduced = new TopicModel(options);
  await reduced.fitTransform(texts, { embeddings, images });
  await reduced.reduceTopics(texts, { nrTopics: 6 });
  assert.equal(reduced.getTopicInfo().length, 6);
  assertImagesOfTopics(reduced);
  await reduced.fitTransform(texts.slice(0, 500), { embeddings: embeddings.slice(0, 500 * 384) });
  assert.equal(reduced.topicImages_, null, 'a new fit without images forgets them');
  assert.equal(visualizeBarchart(reduced).layout.images, undefined);
  reduced.free();
});

test('visualizeBarchart: each topic cell shows its first three images inside the cell', () => {
  const fig = visualizeBarchart(model, { topNTopics: 4 });
  const shown = fig.data.map((t) => Number(t.name.replace('Topic ', '')));
  assert.equal(fig.layout.images.length, 3 * shown.length);
  shown.forEach((topic, i) => {
    const cell = fig.layout.images.filter((img) => img.name === `topic ${topic}`);
    assert.deepEqual(cell.map((img) => img.source), model.topicImages_[topic].slice(0, 3));
    const axis = fig.layout[`xaxis${i === 0 ? '' : i + 1}`];
    const yAxis = fig.layout[`yaxis${i === 0 ? '' : i + 1}`];
    for (const img of cell) {
      assert.ok(img.x >= axis.domain[0] - 1e-12 && img.x + img.sizex <= axis.domain[1] + 1e-12, 'inside the cell horizontally');
      assert.ok(img.y >= yAxis.domain[0] - 1e-12 && img.y + img.sizey <= yAxis.domain[1] + 1e-12, 'inside the cell vertically');
    }
  });
  assert.equal(visualizeBarchart(model, { showImages: false }).layout.images, undefined);
});

test('fitTransform images: bad input throws and leaves the model as it was', async () => {
  const before = Array.from(model.topics_);
  await assert.rejects(model.fitTransform(texts, { embeddings, images: images.slice(1) }), /images has 999 entries but there are 1000 documents/);
  await assert.rejects(model.fitTransform(texts, { embeddings, images: [...images.slice(1), 7] }), (e) => e instanceof TypeError && /images\[999\] must be a non-empty string/.test(e.message));
  await assert.rejects(model.fitTransform(texts, { embeddings, images: 'a.png' }), TypeError);
  assert.deepEqual(Array.from(model.topics_), before);
  assert.ok(model.topicImages_, 'the images are kept');
});
