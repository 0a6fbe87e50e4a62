// Checks web/'s import graph: prints any import cycle and exits 1. Static imports, re-exports and
// import() of relative paths count.   node scripts/import-graph.mjs
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = fileURLToPath(new URL('../web/', import.meta.url));
const files = readdirSync(web, { recursive: true }).filter((f) => f.endsWith('.js') && !f.startsWith('dist')).map((f) => join(web, f));
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]|import\(\s*(?:\/\*[^*]*\*\/\s*)?['"](\.[^'"]+)['"]\s*\)/g;
const edges = new Map(files.map((f) => [f, [...readFileSync(f, 'utf8').matchAll(IMPORT)]
  .map((m) => resolve(dirname(f), m[1] ?? m[2])).filter((t) => t.endsWith('.js') && files.includes(t))]));

const state = new Map(); // file -> 'open' | 'done'
const cycles = [];
function visit(f, path) {
  if (state.get(f) === 'done') return;
  if (state.get(f) === 'open') return cycles.push([...path.slice(path.indexOf(f)), f]);
  state.set(f, 'open');
  for (const t of edges.get(f)) visit(t, [...path, f]);
  state.set(f, 'done');
}
for (const f of files) visit(f, []);
for (const c of cycles) console.log('cycle: ' + c.map((f) => relative(web, f)).join(' -> '));
console.log(`${files.length} files, ${[...edges.values()].flat().length} imports, ${cycles.length} cycles`);
process.exit(cycles.length ? 1 : 0);
