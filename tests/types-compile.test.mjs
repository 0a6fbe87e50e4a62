// The package's TypeScript types compile: tests/types/usage.ts, a user's program over the public API,
// type-checks with tsc --strict against web/index.d.ts and the files it re-exports, and its
// @ts-expect-error lines (an unknown option, a wrong value type) really are errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

test('tests/types/usage.ts compiles against the package types (tsc --strict)', () => {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const project = fileURLToPath(new URL('./types/', import.meta.url));
  const run = spawnSync(process.execPath, [tsc, '-p', project], { encoding: 'utf8' });
  assert.equal(run.status, 0, `tsc failed:\n${run.stdout}${run.stderr}`);
});
