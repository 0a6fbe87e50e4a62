// The engine's thread pool runs work on two threads at the same time (concurrency, not speed-up:
// the test machine has 2 shared cores), never more threads than the pool holds, and results do not
// depend on the thread count.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { init } from '../web/index.js';
import { shutdownAfterTests } from './helpers.mjs';

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
