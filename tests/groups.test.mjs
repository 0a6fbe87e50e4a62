// topicsOverTime / topicsPerClass (BERTopic's topics_over_time / topics_per_class) and their figures,
// on 360 State of the Union passages (1933-2021) with one topic per president (manual fit).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TopicModel, visualizeTopicsOverTime, visualizeTopicsPerClass } from '../web/node.js';
import { shutdownAfterTests, sotuPresidentsModel } from './helpers.mjs';

shutdownAfterTests();

const { docs, rows, presidents, model } = await sotuPresidentsModel();
const years = rows.map((r) => r.year);
const parties = rows.map((r) => r.party);
const topics = model.topics_;
const top5 = (t) => model.getTopic(t).slice(0, 5).map(([w]) => w).join(', ');
const sizes = model.topicSizes_;

test('one time bin without tuning gives each topic its global words and size', async () => {
  for (const globalTuning of [false, true]) {
    const table = await model.topicsOverTime(docs, years, { nrBins: 1, globalTuning, evolutionTuning: false });
    assert.equal(table.length, presidents.length);
    assert.equal(new Set(table.map((r) => r.Timestamp)).size, 1);
    for (const row of table) {
      assert.equal(row.Words, top5(row.Topic), `topic ${row.Topic}, globalTuning ${globalTuning}`);
      assert.equal(row.Frequency, sizes[row.Topic]);
    }
  }
});

test('topics over time: frequencies add up per year and per topic, time points ascend', async () => {
  const table = await model.topicsOverTime(docs, years);
  const perYear = new Map();
  const perTopic = new Map();
  for (const r of table) {
    perYear.set(r.Timestamp, (perYear.get(r.Timestamp) ?? 0) + r.Frequency);
    perTopic.set(r.Topic, (perTopic.get(r.Topic) ?? 0) + r.Frequency);
    assert.equal(r.Words.split(', ').length, 5);
  }
  for (const [year, count] of perYear) assert.equal(count, years.filter((v) => v === year).length);
  for (const [topic, count] of perTopic) assert.equal(count, sizes[topic]);
  const stamps = table.map((r) => r.Timestamp);
  assert.deepEqual(stamps, [...stamps].sort((a, b) => a - b));
  // Tuning changes descriptions: with it, at least one topic-year differs from the untuned words.
  const plain = await model.topicsOverTime(docs, years, { globalTuning: false, evolutionTuning: false });
  assert.equal(plain.length, table.length);
  assert.ok(plain.some((r, i) => r.Words !== table[i].Words));
});

test('nrBins: pandas.cut bins, left edges as time points; date strings give Dates', async () => {
  const table = await model.topicsOverTime(docs, years, { nrBins: 4 });
  const lo = Math.min(...years), hi = Math.max(...years), width = (hi - lo) / 4;
  const edges = [lo - (hi - lo) * 0.001, lo + width, lo + 2 * width, lo + 3 * width];
  const stamps = [...new Set(table.map((r) => r.Timestamp))];
  assert.ok(stamps.every((s) => edges.some((e) => Math.abs(e - s) < 1e-9)), `time points ${stamps}`);
  const inBin = (yr, k) => yr > edges[k] && (k === 3 ? yr <= hi : yr <= edges[k + 1]);
  for (const s of stamps) {
    const k = edges.findIndex((e) => Math.abs(e - s) < 1e-9);
    const expected = years.filter((yr) => inBin(yr, k)).length;
    assert.equal(table.filter((r) => r.Timestamp === s).reduce((sum, r) => sum + r.Frequency, 0), expected);
  }
  const dated = await model.topicsOverTime(docs, years.map((yr) => `${yr}-06-30`), { nrBins: 1 });
  assert.ok(dated.every((r) => r.Timestamp instanceof Date));
});

test('topics per class: a class holding all of a topic gives its global words (no tuning)', async () => {
  const table = await model.topicsPerClass(docs, parties, { globalTuning: false });
  assert.deepEqual([...new Set(table.map((r) => r.Class))], ['Democratic', 'Republican']);
  for (const r of table) {
    assert.equal(r.Frequency, sizes[r.Topic], 'each president belongs to one party');
    assert.equal(r.Words, top5(r.Topic));
  }
  const tuned = await model.topicsPerClass(docs, parties);
  assert.equal(tuned.length, presidents.length);
});

test('figures of topics over time and per class', async () => {
  const overTime = await model.topicsOverTime(docs, years);
  const fig = visualizeTopicsOverTime(model, overTime, { topNTopics: 5 });
  assert.equal(fig.data.length, 5);
  for (const trace of fig.data) {
    assert.equal(trace.type, 'scatter');
    assert.deepEqual(trace.x, [...trace.x].sort((a, b) => a - b));
    assert.equal(trace.hovertext.length, trace.x.length);
    assert.ok(trace.hovertext[0].startsWith('<b>Topic '));
  }
  const normalized = visualizeTopicsOverTime(model, overTime, { normalizeFrequency: true });
  assert.equal(normalized.data.length, presidents.length);
  for (const trace of normalized.data) assert.ok(Math.abs(Math.hypot(...trace.y) - 1) < 1e-9);
  assert.equal(normalized.layout.yaxis.title.text, 'Normalized Frequency');

  const perClass = visualizeTopicsPerClass(model, await model.topicsPerClass(docs, parties));
  assert.equal(perClass.data.length, 10);
  assert.deepEqual(perClass.data.map((t) => t.visible), [true, ...Array(9).fill('legendonly')]);
  assert.ok(perClass.data.every((t) => t.orientation === 'h' && t.y.every((c) => c === 'Democratic' || c === 'Republican')));
  assert.throws(() => visualizeTopicsOverTime(model, [], {}), /non-empty result of topicsOverTime/);
  assert.throws(() => visualizeTopicsPerClass(model, overTime), /rows must be \{Topic, Words, Frequency, Class\}/);
});

test('bad input is a clear Error', async () => {
  await assert.rejects(model.topicsOverTime(docs, years.slice(1)), /timestamps has 359 entries for 360 documents/);
  await assert.rejects(model.topicsOverTime(docs, ['2020-01-01', ...years.slice(1)]), /timestamps\[1\] is not a date/);
  await assert.rejects(model.topicsOverTime(docs, years, { nrBins: 0 }), /nrBins must be a positive integer/);
  await assert.rejects(model.topicsOverTime(docs, years, { bins: 3 }), /unknown topicsOverTime option "bins"/);
  await assert.rejects(model.topicsPerClass(docs, parties, { globalTuning: 'yes' }), /globalTuning must be true or false/);
  await assert.rejects(model.topicsPerClass(docs, parties.slice(2)), /classes has 358 entries/);
  await assert.rejects(model.topicsPerClass(docs, parties, { topics: topics.slice(1) }), /topics has 359 labels/);
  await assert.rejects(model.topicsPerClass(docs, parties, { topics: Int32Array.from(topics, () => 99) }), /topic 99 is not a topic of the model/);
  await assert.rejects(new TopicModel().topicsPerClass(docs, parties), /not fitted yet/);
  await assert.rejects(model.topicsOverTime('not a list', years), /documents must be an array/);
});
