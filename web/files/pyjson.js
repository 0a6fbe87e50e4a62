// Python's json.dump(value, f, indent=2) byte for byte, which is how BERTopic writes its
// config.json, topics.json and ctfidf_config.json: ensure_ascii escapes (\uXXXX for anything
// outside printable ASCII), "key": value with two-space indentation, and floats as Python's
// repr() (shortest round-trip digits, always a '.' or an exponent: 1.0, 1e-05, 0.7).
// JavaScript has one number type, so a value meant as a Python float that happens to be an integer
// (1.0) must be wrapped: pyFloat(1). Every other integer is written as an int, anything else as a float.

class PyFloat {
  constructor(value) {
    this.value = value;
  }
}

/** Marks a number to be written as a Python float. */
export const pyFloat = (value) => new PyFloat(value);

/** Python's float repr: fixed notation for exponents -4..15, else d.ddde±XX. */
export function floatRepr(x) {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  // toExponential() with no argument gives the shortest digits that round-trip, as repr() does.
  const [mantissa, exponentText] = x.toExponential().split('e');
  const exponent = Number(exponentText);
  const sign = mantissa.startsWith('-') ? '-' : '';
  const digits = mantissa.replace('-', '').replace('.', '');
  if (exponent < -4 || exponent >= 16) {
    const fraction = digits.length > 1 ? `.${digits.slice(1)}` : '';
    return `${sign}${digits[0]}${fraction}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  return `${sign}${whole}.${digits.slice(exponent + 1) || '0'}`;
}

const ESCAPES = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

/** A JSON string literal as Python's json (ensure_ascii=True) writes it. */
export function quote(text) {
  let out = '"';
  for (let i = 0; i < text.length; ++i) {
    const ch = text[i];
    const code = text.charCodeAt(i);
    if (ESCAPES[ch]) out += ESCAPES[ch];
    else if (code >= 0x20 && code <= 0x7e) out += ch;
    else out += `\\u${code.toString(16).padStart(4, '0')}`; // UTF-16 units: surrogate pairs as Python
  }
  return `${out}"`;
}

function write(value, indent) {
  if (value === null) return 'null';
  if (value instanceof PyFloat) return floatRepr(value.value);
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return Number.isInteger(value) ? String(value) : floatRepr(value);
    case 'string':
      return quote(value);
    default:
      break;
  }
  const inner = `${indent}  `;
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    if (!value.length) return '[]';
    return `[\n${Array.from(value, (v) => inner + write(v, inner)).join(',\n')}\n${indent}]`;
  }
  if (typeof value !== 'object') throw new Error(`cannot write ${typeof value} as JSON`);
  // A Map keeps its order; Python dicts do too, JavaScript objects put integer keys first.
  const entries = value instanceof Map ? [...value] : Object.entries(value);
  if (!entries.length) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}${quote(String(k))}: ${write(v, inner)}`).join(',\n')}\n${indent}}`;
}

/** json.dumps(value, indent=2). */
export function dumpPython(value) {
  return write(value, '');
}
