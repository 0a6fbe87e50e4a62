#!/usr/bin/env node
// topicwasm CLI.
//   topicwasm fit docs.jsonl [--text-field text] [--embeddings docs.f32] [--out report.html]
//             [--model-dir dir] [--embedding-model int8|fp32|static] [--min-topic-size 10] [--label-field label] [common options]
//     BERTopic's pipeline: embeds the documents with the built-in all-MiniLM-L6-v2 (or reads raw
//     float32 embeddings, n x d, from --embeddings), fits UMAP -> HDBSCAN -> c-TF-IDF, prints the
//     topic table and writes a self-contained HTML report (--out) and the model in BERTopic's
//     safetensors directory layout (--model-dir; Python loads it with BERTopic.load(dir)). With
//     --label-field the labels are the topics (manual topic modeling).
//   topicwasm [file.jsonl|.csv|.txt] [--text-field text] [--label-field label] [--out report.html] [common options]
//     Manual topic modeling: one topic per label. With no file it models the bundled State of the
//     Union passages (examples/data) by president.
// Common options: [--top-n-words 10] [--stop-words english|none] [--ngram-max 1] [--threads N] [--title text]
//   [--live [--include-documents] [--semantic-search]]: --out writes the live report (model and
//   engine inside; with the documents, browse them per topic and change the number of topics
//   offline; with --semantic-search, search by meaning with the static model, ~3 MB more).
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readCorpus, readEmbeddings } from './read-corpus.mjs';
import { progressReporter } from './progress.mjs';
import { TopicModel, init, shutdown } from '../web/node.js';

const COMMON = '[--top-n-words 10] [--stop-words english|none] [--ngram-max 1] [--threads N] [--title text] [--live [--include-documents] [--semantic-search]]';
const USAGE = `usage: topicwasm fit docs.jsonl|.csv|.txt [--text-field text] [--embeddings docs.f32] [--out report.html] [--model-dir dir]
                     [--embedding-model int8|fp32|static] [--min-topic-size 10] [--label-field label] ${COMMON}
       topicwasm [docs.jsonl|.csv|.txt] [--text-field text] [--label-field label] [--out report.html] ${COMMON}
--embeddings: raw little-endian float32, one row of d values per document (n x d, no header).`;

const OPTIONS = {
  'text-field': { type: 'string', default: 'text' },
  'label-field': { type: 'string' },
  'top-n-words': { type: 'string', default: '10' },
  'stop-words': { type: 'string', default: 'english' },
  'ngram-max': { type: 'string', default: '1' },
  threads: { type: 'string' },
  out: { type: 'string' },
  title: { type: 'string' },
  embeddings: { type: 'string' },
  'embedding-model': { type: 'string' },
  'min-topic-size': { type: 'string' },
  'model-dir': { type: 'string' },
  live: { type: 'boolean' },
  'include-documents': { type: 'boolean' },
  'semantic-search': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};
const FIT_ONLY = ['embeddings', 'embedding-model', 'min-topic-size', 'model-dir'];

