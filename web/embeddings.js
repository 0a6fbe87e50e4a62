// Embeddings arrive as a row-major Float32Array (n x d), or as an array of rows (arrays or typed
// arrays). Either way the engine gets one Float32Array and the dimension.

/** {data: Float32Array, cols} for n rows; throws a clear Error for any other shape. */
export function toMatrix(embeddings, n, name = 'embeddings') {
  if (embeddings instanceof Float32Array || embeddings instanceof Float64Array) {
    if (embeddings.length === 0 || embeddings.length % n !== 0) {
      throw new Error(`${name} has ${embeddings.length} values, not a multiple of the ${n} documents (expected n x d, row-major)`);
    }
    return { data: embeddings instanceof Float32Array ? embeddings : Float32Array.from(embeddings), cols: embeddings.length / n };
  }
  if (!Array.isArray(embeddings)) throw new Error(`${name} must be a Float32Array (n x d, row-major) or an array of rows`);
  if (embeddings.length !== n) throw new Error(`${name} has ${embeddings.length} rows but there are ${n} documents`);
  const cols = embeddings[0]?.length;
  if (!cols) throw new Error(`${name}[0] is not a non-empty array of numbers`);
  const data = new Float32Array(n * cols);
  embeddings.forEach((row, i) => {
    if (!row || row.length !== cols) throw new Error(`${name}[${i}] has ${row?.length} values, expected ${cols} (dimension mismatch)`);
    data.set(row, i * cols);
  });
  return { data, cols };
}

/**
 * Cosine similarity of row `rowA` of a (n x d, row-major) and row `rowB` of b; 0 when either is a
 * zero vector (sklearn's cosine_similarity normalises zero rows to zero).
 */
export function cosineRows(a, rowA, b, rowB, d) {
  let dot = 0, na = 0, nb = 0;
  for (let k = 0; k < d; ++k) {
    const x = a[rowA * d + k], y = b[rowB * d + k];
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}

/**
 * The engine's {data, rows, cols}: a Float32Array for one column, an array of row views for
 * several, null for none (k-means has no probabilities, as BERTopic's None).
 */
export function probabilityRows({ data, rows, cols }) {
  if (rows === 0 || cols === 0) return null;
  if (cols === 1) return data;
  return Array.from({ length: rows }, (_, i) => data.subarray(i * cols, (i + 1) * cols));
}

/** IEEE half floats (little-endian bytes, e.g. a fetched .f16 file) -> Float32Array. */
export function halfToFloat(bytes) {
  const view = bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : bytes;
  if (view.byteLength % 2) throw new Error(`halfToFloat: ${view.byteLength} bytes is not a whole number of half floats`);
  const half = new Uint16Array(view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength));
  const out = new Float32Array(half.length);
  for (let i = 0; i < half.length; ++i) {
    const h = half[i];
    const sign = h & 0x8000 ? -1 : 1;
    const exp = (h >> 10) & 0x1f;
    const mant = h & 0x3ff;
    out[i] = exp === 0 ? sign * mant * 2 ** -24 : exp === 31 ? (mant ? NaN : sign * Infinity) : sign * (1 + mant / 1024) * 2 ** (exp - 15);
  }
  return out;
}
