#!/usr/bin/env node
// topicwasm CLI: fits a topic model on a corpus file and prints the topic table.
//   topicwasm [file.jsonl|.csv|.txt] [--text-field text] [--label-field label] [--top-n-words 10]
//             [--stop-words english|none] [--ngram-max 1] [--threads N]
// With no file it models the bundled State of the Union passages (examples/data) by president.
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readCorpus } from './read-corpus.mjs';
import { TopicModel, init, shutdown } from '../web/index.js';

const USAGE = 'usage: topicwasm [file.jsonl|file.csv|file.txt] [--text-field text] [--label-field label] ' +
  '[--top-n-words 10] [--stop-words english|none] [--ngram-max 1] [--threads N]';

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'text-field': { type: 'string', default: 'text' },
      'label-field': { type: 'string' },
      'top-n-words': { type: 'string', default: '10' },
      'stop-words': { type: 'string', default: 'english' },
      'ngram-max': { type: 'string', default: '1' },
      threads: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return console.log(USAGE);
  if (positionals.length > 1) throw new Error(USAGE);
  const bundled = positionals.length === 0;
  const file = bundled ? fileURLToPath(new URL('../examples/data/sotu-presidents.jsonl', import.meta.url)) : positionals[0];
  const labelField = values['label-field'] ?? (bundled ? 'president' : undefined);
  if (bundled) console.log('No corpus given: modeling 360 State of the Union passages (1933-2021), one topic per president.\n');

  const rows = readCorpus(file);
  const textField = values['text-field'];
  const docs = rows.map((row, i) => {
    if (typeof row[textField] !== 'string') throw new Error(`${file}: row ${i + 1} has no text field "${textField}"`);
    return row[textField];
  });
  if (!labelField) {
    throw new Error('this version does manual topic modeling only: give --label-field (the column holding each document\'s topic); clustering of embeddings comes with the core pipeline');
  }
  // Manual topic modeling takes integer labels; any label values are numbered by first appearance.
  const names = new Map();
  const y = rows.map((row) => {
    const label = String(row[labelField] ?? '');
    if (!names.has(label)) names.set(label, names.size);
    return names.get(label);
  });

  const threads = values.threads === undefined ? undefined : Number(values.threads);
  await init({ threads });
  const model = new TopicModel({
    topNWords: Number(values['top-n-words']),
    vectorizerModel: {
      stopWords: values['stop-words'] === 'none' ? null : values['stop-words'],
      ngramRange: [1, Number(values['ngram-max'])],
    },
  });
  const started = performance.now();
  const { topics } = await model.fitTransform(docs, { y });
  const seconds = (performance.now() - started) / 1000;

  const labelOf = new Map();
  topics.forEach((t, i) => labelOf.set(t, String(rows[i][labelField])));
  console.log(`${docs.length} documents, ${model.getTopicInfo().length} topics, vocabulary ${model.vocabularySize}, fitted in ${seconds.toFixed(2)} s\n`);
  const table = model.getTopicInfo().map((row) => ({ Topic: row.Topic, Count: row.Count, Label: labelOf.get(row.Topic), Name: row.Name }));
  const widths = ['Topic', 'Count', 'Label', 'Name'].map((k) => Math.max(k.length, ...table.map((r) => String(r[k]).length)));
  const line = (cells) => cells.map((c, j) => String(c).padEnd(widths[j])).join('  ');
  console.log(line(['Topic', 'Count', 'Label', 'Name']));
  for (const r of table) console.log(line([r.Topic, r.Count, r.Label, r.Name]));
}

main()
  .catch((error) => {
    console.error(`topicwasm: ${error.message}`);
    process.exitCode = 1;
  })
  .finally(() => shutdown());
