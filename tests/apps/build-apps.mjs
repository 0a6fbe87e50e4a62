// Builds the web app of tests/apps/web/ as a user would: the packed tarball installed into an empty
// project (dependencies from the registry, or npm's cache when it has them), then bundled with
// Vite (dist-vite/) and webpack 5 (dist-webpack/). The bundlers are this repository's
// devDependencies, pointed at the app. Used by tests/bundlers.test.mjs and bench/webapp.mjs.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Returns {app, viteLog}: the app directory (inside `work`) and what `vite build` printed. */
export async function buildApps(work) {
  const [{ filename }] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: root, encoding: 'utf8' }));
  const app = join(work, 'app');
  mkdirSync(app);
  cpSync(join(root, 'tests/apps/web'), app, { recursive: true });
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', type: 'module', private: true }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', join(work, filename)], { cwd: app, stdio: 'pipe' });

  const viteLog = execFileSync('node', [join(root, 'node_modules/vite/bin/vite.js'), 'build'], { cwd: app, encoding: 'utf8', stdio: 'pipe' });
  const { default: webpack } = await import('webpack');
  const { default: config } = await import(join(app, 'webpack.config.mjs'));
  const stats = await new Promise((resolve, reject) => webpack({ ...config, context: app }, (e, s) => (e ? reject(e) : resolve(s))));
  assert.ok(!stats.hasErrors(), stats.toString('errors-only'));
  const warnings = stats.compilation.warnings.map(String).filter((w) => !/performance|size limit/i.test(w));
  assert.deepEqual(warnings, [], 'webpack warnings');
  cpSync(join(app, 'index.html'), join(app, 'dist-webpack/index.html'));
  return { app, viteLog };
}
