// Search by meaning in the live report (buildReport's `semanticSearch` option): the package's
// static embedding model (web/models/static-minilm.safetensors, Model2Vec distilled from
// all-MiniLM-L6-v2) restricted to the word pieces of the documents, the documents' embeddings in
// that model as half floats, and the topics' centroids. The page embeds a query with the engine's
// StaticEmbedder (the single-threaded engine it carries already has it) and ranks the topics by
// cosine to their centroids (BERTopic's find_topics, over the report's own embeddings) and the
// documents by cosine to theirs.
//
// The restriction keeps the file's layout, vocabulary and tokenizer and zeroes the vectors, scales
// and SIF weights of the word pieces no document uses: every document (and every query made of the
// documents' words) embeds exactly as with the full model, and the zeroed rows gzip to almost
// nothing. A query word the corpus never uses adds nothing (a query of such words only finds nothing).
import { createStaticEmbedder, loadStaticModelBytes } from '../embedding/static_embedder.js';

const MAX_WORD = 100; // BERT's max_input_chars_per_word: longer words are [UNK]

// The safetensors header {name: {dtype, shape, data_offsets}} and where the data starts.
function readHeader(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = Number(view.getBigUint64(0, true));
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length)));
  return { header, dataStart: 8 + length };
}

// Words as the engine's BERT normaliser and pre-tokenizer make them (src/text/wordpiece.hpp):
// control characters dropped, CJK ideographs alone, accents stripped (NFD, no Mn), lowercased
// code point by code point, split on whitespace and around punctuation (ASCII or Unicode P*).
function wordsOf(docs) {
  const words = new Set();
  const punctuation = /^(?:[!-\/:-@\[-`{-~]|\p{P})$/u;
  for (const doc of docs) {
    const text = doc.replace(/[\0\uFFFD]|(?![\t\n\r])[\p{Cc}\p{Cf}\p{Co}\p{Cs}]/gu, '')
      .replace(/[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{2fa1f}]/gu, ' $& ')
      .normalize('NFD').replace(/\p{Mn}/gu, '');
    for (const chunk of text.split(/[\s\p{Z}]+/u)) {
      let word = '';
      for (const c of chunk) {
        const lower = c.toLowerCase();
        if (punctuation.test(c)) {
          if (word) words.add(word);
          words.add(lower);
          word = '';
        } else word += lower;
      }
      if (word) words.add(word);
    }
  }
  return words;
}

/**
 * The static model file with only the word pieces of `docs` kept (see above): each word as
 * WordPiece splits it (greedy longest match first, continuations prefixed "##"), special tokens.
 */
export function restrictStaticModel(bytes, docs) {
  const { header, dataStart } = readHeader(bytes);
  const vocab = new Map(Object.entries(JSON.parse(header.__metadata__.tokenizer).model.vocab));
  const keep = new Uint8Array(header.embeddings.shape[0]);
  for (const token of ['[UNK]', '[CLS]', '[SEP]', '[PAD]']) if (vocab.has(token)) keep[vocab.get(token)] = 1;
  for (const word of wordsOf(docs)) {
    const chars = Array.from(word);
    if (chars.length > MAX_WORD) continue;
    const pieces = [];
    for (let start = 0; start < chars.length;) {
      let end = chars.length;
      let id;
      for (; end > start; --end) {
        id = vocab.get(`${start ? '##' : ''}${chars.slice(start, end).join('')}`);
        if (id !== undefined) break;
      }
      if (end === start) { pieces.length = 0; break; } // no segmentation: [UNK]
      pieces.push(id);
      start = end;
    }
    for (const id of pieces) keep[id] = 1;
  }
  const out = bytes.slice();
  const dim = header.embeddings.shape[1];
  const at = (name) => dataStart + header[name].data_offsets[0];
  const view = new DataView(out.buffer);
  for (let t = 0; t < keep.length; ++t) {
    if (keep[t]) continue;
    out.fill(0, at('embeddings') + t * dim, at('embeddings') + (t + 1) * dim);
    view.setFloat32(at('scales') + 4 * t, 0, true);
    view.setFloat32(at('weights') + 4 * t, 0, true);
  }
  let kept = 0;
  for (const k of keep) kept += k;
  return { bytes: out, kept, vocabulary: keep.length, dim };
}

/**
 * What the page needs to search by meaning: the restricted model file, the documents' embeddings
 * (Float32Array n x dim; the page gets them as half floats) and, for reports without the
 * documents, the topics' centroids {topic: half-float bytes}.
 */
export async function liveSearchData(docs, documentTopics) {
  const { bytes, kept, vocabulary, dim } = restrictStaticModel(await loadStaticModelBytes(), docs);
  const embedder = await createStaticEmbedder(bytes);
  try {
    const embeddings = await embedder.embed(docs);
    return { model: bytes, kept, vocabulary, dim, embeddings, centroids: topicCentroids(embeddings, dim, documentTopics) };
  } finally {
    embedder.dispose();
  }
}

/** {topic: unit-length mean of its documents' embeddings} (the outlier topic -1 left out). */
export function topicCentroids(embeddings, dim, documentTopics) {
  const sums = new Map();
  documentTopics.forEach((t, i) => {
    if (t < 0) return;
    if (!sums.has(t)) sums.set(t, new Float32Array(dim));
    const sum = sums.get(t);
    for (let k = 0; k < dim; ++k) sum[k] += embeddings[i * dim + k];
  });
  for (const sum of sums.values()) {
    const norm = Math.hypot(...sum) || 1;
    for (let k = 0; k < dim; ++k) sum[k] /= norm;
  }
  return sums;
}
