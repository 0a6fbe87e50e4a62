// The CLI: bundled corpus with no arguments, and CSV / TXT input with clear errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parseDelimited } from '../web/files/corpus.js';

const cli = fileURLToPath(new URL('../bin/topicwasm.mjs', import.meta.url));
const run = (args) => promisify(execFile)('node', [cli, ...args], { encoding: 'utf8' });

test('no arguments: models the bundled State of the Union corpus by president', async () => {
  const { stdout } = await run([]);
  assert.match(stdout, /360 documents, 15 topics/);
  const rows = stdout.split('\n').filter((l) => /^\d+\s+24\s+/.test(l));
  assert.equal(rows.length, 15);
  assert.match(stdout, /Barack Obama/);
});

test('CSV with quoted fields and a label column', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'topicwasm-cli-'));
  try {
    const file = join(dir, 'docs.csv');
    writeFileSync(file, 'body,kind\n"cats purr, cats sleep",pets\n"dogs bark\nat ""cats""",pets\nstocks fell,markets\nmarkets rallied,markets\n');
    const { stdout } = await run([file, '--text-field', 'body', '--label-field', 'kind']);
    assert.match(stdout, /4 documents, 2 topics/);
    assert.match(stdout, /0_cats_/);
    await assert.rejects(run([file, '--text-field', 'nope', '--label-field', 'kind']), /no text field "nope"/);
    const txt = join(dir, 'docs.txt');
    writeFileSync(txt, 'one line\nanother line\n');
    await assert.rejects(run([txt]), /give --label-field/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('CSV parser: quotes, escaped quotes, CRLF, embedded newlines', () => {
  assert.deepEqual(parseDelimited('a,b\r\n"x, y","say ""hi"""\r\n"multi\nline",z\n'), [['a', 'b'], ['x, y', 'say "hi"'], ['multi\nline', 'z']]);
  assert.throws(() => parseDelimited('"open'), /ends inside a quoted field/);
});

test('progress: a bar with the time left on a terminal, plain lines at each tenth elsewhere', async () => {
  const { progressReporter } = await import('../bin/progress.mjs');
  const capture = (isTTY) => {
    const stream = { isTTY, text: '', write(s) { this.text += s; } };
    let t = 0;
    const report = progressReporter(stream, () => t);
    for (let done = 0; done <= 100; done += 5) { t = done * 100; report({ stage: 'embed', done, total: 100 }); }
    t += 1000;
    report({ stage: 'umap', done: 1, total: 2 });
    report({ stage: 'warning', message: 'n_neighbors is larger than the dataset size' });
    report({ stage: 'hdbscan', done: 0, total: 1 });
    return stream.text;
  };
  const tty = capture(true);
  assert.match(tty, /\rembed +\[#{12}-{12}\]  50%  50\/100  5s left/);
  assert.match(tty, /\rembed +\[#{24}\] 100%  100\/100  done in 10s/);
  assert.match(tty, /\n\rumap/, 'a new stage starts on a new line');
  assert.match(tty, /\nwarning: n_neighbors is larger than the dataset size\n\rhdbscan/, 'a warning on its own line, then the next bar');
  const plain = capture(false);
  assert.ok(!plain.includes('\r'));
  assert.deepEqual(plain.split('\n').filter(Boolean).map((l) => l.split(' ')[1]), ['0/100', '10/100', '20/100', '30/100', '40/100', '50/100', '60/100', '70/100', '80/100', '90/100', '100/100', '1/2', 'n_neighbors', '0/1']);
  assert.match(plain, /^warning: n_neighbors is larger than the dataset size$/m);
  assert.match(plain, /^embed 50\/100 \(50%\), about 5s left$/m);
});
