// For GPUs without 16-bit float shaders (WebGPU's optional 'shader-f16'; SwiftShader has none):
// the built-in graphs keep their embedding tables in float16 and run Gather -> Cast(float). This
// rewrites each such pair as Cast(table) -> Gather, so onnxruntime folds the cast into a float32
// table when the session starts and no float16 kernel runs. Float16 -> float32 is exact, so the
// vectors are the same. Other graphs pass through unchanged.
import { DataType, encode, node } from './proto.js';

// Protobuf fields of a message: [{field, wire, start, end, body: [from, to) for length-delimited}].
function fields(bytes, from = 0, to = bytes.length) {
  const out = [];
  let p = from;
  const varint = () => {
    let v = 0, shift = 1;
    for (;;) {
      const b = bytes[p++];
      v += (b & 0x7f) * shift;
      if (b < 0x80) return v;
      shift *= 128;
    }
  };
  while (p < to) {
    const start = p;
    const tag = varint();
    const field = Math.floor(tag / 8), wire = tag & 7;
    let body = null;
    if (wire === 0) varint();
    else if (wire === 1) p += 8;
    else if (wire === 5) p += 4;
    else if (wire === 2) {
      const length = varint();
      body = [p, p + length];
      p += length;
    } else throw new Error(`unsupported protobuf wire type ${wire}`);
    out.push({ field, wire, start, end: p, body });
  }
  return out;
}

const text = new TextDecoder();
const strings = (bytes, fs, field) => fs.filter((f) => f.field === field).map((f) => text.decode(bytes.subarray(...f.body)));

function varintField(bytes, fs, field) {
  const f = fs.find((x) => x.field === field && x.wire === 0);
  if (!f) return null;
  let p = f.start + 1, v = 0, shift = 1; // tags below 16 take one byte
  for (;;) {
    const b = bytes[p++];
    v += (b & 0x7f) * shift;
    if (b < 0x80) return v;
    shift *= 128;
  }
}

// A length-delimited field `field` holding `message`.
function wrap(field, message) {
  const header = encode([[field, 'bytes', new Uint8Array(0)]]); // tag + zero length
  const tag = header.subarray(0, header.length - 1);
  const length = [];
  let n = message.length;
  do {
    length.push((n & 0x7f) | (n >= 0x80 ? 0x80 : 0));
    n = Math.floor(n / 128);
  } while (n > 0);
  const out = new Uint8Array(tag.length + length.length + message.length);
  out.set(tag, 0);
  out.set(length, tag.length);
  out.set(message, tag.length + length.length);
  return out;
}

const concat = (parts) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};

/** The model's bytes with float16 Gather -> Cast pairs turned into Cast -> Gather (see above). */
export function castTablesFirst(bytes) {
  const model = fields(bytes);
  const graphField = model.find((f) => f.field === 7 && f.body);
  if (!graphField) return bytes;
  const graph = fields(bytes, ...graphField.body);
  // ModelProto.graph 7; GraphProto.node 1, initializer 5; TensorProto.data_type 2, name 8.
  const half = new Set();
  for (const f of graph.filter((g) => g.field === 5 && g.body)) {
    const t = fields(bytes, ...f.body);
    if (varintField(bytes, t, 2) === DataType.FLOAT16) half.add(strings(bytes, t, 8)[0]);
  }
  const nodes = graph.filter((g) => g.field === 1 && g.body).map((f) => {
    const n = fields(bytes, ...f.body);
    return { f, op: strings(bytes, n, 4)[0], inputs: strings(bytes, n, 1), outputs: strings(bytes, n, 2) };
  });
  const replaced = new Map(); // graph field -> new NodeProto bytes
  for (const gather of nodes.filter((n) => n.op === 'Gather' && half.has(n.inputs[0]))) {
    const consumers = nodes.filter((n) => n.inputs.includes(gather.outputs[0]));
    if (consumers.length !== 1 || consumers[0].op !== 'Cast') continue;
    const cast = consumers[0];
    const table = `${gather.inputs[0]}/float32`;
    replaced.set(gather.f, encode(node('Cast', [gather.inputs[0]], [table], { to: DataType.FLOAT })));
    replaced.set(cast.f, encode(node('Gather', [table, gather.inputs[1]], cast.outputs, { axis: 0 })));
  }
  if (!replaced.size) return bytes;
  const graphBytes = concat(graph.map((f) => (replaced.has(f) ? wrap(1, replaced.get(f)) : bytes.subarray(f.start, f.end))));
  return concat(model.map((f) => (f === graphField ? wrap(7, graphBytes) : bytes.subarray(f.start, f.end))));
}
