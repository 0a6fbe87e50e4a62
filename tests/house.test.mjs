// The house rules of issue 14, checked so they stay true: web/ has no import cycle
// (scripts/import-graph.mjs), web/index.js only re-exports, and no source file of the package or
// the engine is longer than 600 lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));

test('web/ has no import cycle', () => {
  // Exits 1 and names the cycle when there is one.
  const out = execFileSync(process.execPath, ['scripts/import-graph.mjs'], { cwd: root, encoding: 'utf8' });
  assert.match(out, / 0 cycles/);
});

test('web/index.js only re-exports', () => {
  const code = readFileSync(`${root}web/index.js`, 'utf8').split('\n').filter((line) => line.trim() && !line.startsWith('//'));
  for (const line of code) assert.match(line, /^export (\{[^}]*\}|\*) from '\.\/[\w/]+\.js';$/, line);
});

test('no source file over 600 lines', () => {
  const long = [];
  for (const dir of ['src', 'bindings', 'web']) {
    for (const file of readdirSync(`${root}${dir}`, { recursive: true })) {
      if (!/\.(js|mjs|cpp|hpp|ts)$/.test(file) || file.startsWith('dist')) continue;
      const lines = readFileSync(`${root}${dir}/${file}`, 'utf8').split('\n').length;
      if (lines > 600) long.push(`${dir}/${file}: ${lines}`);
    }
  }
  assert.deepEqual(long, []);
});
