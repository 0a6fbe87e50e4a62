// Documents into groups for topicsOverTime / topicsPerClass: timestamps (numbers, Dates or date
// strings) into sorted time points, optionally into nrBins equal-width bins as pandas.cut does
// (BERTopic's nr_bins), and class values into sorted classes.
import { errorClass } from '../engine/options.js';

const isDateString = (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v));

/** Timestamps as numbers (ms for dates) plus a function turning a number back into the caller's kind. */
function timeValues(timestamps, n) {
  if (!Array.isArray(timestamps) && !ArrayBuffer.isView(timestamps)) throw new TypeError('timestamps must be an array');
  if (timestamps.length !== n) throw new Error(`timestamps has ${timestamps.length} entries for ${n} documents`);
  const values = new Float64Array(n);
  const kind = timestamps[0] instanceof Date ? 'date' : isDateString(timestamps[0]) ? 'date-string' : 'number';
  for (let i = 0; i < n; ++i) {
    const t = timestamps[i];
    const v = kind === 'number' ? t : t instanceof Date ? t.getTime() : isDateString(t) ? Date.parse(t) : NaN;
    if (typeof v !== 'number' || !Number.isFinite(v) || (kind === 'number' && typeof t !== 'number')) {
      // NaN or an unparsable date string is a bad value; a boolean, or a string among numbers, a bad type.
      const right = kind === 'number' ? typeof t === 'number' : t instanceof Date || typeof t === 'string';
      throw new (right ? Error : TypeError)(`timestamps[${i}] is not a ${kind === 'number' ? 'finite number' : 'date'}: ${JSON.stringify(t)} (use numbers, Dates or date strings throughout)`);
    }
    values[i] = v;
  }
  return { values, back: kind === 'number' ? (v) => v : (v) => new Date(v) };
}

/**
 * {groups: Int32Array (group per document), keys: [timestamp of each group]}: the distinct
 * timestamps in ascending order, or with nrBins the left edges of pandas.cut's bins (linspace from
 * min to max, the first edge lowered by 0.1 % of the range; right-closed), empty bins omitted.
 */
export function timeGroups(timestamps, n, nrBins = null) {
  const { values, back } = timeValues(timestamps, n);
  let points = values;
  if (nrBins !== null && nrBins !== undefined) {
    if (!Number.isInteger(nrBins) || nrBins < 1) throw new (errorClass(nrBins, 'integer'))(`nrBins must be a positive integer, got ${JSON.stringify(nrBins)}`);
    let lo = Math.min(...values), hi = Math.max(...values);
    let edges;
    if (lo === hi) {
      const pad = lo !== 0 ? 0.001 * Math.abs(lo) : 0.001;
      lo -= pad;
      hi += pad;
      edges = Array.from({ length: nrBins + 1 }, (_, k) => lo + ((hi - lo) * k) / nrBins);
    } else {
      edges = Array.from({ length: nrBins + 1 }, (_, k) => lo + ((hi - lo) * k) / nrBins);
      edges[0] -= (hi - lo) * 0.001;
    }
    // Bin k is (edges[k], edges[k+1]]; a document's time point is its bin's left edge.
    points = values.map((v) => {
      let k = 0;
      while (k < nrBins - 1 && v > edges[k + 1]) ++k;
      return edges[k];
    });
  }
  const keys = [...new Set(points)].sort((a, b) => a - b);
  const index = new Map(keys.map((k, g) => [k, g]));
  return { groups: Int32Array.from(points, (p) => index.get(p)), keys: keys.map(back) };
}

/** {groups, keys}: class values (strings or numbers) in ascending order. */
export function classGroups(classes, n) {
  if (!Array.isArray(classes) && !ArrayBuffer.isView(classes)) throw new TypeError('classes must be an array');
  if (classes.length !== n) throw new Error(`classes has ${classes.length} entries for ${n} documents`);
  classes.forEach((c, i) => {
    if (typeof c !== 'string' && !(typeof c === 'number' && Number.isFinite(c))) throw new (typeof c === 'number' ? Error : TypeError)(`classes[${i}] is not a string or a number: ${JSON.stringify(c)}`);
  });
  const keys = [...new Set(classes)].sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b))));
  const index = new Map(keys.map((k, g) => [k, g]));
  return { groups: Int32Array.from(classes, (c) => index.get(c)), keys };
}