function integerOption(values, name, min) {
  const text = values[name];
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be an integer >= ${min}, got "${text}"`);
  return value;
}

function printTable(model, labelOf) {
  const info = model.getTopicInfo();
  const columns = labelOf ? ['Topic', 'Count', 'Label', 'Name'] : ['Topic', 'Count', 'Name'];
  const table = info.map((row) => ({ Topic: row.Topic, Count: row.Count, Label: labelOf?.get(row.Topic) ?? '', Name: row.Name }));
  const widths = columns.map((k) => Math.max(k.length, ...table.map((r) => String(r[k]).length)));
  const line = (cells) => cells.map((c, j) => String(c).padEnd(widths[j])).join('  ').trimEnd();
  console.log(line(columns));
  for (const r of table) console.log(line(columns.map((k) => r[k])));
}

async function main() {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: OPTIONS });
  if (values.help) return console.log(USAGE);
  const fit = positionals[0] === 'fit';
  const files = fit ? positionals.slice(1) : positionals;
  if (files.length > 1 || (fit && files.length === 0)) throw new Error(USAGE);
  if (!fit) {
    const misplaced = FIT_ONLY.filter((name) => values[name] !== undefined);
    if (misplaced.length) throw new Error(`--${misplaced[0]} belongs to "topicwasm fit" (usage: topicwasm fit docs.jsonl ...)`);
  }
  const embeddingModel = values['embedding-model'];
  if (embeddingModel !== undefined && !['fp32', 'int8', 'static'].includes(embeddingModel)) {
    throw new Error(`--embedding-model must be int8, fp32 or static (fast: distilled static embeddings), got "${embeddingModel}"`);
  }
  if (embeddingModel !== undefined && values.embeddings !== undefined) throw new Error('give either --embeddings or --embedding-model, not both');
  const stopWords = values['stop-words'];
  const topNWords = integerOption(values, 'top-n-words', 1);
  const ngramMax = integerOption(values, 'ngram-max', 1);
  const minTopicSize = integerOption(values, 'min-topic-size', 2);
  const threads = integerOption(values, 'threads', 1);

  const bundled = !fit && files.length === 0;
  const file = bundled ? fileURLToPath(new URL('../examples/data/sotu-presidents.jsonl', import.meta.url)) : files[0];
  const labelField = values['label-field'] ?? (bundled ? 'president' : undefined);
  if (bundled) console.log('No corpus given: modeling 360 State of the Union passages (1933-2021), one topic per president.\n');

  const rows = readCorpus(file);
  const textField = values['text-field'];
  const docs = rows.map((row, i) => {
    if (typeof row[textField] !== 'string') throw new Error(`${file}: row ${i + 1} has no text field "${textField}"`);
    return row[textField];
  });
  if (!docs.length) throw new Error(`${file}: no documents`);
  if (!fit && !labelField) {
    throw new Error('without "fit" topicwasm does manual topic modeling: give --label-field (the column holding each document\'s topic), ' +
      `or cluster the documents with: topicwasm fit ${file}`);
  }
  const embeddings = values.embeddings === undefined ? undefined : readEmbeddings(values.embeddings, docs.length);
  // Manual topic modeling takes integer labels; any label values are numbered by first appearance.
  let y;
  if (labelField) {
    const names = new Map();
    y = rows.map((row) => {
      const label = String(row[labelField] ?? '');
      if (!names.has(label)) names.set(label, names.size);
      return names.get(label);
    });
  }

  await init({ threads });
  const options = {
    topNWords,
    vectorizerModel: { stopWords: stopWords === 'none' ? null : stopWords, ngramRange: [1, ngramMax] },
  };
  if (minTopicSize !== undefined) options.minTopicSize = minTopicSize;
  if (embeddingModel !== undefined) options.embeddingModel = embeddingModel;
  const model = new TopicModel(options);
  const started = performance.now();
  const onProgress = progressReporter();
  const { topics } = await model.fitTransform(docs, y ? { y, onProgress } : { embeddings, onProgress });
  const seconds = (performance.now() - started) / 1000;
  if (process.stderr.isTTY) process.stderr.write('\n');

  let labelOf;
  if (labelField) {
    labelOf = new Map();
    topics.forEach((t, i) => labelOf.set(t, String(rows[i][labelField])));
  }
  const info = model.getTopicInfo();
  const outliers = info.find((row) => row.Topic === -1)?.Count;
  const embeddedWith = embeddingModel ?? 'int8';
  const how = y ? '' : embeddings ? ' (given embeddings)' : embeddedWith === 'static' ? ' (embedded with static embeddings distilled from all-MiniLM-L6-v2)' : ` (embedded with all-MiniLM-L6-v2 ${embeddedWith})`;
  console.log(`${docs.length} documents, ${info.length} topics${outliers ? ` (${outliers} outlier documents in topic -1)` : ''}, ` +
    `vocabulary ${model.vocabularySize}, fitted in ${seconds.toFixed(2)} s${how}\n`);
  printTable(model, labelOf);

  if (values.out !== undefined) {
    const { buildReport } = await import('../web/plotting/report.js');
    const title = values.title ?? `Topics of ${basename(file)}`;
    const html = await buildReport(model, docs, values.live
      ? { title, live: true, includeDocuments: Boolean(values['include-documents']), semanticSearch: Boolean(values['semantic-search']) }
      : { title, ...(embeddings && y ? { embeddings } : {}) });
    writeFileSync(values.out, html);
    console.log(`\n${values.live ? 'Live report' : 'Report'} written to ${values.out} (${(html.length / 1e6).toFixed(1)} MB, opens offline)`);
  }
  if (values['model-dir'] !== undefined) {
    const names = await model.saveTo(values['model-dir']);
    console.log(`\nModel written to ${values['model-dir']} (${names.join(', ')}; BERTopic.load reads it)`);
  }
}

// `topicwasm ... | head`: a closed pipe ends the output quietly.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
  process.exitCode ??= 0;
});

main()
  .catch((error) => {
    console.error(`topicwasm: ${error.message}`);
    process.exitCode = 1;
  })
  .finally(() => shutdown());
