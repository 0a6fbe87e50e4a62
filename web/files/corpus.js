// Reads a corpus file's text into records and picks the text column: CSV / TSV (RFC 4180 quoting,
// first row = header), JSONL (one object per line, or a JSON array of objects / strings), TXT (one
// document per non-empty line). Pure functions, no I/O: the CLI (bin/read-corpus.mjs) and the demo
// page (examples/demo) share them.

/** Splits delimited text into rows of fields (quotes may hold delimiters, newlines and ""). */
export function parseDelimited(text, delimiter = ',') {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; ++i) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; ++i; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') ++i;
      row.push(field); field = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
    } else field += c;
  }
  if (quoted) throw new Error('the CSV file ends inside a quoted field');
  row.push(field);
  if (row.length > 1 || row[0] !== '') rows.push(row);
  return rows;
}

/**
 * A file's records: {columns, records: [{column: value}]}. `name` picks the format by extension.
 * Throws an Error naming the problem (bad JSON line, empty file).
 */
export function parseCorpus(name, text) {
  const ext = name.toLowerCase().split('.').pop();
  text = text.replace(/^\uFEFF/, '');
  let records;
  if (ext === 'csv' || ext === 'tsv') {
    const rows = parseDelimited(text, ext === 'tsv' ? '\t' : ',');
    if (rows.length < 2) throw new Error(`${name}: a CSV file needs a header row and at least one document`);
    const header = rows[0].map((h, i) => h.trim() || `column ${i + 1}`);
    records = rows.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
  } else if (ext === 'jsonl' || ext === 'ndjson' || ext === 'json') {
    const trimmed = text.trim();
    if (trimmed.startsWith('[')) {
      records = JSON.parse(trimmed);
    } else {
      records = trimmed.split('\n').filter((l) => l.trim()).map((line, i) => {
        try {
          return JSON.parse(line);
        } catch (e) {
          throw new Error(`${name}: line ${i + 1} is not JSON (${e.message})`);
        }
      });
    }
    records = records.map((r) => (typeof r === 'string' ? { text: r } : r));
    if (records.some((r) => r === null || typeof r !== 'object' || Array.isArray(r))) throw new Error(`${name}: every JSON record must be an object or a string`);
  } else {
    records = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).map((line) => ({ text: line }));
  }
  if (!records.length) throw new Error(`${name}: no documents found`);
  const columns = [...new Set(records.flatMap((r) => (r && typeof r === 'object' ? Object.keys(r) : [])))]
    .filter((c) => records.some((r) => typeof r?.[c] === 'string'));
  if (!columns.length) throw new Error(`${name}: no text fields found`);
  return { columns, records };
}

/** The likely text column: "text" if present, else the one with the longest strings on average. */
export function guessTextColumn({ columns, records }) {
  if (columns.includes('text')) return 'text';
  const meanLength = (c) => records.reduce((sum, r) => sum + (typeof r[c] === 'string' ? r[c].length : 0), 0) / records.length;
  return columns.reduce((best, c) => (meanLength(c) > meanLength(best) ? c : best));
}

/** The non-empty texts of a column. */
export function textsOf(corpus, column) {
  return documentsOf(corpus, column).texts;
}

const TIME_COLUMN = /^(timestamp|date|datetime|time|year|created_at|published)$/i;

/** A column that holds each record's time (a number or a date string), by its name; or null. */
export function guessTimeColumn({ columns, records }) {
  const all = [...new Set(records.flatMap((r) => Object.keys(r)))];
  return all.find((c) => TIME_COLUMN.test(c) && records.every((r) => {
    const v = r[c];
    return (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && v.trim() !== '' && (Number.isFinite(Number(v)) || !Number.isNaN(Date.parse(v))));
  })) ?? null;
}

/**
 * The records with non-empty text in `column`: {texts, times} where times (when `timeColumn` is
 * given) holds each kept record's time as a number (numeric values) or a date string.
 */
export function documentsOf({ records }, column, timeColumn = null) {
  const texts = [];
  const times = timeColumn ? [] : null;
  for (const r of records) {
    const t = r?.[column];
    if (typeof t !== 'string' || !t.trim()) continue;
    texts.push(t.trim());
    if (times) {
      const v = r[timeColumn];
      times.push(typeof v === 'number' ? v : Number.isFinite(Number(v)) ? Number(v) : String(v));
    }
  }
  return { texts, times };
}
