// The few ONNX protobuf messages we write, encoded by hand (onnx/onnx.proto3, field numbers
// below). Fields are written in a fixed order, so the same graph always gives the same bytes.

// ---- protobuf wire format ----------------------------------------------------------------

class Writer {
  constructor() {
    this.chunks = [];
    this.length = 0;
  }
  bytes(b) {
    this.chunks.push(b);
    this.length += b.length;
  }
  varint(value) {
    let v = BigInt.asUintN(64, BigInt(value));
    const out = [];
    do {
      let byte = Number(v & 0x7fn);
      v >>= 7n;
      if (v !== 0n) byte |= 0x80;
      out.push(byte);
    } while (v !== 0n);
    this.bytes(Uint8Array.from(out));
  }
  tag(field, wire) {
    this.varint((field << 3) | wire);
  }
  finish() {
    const out = new Uint8Array(this.length);
    let o = 0;
    for (const c of this.chunks) {
      out.set(c, o);
      o += c.length;
    }
    return out;
  }
}

const utf8 = new TextEncoder();

// A message is a list of [field, kind, value]; kind: 'varint', 'float', 'bytes', 'string',
// 'message' (value is another list), 'packed' (array of varints).
export function encode(fields) {
  const w = new Writer();
  for (const [field, kind, value] of fields) {
    if (value === undefined || value === null) continue;
    switch (kind) {
      case 'varint':
        w.tag(field, 0);
        w.varint(value);
        break;
      case 'float': {
        w.tag(field, 5);
        const b = new Uint8Array(4);
        new DataView(b.buffer).setFloat32(0, value, true);
        w.bytes(b);
        break;
      }
      case 'string':
      case 'bytes': {
        const b = kind === 'string' ? utf8.encode(value) : value;
        w.tag(field, 2);
        w.varint(b.length);
        w.bytes(b);
        break;
      }
      case 'message': {
        const b = encode(value);
        w.tag(field, 2);
        w.varint(b.length);
        w.bytes(b);
        break;
      }
      case 'packed': {
        const inner = new Writer();
        for (const v of value) inner.varint(v);
        const b = inner.finish();
        w.tag(field, 2);
        w.varint(b.length);
        w.bytes(b);
        break;
      }
      case 'packed_float': {
        const b = new Uint8Array(4 * value.length);
        const dv = new DataView(b.buffer);
        value.forEach((v, i) => dv.setFloat32(4 * i, v, true));
        w.tag(field, 2);
        w.varint(b.length);
        w.bytes(b);
        break;
      }
      default:
        throw new Error(`unknown protobuf field kind ${kind}`);
    }
  }
  return w.finish();
}

// ---- ONNX messages -------------------------------------------------------------------------

export const DataType = { FLOAT: 1, UINT8: 2, INT8: 3, INT32: 6, INT64: 7, FLOAT16: 10 };

// TensorProto: dims 1, data_type 2, name 8, raw_data 9 (little-endian).
export function tensor(name, dataType, dims, raw) {
  const bytes = raw instanceof Uint8Array ? raw : new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
  return [
    [1, 'packed', dims],
    [2, 'varint', dataType],
    [8, 'string', name],
    [9, 'bytes', bytes],
  ];
}

// AttributeProto: name 1, f 2, i 3, s 4, t 5, floats 7, ints 8, type 20.
export function attribute(name, value) {
  if (typeof value === 'number' && Number.isInteger(value))
    return [[1, 'string', name], [3, 'varint', value], [20, 'varint', 2]];
  if (typeof value === 'number') return [[1, 'string', name], [2, 'float', value], [20, 'varint', 1]];
  if (value instanceof Float) return [[1, 'string', name], [2, 'float', value.v], [20, 'varint', 1]];
  if (typeof value === 'string') return [[1, 'string', name], [4, 'string', value], [20, 'varint', 3]];
  if (Array.isArray(value)) return [[1, 'string', name], [8, 'packed', value], [20, 'varint', 7]];
  if (value && value.tensor) return [[1, 'string', name], [5, 'message', value.tensor], [20, 'varint', 4]];
  throw new Error(`unsupported attribute ${name}`);
}

// Wraps a number that must be written as a float attribute even when integral (e.g. alpha = 1).
export class Float {
  constructor(v) {
    this.v = v;
  }
}

// NodeProto: input 1, output 2, name 3, op_type 4, attribute 5, domain 7.
export function node(opType, inputs, outputs, attrs = {}, { name, domain } = {}) {
  const fields = [];
  for (const i of inputs) fields.push([1, 'string', i]);
  for (const o of outputs) fields.push([2, 'string', o]);
  fields.push([3, 'string', name ?? outputs[0]]);
  fields.push([4, 'string', opType]);
  for (const key of Object.keys(attrs)) fields.push([5, 'message', attribute(key, attrs[key])]);
  if (domain) fields.push([7, 'string', domain]);
  return fields;
}

// ValueInfoProto with a tensor type; dims are numbers or symbolic names.
export function valueInfo(name, elemType, dims) {
  const dimMsgs = dims.map((d) => (typeof d === 'number' ? [[1, 'varint', d]] : [[2, 'string', d]]));
  const shape = dimMsgs.map((d) => [1, 'message', d]);
  const tensorType = [
    [1, 'varint', elemType],
    [2, 'message', shape],
  ];
  return [
    [1, 'string', name],
    [2, 'message', [[1, 'message', tensorType]]],
  ];
}

// GraphProto: node 1, name 2, initializer 5, input 11, output 12.
// ModelProto: ir_version 1, producer_name 2, producer_version 3, graph 7, opset_import 8.
export function model({ nodes, initializers, inputs, outputs, name, opsets, producer = 'topicwasm' }) {
  const graph = [];
  for (const n of nodes) graph.push([1, 'message', n]);
  graph.push([2, 'string', name]);
  for (const t of initializers) graph.push([5, 'message', t]);
  for (const i of inputs) graph.push([11, 'message', i]);
  for (const o of outputs) graph.push([12, 'message', o]);
  const fields = [
    [1, 'varint', 8], // IR version 8 (opset 17 era)
    [2, 'string', producer],
    [3, 'string', '1'],
    [7, 'message', graph],
  ];
  for (const [domain, version] of opsets) fields.push([8, 'message', [[1, 'string', domain], [2, 'varint', version]]]);
  return encode(fields);
}
