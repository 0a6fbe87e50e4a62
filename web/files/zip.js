// A single-file bundle of a model directory: a zip archive (PKWARE APPNOTE 6.3, no zip64).
// We write "stored" (uncompressed) entries - the safetensors payloads are float arrays that deflate
// barely shrinks, and it needs no compressor. We read stored and deflated entries, so a zip made by
// `zip -r` or Python's shutil.make_archive of a BERTopic directory loads too. Inflating uses
// DecompressionStream('deflate-raw') (browsers and Node 20 alike).

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; ++n) {
    let c = n;
    for (let k = 0; k < 8; ++k) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes) {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; ++i) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const DOS_DATE_1980_01_01 = (1 << 5) | 1; // fixed timestamp: the same model gives the same bytes

/**
 * {name: Uint8Array} -> a zip archive of stored entries, or deflated ones when given
 * `deflateRaw` (bytes -> raw deflate bytes, e.g. node:zlib's deflateRawSync).
 */
export function writeZip(files, { deflateRaw } = {}) {
  const encoder = new TextEncoder();
  const entries = Object.entries(files).map(([name, raw]) => {
    const data = deflateRaw ? new Uint8Array(deflateRaw(raw)) : raw;
    return { name: encoder.encode(name), data, size: raw.length, crc: crc32(raw) };
  });
  const localSize = entries.reduce((sum, e) => sum + 30 + e.name.length + e.data.length, 0);
  const centralSize = entries.reduce((sum, e) => sum + 46 + e.name.length, 0);
  if (localSize + centralSize + 22 > 0xffffffff) throw new Error('model too large for a zip without zip64 (4 GB)');
  const out = new Uint8Array(localSize + centralSize + 22);
  const view = new DataView(out.buffer);
  let pos = 0;
  const offsets = [];
  for (const e of entries) {
    offsets.push(pos);
    view.setUint32(pos, 0x04034b50, true);
    view.setUint16(pos + 4, 20, true); // version needed: 2.0
    view.setUint16(pos + 6, 0x0800, true); // names are UTF-8
    view.setUint16(pos + 8, deflateRaw ? 8 : 0, true); // deflate or stored
    view.setUint16(pos + 10, 0, true);
    view.setUint16(pos + 12, DOS_DATE_1980_01_01, true);
    view.setUint32(pos + 14, e.crc, true);
    view.setUint32(pos + 18, e.data.length, true);
    view.setUint32(pos + 22, e.size, true);
    view.setUint16(pos + 26, e.name.length, true);
    view.setUint16(pos + 28, 0, true);
    out.set(e.name, pos + 30);
    out.set(e.data, pos + 30 + e.name.length);
    pos += 30 + e.name.length + e.data.length;
  }
  const centralStart = pos;
  entries.forEach((e, i) => {
    view.setUint32(pos, 0x02014b50, true);
    view.setUint16(pos + 4, 20, true);
    view.setUint16(pos + 6, 20, true);
    view.setUint16(pos + 8, 0x0800, true);
    view.setUint16(pos + 10, deflateRaw ? 8 : 0, true);
    view.setUint16(pos + 12, 0, true);
    view.setUint16(pos + 14, DOS_DATE_1980_01_01, true);
    view.setUint32(pos + 16, e.crc, true);
    view.setUint32(pos + 20, e.data.length, true);
    view.setUint32(pos + 24, e.size, true);
    view.setUint16(pos + 28, e.name.length, true);
    // extra, comment, disk, internal attributes: 0; external attributes: 0
    view.setUint32(pos + 42, offsets[i], true);
    out.set(e.name, pos + 46);
    pos += 46 + e.name.length;
  });
  view.setUint32(pos, 0x06054b50, true);
  view.setUint16(pos + 8, entries.length, true);
  view.setUint16(pos + 10, entries.length, true);
  view.setUint32(pos + 12, pos - centralStart, true);
  view.setUint32(pos + 16, centralStart, true);
  return out;
}

/** True when the bytes start with a zip local file header. */
export const isZip = (bytes) => bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4;

// Raw deflate -> at most `cap` bytes; null when the data inflates to more (a zip bomb, or a header
// that lies about the size): inflating stops as soon as the output passes the cap.
async function inflateRaw(data, cap) {
  const reader = new Blob([data]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const chunks = [];
  let size = 0;
  for (let r; !(r = await reader.read()).done; ) {
    size += r.value.length;
    if (size > cap) {
      await reader.cancel();
      return null;
    }
    chunks.push(r.value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

const MiB = 2 ** 20;

/**
 * A zip archive -> {name: Uint8Array}. Names lose their directories ("model/config.json" ->
 * "config.json"), as a zipped model folder should load like the folder. Checks every CRC.
 * `limits` {name: bytes}: only these entries are read, each refused (with an Error naming it)
 * when its declared size exceeds its limit or when it inflates to more than it declares.
 */
export async function readZip(bytes, limits) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); --i) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('zip: no end-of-central-directory record (truncated or not a zip file)');
  const count = view.getUint16(end + 10, true);
  let pos = view.getUint32(end + 16, true);
  const decoder = new TextDecoder();
  const files = {};
  for (let k = 0; k < count; ++k) {
    if (pos + 46 > bytes.length || view.getUint32(pos, true) !== 0x02014b50) throw new Error('zip: corrupt central directory');
    const method = view.getUint16(pos + 10, true);
    const crc = view.getUint32(pos + 16, true);
    const compressedSize = view.getUint32(pos + 20, true);
    const size = view.getUint32(pos + 24, true);
    const nameLength = view.getUint16(pos + 28, true);
    const skip = nameLength + view.getUint16(pos + 30, true) + view.getUint16(pos + 32, true);
    const local = view.getUint32(pos + 42, true);
    const name = decoder.decode(bytes.subarray(pos + 46, pos + 46 + nameLength));
    pos += 46 + skip;
    const base = name.slice(name.lastIndexOf('/') + 1);
    if (name.endsWith('/') || !Object.hasOwn(limits, base)) continue; // a directory, or not a file we read
    if (size > limits[base]) {
      throw new Error(`zip: ${name} declares ${(size / MiB).toFixed(1)} MB uncompressed, more than the ${limits[base] / MiB} MB a model's ${base} may hold`);
    }
    if (local + 30 > bytes.length || view.getUint32(local, true) !== 0x04034b50) throw new Error(`zip: corrupt local header of ${name}`);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    if (start + compressedSize > bytes.length) throw new Error(`zip: ${name} is truncated`);
    const raw = bytes.subarray(start, start + compressedSize);
    let data;
    if (method === 0) data = raw.slice();
    else if (method === 8) data = await inflateRaw(raw, size);
    else throw new Error(`zip: ${name} uses compression method ${method}; only stored (0) and deflate (8) are supported`);
    if (data === null || data.length !== size) {
      throw new Error(`zip: ${name} inflates to ${data === null ? `more than ${size}` : data.length} bytes, not the ${size} its header declares (corrupt archive or zip bomb)`);
    }
    if (crc32(data) !== crc) throw new Error(`zip: ${name} fails its CRC check (corrupt archive)`);
    files[base] = data;
  }
  return files;
}
