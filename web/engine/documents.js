// Documents cross into wasm as one UTF-8 buffer plus byte offsets: one copy, no per-string calls.

/**
 * Throws unless docs is a non-empty array of strings: TypeError for the wrong type (BERTopic's
 * check_documents_type raises TypeError), Error for an empty corpus.
 */
export function checkDocuments(docs) {
  if (!Array.isArray(docs)) throw new TypeError(`documents must be an array of strings, got ${docs === null ? 'null' : typeof docs}`);
  if (docs.length === 0) throw new Error('empty corpus: documents must contain at least one document');
  for (let i = 0; i < docs.length; ++i) {
    if (typeof docs[i] !== 'string') {
      throw new TypeError(`documents[${i}] is not a string (got ${docs[i] === null ? 'null' : typeof docs[i]})`);
    }
  }
}

/** {utf8: Uint8Array, offsets: Uint32Array(n + 1)} for the engine. Lone surrogates become U+FFFD. */
export function encodeDocuments(docs) {
  const encoder = new TextEncoder();
  const parts = docs.map((d) => encoder.encode(d));
  const offsets = new Uint32Array(docs.length + 1);
  let total = 0;
  parts.forEach((p, i) => {
    offsets[i] = total;
    total += p.length;
  });
  offsets[docs.length] = total;
  const utf8 = new Uint8Array(total);
  parts.forEach((p, i) => utf8.set(p, offsets[i]));
  return { utf8, offsets };
}
