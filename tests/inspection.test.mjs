// BERTopic's get_document_info, find_topics, generate_topic_labels and get_topic_tree
// (web/model/topic_inspection.js) on a real fit of 1,500 Brown paragraphs: each checked against the
// model it reads, and the tree against one drawn by hand from BERTopic's algorithm.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { TopicModel, embed } from '../web/node.js';
import { brownDocs, brownEmbeddings, shutdownAfterTests } from './helpers.mjs';

shutdownAfterTests();
const N = 1500;
const texts = brownDocs().slice(0, N).map((d) => d.text);
const embeddings = brownEmbeddings().slice(0, N * 384);
let model;
let probabilities;

before(async () => {
  // The Brown fixture's embeddings are fp32 all-MiniLM-L6-v2's: findTopics embeds with the same model.
  model = new TopicModel({ vectorizerModel: { stopWords: 'english' }, umapModel: { nEpochs: 100 }, embeddingModel: 'fp32' });
  ({ probabilities } = await model.fitTransform(texts, { embeddings }));
});

test('getDocumentInfo: a row per document with its topic row, top words, probability and representative flag', () => {
  const info = new Map(model.getTopicInfo().map((r) => [r.Topic, r]));
  const representative = new Set(Object.values(model.getRepresentativeDocs()).flat());
  const year = texts.map((_, i) => 1961 + (i % 3));
  const rows = model.getDocumentInfo(texts, { probabilities, metadata: { year }, df: texts.map((_, i) => ({ id: `p${i}` })) });
  assert.equal(rows.length, N);
  rows.forEach((row, i) => {
    const topic = model.topics_[i];
    assert.equal(row.Document, texts[i]);
    assert.equal(row.Topic, topic);
    assert.equal(row.Name, info.get(topic).Name);
    assert.deepEqual(row.Representation, info.get(topic).Representation);
    assert.equal(row.Top_n_words, model.getTopic(topic).map(([w]) => w).join(' - '));
    assert.equal(row.Probability, probabilities[i]);
    assert.equal(row.Representative_document, representative.has(texts[i]));
    assert.equal(row.year, year[i]);
    assert.equal(row.id, `p${i}`);
    assert.ok(!('Count' in row), 'BERTopic drops Count');
  });
  assert.ok(rows.filter((r) => r.Representative_document).length >= 3 * (info.size - 1), 'three representative documents per topic');
  // Without `probabilities` the model's probabilities_ fill the column, as BERTopic's.
  assert.deepEqual(Object.keys(model.getDocumentInfo(texts)[0]), ['Document', 'Topic', 'Name', 'Representation', 'Representative_Docs', 'Top_n_words', 'Probability', 'Representative_document']);
  assert.throws(() => model.getDocumentInfo(texts.slice(1)), /got 1499 documents but the model was fitted on 1500/);
  assert.throws(() => model.getDocumentInfo(texts, { metadata: { year: [1] } }), /metadata.year must hold one value per document/);
});

test('findTopics: topics ranked by cosine similarity of the term to the topic embeddings', async () => {
  const { data, cols } = model.topicEmbeddings_;
  const ids = model.getTopicInfo().map((r) => r.Topic);
  // A topic's own top words find that topic first.
  const target = ids.find((t) => t >= 0 && model.getTopicInfo(t)[0].Count >= 20);
  const term = model.getTopic(target).slice(0, 3).map(([w]) => w).join(' ');
  const { topics, similarities } = await model.findTopics(term, { topN: 5 });
  assert.equal(topics.length, 5);
  assert.deepEqual([...similarities].sort((a, b) => b - a), similarities, 'most similar first');
  assert.ok(topics.includes(target), `"${term}" should find topic ${target} among ${topics}`);
  // The similarities are the cosines of the term's embedding to those rows.
  const all = await model.findTopics(term, { topN: ids.length });
  assert.deepEqual([...all.topics].sort((a, b) => a - b), ids, 'every topic once');
  assert.deepEqual(all.similarities.slice(0, 5), similarities);
  const vector = await embed([term], { model: 'fp32' });
  topics.forEach((t, k) => {
    const row = data.subarray(ids.indexOf(t) * cols, (ids.indexOf(t) + 1) * cols);
    let dot = 0, a = 0, b = 0;
    for (let c = 0; c < cols; ++c) { dot += vector[c] * row[c]; a += vector[c] ** 2; b += row[c] ** 2; }
    assert.ok(Math.abs(similarities[k] - dot / Math.sqrt(a * b)) < 1e-9, `topic ${t}: ${similarities[k]} vs ${dot / Math.sqrt(a * b)}`);
  });
  await assert.rejects(model.findTopics(''), /non-empty string/);
  await assert.rejects(model.findTopics('x', { topN: 0 }), /topN must be an integer >= 1/);
});

test('generateTopicLabels: id prefix, first words cut to wordLength, separator', () => {
  const info = model.getTopicInfo();
  const labels = model.generateTopicLabels();
  assert.equal(labels.length, info.length);
  info.forEach((r, i) => assert.equal(labels[i], [r.Topic, ...model.getTopic(r.Topic).slice(0, 3).map(([w]) => w)].join('_')));
  const short = model.generateTopicLabels({ nrWords: 2, topicPrefix: false, wordLength: 4, separator: ', ' });
  info.forEach((r, i) => assert.equal(short[i], model.getTopic(r.Topic).slice(0, 2).map(([w]) => w.slice(0, 4)).join(', ')));
  // They feed setTopicLabels as BERTopic's docs show.
  model.setTopicLabels(labels);
  assert.equal(model.getTopicInfo()[1].CustomName, labels[1]);
  assert.throws(() => model.generateTopicLabels({ nrWord: 2 }), /unknown/);
});

test('getTopicTree: the tree BERTopic draws, on a hand-made hierarchy and on the real one', async () => {
  // Topics 0, 1, 2 merged: 3 = 0 + 1 at 0.2, 4 = 3 + 2 at 0.5.
  const hand = [
    { Parent_ID: '4', Parent_Name: 'a_b_c', Topics: [0, 1, 2], Child_Left_ID: '3', Child_Left_Name: 'a_b', Child_Right_ID: '2', Child_Right_Name: 'c', Distance: 0.5 },
    { Parent_ID: '3', Parent_Name: 'a_b', Topics: [0, 1], Child_Left_ID: '0', Child_Left_Name: 'a', Child_Right_ID: '1', Child_Right_Name: 'b', Distance: 0.2 },
  ];
  assert.equal(TopicModel.getTopicTree(hand), [
    '.',
    '├─a_b',
    '│    ├─■──a ── Topic: 0',
    '│    └─■──b ── Topic: 1',
    '└─■──c ── Topic: 2',
    '',
  ].join('\n'));
  assert.equal(TopicModel.getTopicTree(hand, { tightLayout: true, maxDistance: 0.3 }), ['.', '├─a_b', '│ ├─■──a ── Topic: 0', '│ └─■──b ── Topic: 1', '└─O ', ''].join('\n'));

  const hierarchy = await model.hierarchicalTopics(texts);
  const tree = model.getTopicTree(hierarchy);
  const leaves = tree.split('\n').filter((line) => line.includes('■──'));
  const topics = model.getTopicInfo().map((r) => r.Topic).filter((t) => t >= 0);
  assert.deepEqual(leaves.map((l) => Number(/Topic: (\d+)$/.exec(l)[1])).sort((a, b) => a - b), topics, 'every topic once');
  assert.equal(tree.split('\n').length, 1 + topics.length + (topics.length - 2) + 1, 'a line per topic and per inner merge below the root');
});
