// The engine's thread pool runs work on two threads at the same time (concurrency, not speed-up:
// the test machine has 2 shared cores), never more threads than the pool holds, and results do not
// depend on the thread count.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { TopicModel, init, reduceDimensions } from '../web/node.js';
import { brownDocs, brownEmbeddings, shutdownAfterTests } from './helpers.mjs';

shutdownAfterTests();

test('two pool threads run simultaneously', async () => {
  const { engine, threads } = await init({ threads: 2 });
  assert.equal(threads, 2);
  assert.equal(engine.threadLimit(), 2);
  // Each of 2 work items waits (up to 20 s) until both are inside the parallel section at once.
  assert.equal(engine.concurrencyProbe(2, 20000), 2);
});

test('with a limit of 1 nothing runs concurrently', async () => {
  const { engine } = await init({ threads: 2 });
  engine.setThreadLimit(1);
  try {
    assert.equal(engine.concurrencyProbe(2, 200), 1);
  } finally {
    engine.setThreadLimit(2);
  }
});

// BERTopic's pipeline on the first 1,500 Brown paragraphs; prints the topics as JSON.
const FIT = `
  import { TopicModel, init, shutdown } from ${JSON.stringify(new URL('../web/node.js', import.meta.url).href)};
  import { brownDocs, brownEmbeddings } from ${JSON.stringify(new URL('./helpers.mjs', import.meta.url).href)};
  const info = await init({ build: 'single-threaded' });
  const n = 1500;
  const model = new TopicModel({ vectorizerModel: { stopWords: 'english' } });
  const { topics } = await model.fitTransform(brownDocs().slice(0, n).map((d) => d.text), { embeddings: brownEmbeddings().subarray(0, n * 384) });
  console.log(JSON.stringify({ build: info.build, threads: info.threads, topics: [...topics] }));
  await shutdown();
`;

test('the single-threaded build gives the same topics as the pthreads build with 2 threads', async () => {
  const single = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', FIT], { encoding: 'utf8', cwd: fileURLToPath(new URL('..', import.meta.url)) }));
  assert.equal(single.build, 'single-threaded');
  assert.equal(single.threads, 1);
  await init({ threads: 2 });
  const n = 1500;
  const model = new TopicModel({ vectorizerModel: { stopWords: 'english' } });
  const { topics } = await model.fitTransform(brownDocs().slice(0, n).map((d) => d.text), { embeddings: brownEmbeddings().subarray(0, n * 384) });
  model.free();
  assert.ok(new Set(single.topics).size > 5, 'a real clustering');
  assert.deepEqual([...topics], single.topics);
});

// UMAP's opt-in 'fast' schedule runs blocks of points in parallel (umap_blocks.cpp); its result
// must not depend on the thread count. 3,000 Brown rows make 46 blocks, so both threads get work.
test("UMAP's fast schedule gives the same bits for 1 and 2 threads, and differs from 'faithful'", async () => {
  const { engine } = await init({ threads: 2 });
  const n = 3000;
  const vectors = brownEmbeddings().subarray(0, n * 384);
  const reduce = async (threads, schedule) => {
    engine.setThreadLimit(threads);
    try {
      return (await reduceDimensions(vectors, n, { nComponents: 5, umapModel: { schedule, nEpochs: 100 } })).data;
    } finally {
      engine.setThreadLimit(2);
    }
  };
  const one = await reduce(1, 'fast');
  const two = await reduce(2, 'fast');
  assert.equal(one.length, n * 5);
  assert.ok(one.every(Number.isFinite));
  assert.deepEqual(two, one);
  const faithful = await reduce(2, 'faithful');
  assert.notDeepEqual(faithful, one, 'the schedule option reaches the optimiser');
});
