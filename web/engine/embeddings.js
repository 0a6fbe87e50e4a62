// Embeddings arrive in one of three shapes; toMatrix is the one place that checks them and gives the
// engine one row-major Float32Array and its dimension.

const isFlat = (v) => v instanceof Float32Array || v instanceof Float64Array;
const isNumericView = (v) => ArrayBuffer.isView(v) && !(v instanceof DataView) && !(v instanceof BigInt64Array) && !(v instanceof BigUint64Array);
const describe = (v) => (v === null || v === undefined ? String(v) : Array.isArray(v) ? 'an array' : typeof v === 'string' ? `the string ${JSON.stringify(v)}` : typeof v === 'object' ? v.constructor?.name ?? 'an object' : `${typeof v} ${String(v)}`);

/**
 * {data: Float32Array (row-major), cols} of n rows. Accepted shapes: a Float32Array or
 * Float64Array of n x d values (row-major), {data, rows, cols} (the shape the engine returns), or
 * an array of n rows, each an array or typed array of d numbers. Every value must be a finite
 * number (also after conversion to float32). `d`: the dimension the model expects (its embedding
 * dimension once fitted), or null when any dimension will do. Throws an Error naming the
 * offending row and column otherwise: a TypeError when something has the wrong type (no array, a
 * string for a number), an Error when the types are right but the counts or values are not.
 */
export function toMatrix(embeddings, n, name = 'embeddings', d = null) {
  const expected = d === null ? 'n x d' : `${n} x ${d}`;
  let data, cols, valueAt;
  if (isFlat(embeddings)) {
    const want = d === null ? null : n * d;
    if (want !== null ? embeddings.length !== want : embeddings.length === 0 || embeddings.length % n !== 0) {
      throw new Error(`${name} has ${embeddings.length} values for ${n} rows; expected ${expected} (row-major)` +
        (d === null ? ', a multiple of the row count' : `, the model's embedding dimension being ${d}`) +
        '. A flat array carries no shape: pass {data, rows, cols} or an array of rows to be explicit');
    }
    cols = embeddings.length / n;
    data = embeddings instanceof Float32Array ? embeddings : Float32Array.from(embeddings);
    valueAt = (i, j) => embeddings[i * cols + j];
  } else if (embeddings !== null && typeof embeddings === 'object' && !Array.isArray(embeddings) && !ArrayBuffer.isView(embeddings)) {
    const { data: values, rows, cols: c, ...rest } = embeddings;
    const extra = Object.keys(rest);
    if (extra.length) throw new Error(`${name} has the unknown key "${extra[0]}": expected {data, rows, cols}`);
    if (!isFlat(values)) throw new TypeError(`${name}.data must be a Float32Array or Float64Array (row-major), got ${describe(values)}`);
    if (!Number.isInteger(rows) || !Number.isInteger(c) || rows < 1 || c < 1) {
      throw new (Number.isInteger(rows) && Number.isInteger(c) ? Error : TypeError)(`${name}.rows and ${name}.cols must be positive integers, got ${JSON.stringify(rows)} and ${JSON.stringify(c)}`);
    }
    if (rows !== n) throw new Error(`${name}.rows is ${rows} but there are ${n} rows to embed (documents)`);
    if (values.length !== rows * c) throw new Error(`${name}.data has ${values.length} values, not rows x cols = ${rows} x ${c} = ${rows * c}`);
    cols = c;
    data = values instanceof Float32Array ? values : Float32Array.from(values);
    valueAt = (i, j) => values[i * cols + j];
  } else if (Array.isArray(embeddings)) {
    if (embeddings.length !== n) throw new Error(`${name} has ${embeddings.length} rows but there are ${n} documents`);
    const first = embeddings[0];
    cols = first?.length;
    if (!(Array.isArray(first) || isNumericView(first)) || !cols) throw new (Array.isArray(first) || isNumericView(first) ? Error : TypeError)(`${name}[0] must be a non-empty array of numbers, got ${describe(first)}`);
    data = new Float32Array(n * cols);
    embeddings.forEach((row, i) => {
      if (!(Array.isArray(row) || isNumericView(row))) throw new TypeError(`${name}[${i}] must be an array of numbers, got ${describe(row)}`);
      if (row.length !== cols) throw new Error(`${name}[${i}] has ${row.length} values, expected ${cols} like ${name}[0] (dimension mismatch)`);
      if (Array.isArray(row)) {
        for (let j = 0; j < cols; ++j) if (typeof row[j] !== 'number') throw new TypeError(`${name}[${i}][${j}] is ${describe(row[j])}, not a number`);
      }
      data.set(row, i * cols);
    });
    valueAt = (i, j) => embeddings[i][j];
  } else {
    throw new TypeError(`${name} must be a Float32Array (${expected}, row-major), {data, rows, cols} or an array of rows, got ${describe(embeddings)}`);
  }
  if (d !== null && cols !== d) throw new Error(`${name} have ${cols} dimensions but the model's embeddings have ${d}: embed with the model that was fitted`);
  for (let k = 0; k < data.length; ++k) {
    if (!Number.isFinite(data[k])) {
      const i = Math.floor(k / cols), j = k % cols;
      const v = valueAt(i, j);
      throw new Error(`${name}[${i}][${j}] is ${v}${Number.isFinite(v) ? ', beyond float32 range' : ''}: ${name} must hold finite numbers`);
    }
  }
  return { data, cols };
}

/** The dimension of a fitted engine model's embeddings (of its topic embeddings); null when it has none. */
export function modelDimension(core) {
  const m = core?.fitted() ? core.topicEmbeddings() : null;
  return m?.rows ? m.cols : null;
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
  return matrixRows({ data, rows, cols });
}

/** The engine's {data, rows, cols} (or a typed array + shape) as an array of row views. */
export function matrixRows({ data, rows, cols }) {
  return Array.from({ length: rows }, (_, i) => data.subarray(i * cols, (i + 1) * cols));
}

/** float32 -> IEEE half (round to nearest even), as little-endian bytes. */
export function floatToHalf(values) {
  const out = new Uint16Array(values.length);
  const f = new Float32Array(1);
  const u = new Uint32Array(f.buffer);
  for (let i = 0; i < values.length; ++i) {
    f[0] = values[i];
    const x = u[0];
    const sign = (x >>> 16) & 0x8000;
    const exp = (x >>> 23) & 0xff;
    let mant = x & 0x7fffff;
    if (exp === 0xff) { out[i] = sign | 0x7c00 | (mant ? 0x200 : 0); continue; }
    let e = exp - 127 + 15;
    if (e >= 31) { out[i] = sign | 0x7c00; continue; }
    if (e <= 0) {
      if (e < -10) { out[i] = sign; continue; }
      mant |= 0x800000;
      const shift = 14 - e;
      let h = mant >>> shift;
      const rest = mant & ((1 << shift) - 1);
      const half = 1 << (shift - 1);
      if (rest > half || (rest === half && (h & 1))) ++h;
      out[i] = sign | h;
      continue;
    }
    let h = (e << 10) | (mant >>> 13);
    const rest = mant & 0x1fff;
    if (rest > 0x1000 || (rest === 0x1000 && (h & 1))) ++h; // may carry into the exponent: still right
    out[i] = sign | h;
  }
  return new Uint8Array(out.buffer);
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
