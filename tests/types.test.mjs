// web/index.d.ts (and the .d.ts files it re-exports) is hand-written; this keeps it from drifting from the options the code accepts:
// every option interface names exactly the keys of its defaults object, and every "Default X" its
// comments state is the default the code applies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { TOPIC_MODEL_DEFAULTS, CTM_DEFAULTS } from '../web/index.js';

// Every declaration file under web/ (index.d.ts re-exports the others), as one text.
const web = new URL('../web/', import.meta.url);
const dts = readdirSync(web, { recursive: true }).filter((f) => f.endsWith('.d.ts')).sort()
  .map((f) => readFileSync(new URL(f, web), 'utf8')).join('\n');

// The text between the braces that open at `start` (nested braces included).
function braced(text, start) {
  const open = text.indexOf('{', start);
  let depth = 0;
  for (let i = open; i < text.length; ++i) {
    if (text[i] === '{') ++depth;
    else if (text[i] === '}' && --depth === 0) return text.slice(open + 1, i);
  }
  throw new Error(`unbalanced braces after offset ${start}`);
}

function interfaceBody(name) {
  const at = dts.search(new RegExp(`export interface ${name}\\b`));
  assert.ok(at >= 0, `index.d.ts has no interface ${name}`);
  return braced(dts, at);
}

// Top-level members of a body: {key: comment text before it (or on its line)}.
function members(body) {
  const out = {};
  let depth = 0, comment = '', line = '', memberOnLine = false;
  for (let i = 0; i < body.length; ++i) {
    const c = body[i];
    if (c === '/' && body[i + 1] === '*') {
      const end = body.indexOf('*/', i);
      comment += body.slice(i + 2, end);
      i = end + 1;
      continue;
    }
    if (c === '/' && body[i + 1] === '/') {
      const end = body.indexOf('\n', i);
      const text = body.slice(i + 2, end < 0 ? body.length : end);
      const last = Object.keys(out).at(-1);
      if (last && memberOnLine) out[last] += ` ${text}`; // a comment after a member, on its line, is that member's
      else comment += text;
      i = end < 0 ? body.length : end - 1;
      continue;
    }
    if (c === '{') ++depth;
    if (c === '}') --depth;
    if (c === '\n') memberOnLine = false;
    if (c === '\n' || (c === ';' && depth === 0)) line = '';
    else line += c;
    const m = depth === 0 && /^\s*(?:readonly\s+)?([A-Za-z_$][\w$]*)\??\s*:$/.exec(line);
    if (m) {
      out[m[1]] = comment;
      comment = '';
      memberOnLine = true;
    }
  }
  return out;
}

// "Default <literal>" statements in a comment: numbers, true/false/null and quoted strings.
function statedDefault(comment) {
  const m = /Default:?\s+(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?|true|false|null|'[^']*')(?=[\s.,;)]|$)/.exec(comment);
  if (!m) return undefined;
  const v = m[1];
  if (v.startsWith("'")) return v.slice(1, -1);
  return v === 'null' ? null : v === 'true' ? true : v === 'false' ? false : Number(v);
}

const checked = [
  ['TopicModelOptions', TOPIC_MODEL_DEFAULTS],
  ['UmapOptions', TOPIC_MODEL_DEFAULTS.umapModel],
  ['HdbscanOptions', TOPIC_MODEL_DEFAULTS.hdbscanModel],
  ['VectorizerOptions + OnlineVectorizerOptions', TOPIC_MODEL_DEFAULTS.vectorizerModel],
  ['CtfidfOptions', TOPIC_MODEL_DEFAULTS.ctfidfModel],
  ['CtmOptions', CTM_DEFAULTS],
];

for (const [name, defaults] of checked) {
  test(`index.d.ts ${name} names the keys of its defaults object, with the stated defaults`, () => {
    const typed = Object.assign({}, ...name.split(' + ').map((part) => members(interfaceBody(part))));
    assert.deepEqual(Object.keys(typed).sort(), Object.keys(defaults).sort(), `${name} vs the defaults the code applies`);
    for (const [key, comment] of Object.entries(typed)) {
      const stated = statedDefault(comment);
      if (stated !== undefined) assert.deepEqual(stated, defaults[key], `${name}.${key}: the comment says Default ${JSON.stringify(stated)}`);
    }
  });
}

test('index.d.ts inline option types (kmeansModel, miniBatchKmeansModel) name their defaults keys', () => {
  const body = interfaceBody('TopicModelOptions');
  for (const key of ['kmeansModel', 'miniBatchKmeansModel']) {
    const at = body.indexOf(`${key}?:`);
    assert.ok(at >= 0, key);
    assert.deepEqual(Object.keys(members(braced(body, at))).sort(), Object.keys(TOPIC_MODEL_DEFAULTS[key]).sort(), key);
  }
});

test('the checker reads what it claims: members and stated defaults of a sample', () => {
  const sample = members(`
  /** Words per topic. Default 10. */
  topNWords?: number;
  nested?: { inner?: number }; // Default 'x'
  readonly flag: boolean;`);
  assert.deepEqual(Object.keys(sample), ['topNWords', 'nested', 'flag']);
  assert.equal(statedDefault(sample.topNWords), 10);
  assert.equal(statedDefault(sample.nested), 'x');
  assert.equal(statedDefault('no default here'), undefined);
});
