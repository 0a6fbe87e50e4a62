// Builds an ONNX graph of a BERT encoder (Devlin et al. 2019; Hugging Face BertModel) followed by
// sentence-transformers' masked mean pooling and L2 normalisation, from safetensors weights.
//
// Inputs (int64, [batch, sequence]): input_ids, attention_mask, token_type_ids.
// Outputs: last_hidden_state [batch, sequence, hidden], sentence_embedding [batch, hidden].
//
// Variants (options):
//   precision 'fp32' : MatMul weights in float32.
//   precision 'int8' : MatMul weights quantised per output column, symmetric int8 (scale =
//                      max|w| / 127), activations quantised dynamically to uint8 at run time
//                      (com.microsoft DynamicQuantizeMatMul, what onnxruntime's quantize_dynamic
//                      graphs are fused into); dense layers matching keepFloat stay float32
//                      (the Q|K|V projections of a fused int8 graph are always int8).
//   fused true       : ONNX Runtime's own transformer fusions (com.microsoft ops; its optimiser
//                      does not find them in our int8 graph) instead of the standard-op subgraphs:
//                      SkipLayerNormalization, and
//                        fp32: Attention (Q|K|V packed) and BiasGelu (exact erf GELU);
//                        int8: QAttention (Q|K|V packed, int8 per column, over the input quantised
//                              once by DynamicQuantizeLinear) and FastGelu (tanh approximation).
//                      Measured in onnxruntime-web 1.30 (WebAssembly, one thread, the bench corpus,
//                      all variants interleaved in one process): the int8 QAttention graph takes 4%
//                      less CPU than three DynamicQuantizeMatMul + standard attention ops, FastGelu
//                      7% less than BiasGelu (MLAS's erf is slow in WebAssembly), together 12%
//                      on the first 400 documents of bench/embed.mjs and 8% on all 1,000;
//                      neither changes the int8 median cosine to fp32 (0.9925 on the 200-document
//                      test sample). fp32 keeps the exact GELU (the reference-matching variant).
//   gelu 'erf'|'tanh' : overrides the GELU choice of a fused graph (unfused graphs: 'erf' only).
//   pooled false     : only last_hidden_state, like a plain Hugging Face export.
// Embedding tables are stored as float16 (the source weights are float16, so this is lossless)
// and gathered before a Cast, which halves the file.
import { DataType, Float, model, node, tensor, valueInfo } from './proto.js';

// The weights: the engine's readSafetensors(bytes) (web/engine/module.js), a Map name -> {dtype,
// shape, raw (element bytes), floats (Float32Array values)}.

// A tensor as Float32Array (from F16 or F32).
function floats(t) {
  if (t.dtype !== 'F32' && t.dtype !== 'F16') throw new Error(`unsupported weight dtype ${t.dtype}`);
  return t.floats;
}

// PyTorch Linear weight [out, in] -> MatMul B [in, out].
function transpose(w, rows, cols) {
  const out = new Float32Array(w.length);
  for (let r = 0; r < rows; ++r) for (let c = 0; c < cols; ++c) out[c * rows + r] = w[r * cols + c];
  return out;
}

// Per-column symmetric int8: b[k, n] ~ q[k, n] * scale[n].
function quantizeColumns(b, K, N) {
  const scale = new Float32Array(N);
  for (let k = 0; k < K; ++k)
    for (let n = 0; n < N; ++n) scale[n] = Math.max(scale[n], Math.abs(b[k * N + n]));
  for (let n = 0; n < N; ++n) scale[n] = scale[n] > 0 ? scale[n] / 127 : 1;
  const q = new Int8Array(K * N);
  for (let k = 0; k < K; ++k)
    for (let n = 0; n < N; ++n) q[k * N + n] = Math.max(-127, Math.min(127, Math.round(b[k * N + n] / scale[n])));
  return { q, scale };
}

// Dense layers left in float32 by the int8 variant. The first layer's FFN output projection (its
// input, the GELU output, is the hardest activation to quantise per tensor) costs ~1/18 of the
// matrix work and lifts the median cosine to fp32 on 200 multilingual documents from 0.991 to
// 0.993 (Brown paragraphs: 0.994 -> 0.995); keeping every layer's: 0.997, but ~20% slower.
export const INT8_KEEP_FLOAT = /^encoder\.layer\.0\.output\.dense$/;

// ---- graph builder ---------------------------------------------------------------------------

class Graph {
  constructor() {
    this.nodes = [];
    this.initializers = [];
    this.counter = 0;
  }
  name(prefix) {
    return `${prefix}_${this.counter++}`;
  }
  add(op, inputs, attrs = {}, opts = {}) {
    const outputs = opts.outputs ?? [this.name(opts.prefix ?? op)];
    this.nodes.push(node(op, inputs, outputs, attrs, { domain: opts.domain, name: opts.nodeName ?? outputs[0] }));
    return outputs.length === 1 ? outputs[0] : outputs;
  }
  init(name, dataType, dims, data) {
    this.initializers.push(tensor(name, dataType, dims, data));
    return name;
  }
  f32(name, dims, data) {
    return this.init(name, DataType.FLOAT, dims, data instanceof Float32Array ? data : Float32Array.from(data));
  }
  i64(name, dims, values) {
    return this.init(name, DataType.INT64, dims, BigInt64Array.from(values.map(BigInt)));
  }
}

export function buildBert(weights, config, options = {}) {
  const { precision = 'fp32', fused = false, pooled = true, keepFloat = INT8_KEEP_FLOAT } = options;
  if (precision !== 'fp32' && precision !== 'int8') throw new Error(`unknown precision ${precision}`);
  const gelu = options.gelu ?? (fused && precision === 'int8' ? 'tanh' : 'erf');
  if (gelu !== 'erf' && gelu !== 'tanh') throw new Error(`unknown gelu ${gelu}`);
  if (gelu === 'tanh' && !fused) throw new Error('gelu "tanh" needs a fused graph (com.microsoft FastGelu)');
  const H = config.hidden_size;
  const heads = config.num_attention_heads;
  const headSize = H / heads;
  const F = config.intermediate_size;
  const eps = config.layer_norm_eps ?? 1e-12;
  if (config.hidden_act && config.hidden_act !== 'gelu') throw new Error(`unsupported activation ${config.hidden_act}`);

  // Attention as one op (fused: Attention for fp32, QAttention for int8) or as standard ops.
  const fuseAttention = fused && precision === 'fp32';
  const quantAttention = fused && precision === 'int8';
  const opAttention = fuseAttention || quantAttention;
  const get = (name) => {
    const t = weights.get(name) ?? weights.get(`bert.${name}`);
    if (!t) throw new Error(`weight ${name} is missing`);
    return t;
  };
  const g = new Graph();
  const shape = (name, dims) => g.i64(name, [dims.length], dims);

  // Constants.
  const zeroI = g.i64('const_zero_i64', [], [0]);
  const oneI = g.i64('const_one_i64', [], [1]);
  const oneF = fused ? null : g.f32('const_one', [], [1]);
  const headShape = opAttention ? null : shape('const_head_shape', [0, 0, heads, headSize]);
  const mergeShape = opAttention ? null : shape('const_merge_shape', [0, 0, H]);

  // Embeddings: float16 tables -> Gather -> Cast.
  const table = (name, t) => {
    if (t.dtype !== 'F16') return g.f32(name, t.shape, floats(t));
    return g.init(name, DataType.FLOAT16, t.shape, new Uint16Array(t.raw.buffer, t.raw.byteOffset, t.raw.byteLength / 2));
  };
  const gatherEmbedding = (tableName, t, ids) => {
    const gathered = g.add('Gather', [table(tableName, t), ids], { axis: 0 });
    return t.dtype === 'F16' ? g.add('Cast', [gathered], { to: DataType.FLOAT }) : gathered;
  };
  const word = gatherEmbedding('word_embeddings', get('embeddings.word_embeddings.weight'), 'input_ids');
  const typ = gatherEmbedding('token_type_embeddings', get('embeddings.token_type_embeddings.weight'), 'token_type_ids');
  const inputShape = g.add('Shape', ['input_ids']);
  const seqLen = g.add('Gather', [inputShape, oneI], { axis: 0 });
  const positions = g.add('Range', [zeroI, seqLen, oneI]);
  const pos = gatherEmbedding('position_embeddings', get('embeddings.position_embeddings.weight'), positions);
  const sum = g.add('Add', [g.add('Add', [word, pos]), typ]);
  const layerNorm = (x, prefix) =>
    g.add('LayerNormalization', [x, g.f32(`${prefix}.weight`, [H], floats(get(`${prefix}.weight`))), g.f32(`${prefix}.bias`, [H], floats(get(`${prefix}.bias`)))], {
      axis: -1,
      epsilon: new Float(eps),
    });
  let x = layerNorm(sum, 'embeddings.LayerNorm');

  // Masks: float mask for pooling; additive mask [batch, 1, 1, seq] for the standard attention;
  // int32 mask for the fused (Q)Attention op.
  const maskF = pooled || !opAttention ? g.add('Cast', ['attention_mask'], { to: DataType.FLOAT }, { outputs: ['mask_float'] }) : null;
  let additiveMask = null;
  let maskI32 = null;
  if (opAttention) {
    maskI32 = g.add('Cast', ['attention_mask'], { to: DataType.INT32 }, { outputs: ['mask_int32'] });
  } else {
    const inverted = g.add('Sub', [oneF, maskF]);
    const scaled = g.add('Mul', [inverted, g.f32('const_mask_value', [], [-10000])]);
    additiveMask = g.add('Unsqueeze', [scaled, g.i64('const_axes_1_2', [2], [1, 2])], {}, { outputs: ['additive_mask'] });
  }

  // Dense layers. Returns the output name; with `bias` false the bias is returned separately
  // (for the fused ops that take it as an input).
  const dense = (input, prefix, inDim, outDim, { withBias = true } = {}) => {
    const w = transpose(floats(get(`${prefix}.weight`)), outDim, inDim);
    const bias = g.f32(`${prefix}.bias`, [outDim], floats(get(`${prefix}.bias`)));
    if (precision === 'int8' && !(keepFloat && keepFloat.test(prefix))) {
      const { q, scale } = quantizeColumns(w, inDim, outDim);
      const qName = g.init(`${prefix}.weight_int8`, DataType.INT8, [inDim, outDim], q);
      const sName = g.f32(`${prefix}.weight_scale`, [outDim], scale);
      const zName = g.init(`${prefix}.weight_zero`, DataType.INT8, [outDim], new Int8Array(outDim));
      const inputs = [input, qName, sName, zName];
      if (withBias) inputs.push(bias);
      return { out: g.add('DynamicQuantizeMatMul', inputs, {}, { domain: 'com.microsoft' }), bias };
    }
    const mm = g.add('MatMul', [input, g.f32(`${prefix}.weight_t`, [inDim, outDim], w)]);
    return { out: withBias ? g.add('Add', [mm, bias]) : mm, bias };
  };

  // Q|K|V projections of layer p packed into one [H, 3H] matrix (and bias [3H]).
  const packedQkv = (p) => {
    const parts = ['query', 'key', 'value'];
    const bias = Float32Array.from(parts.flatMap((n) => [...floats(get(`${p}.attention.self.${n}.bias`))]));
    const [q, k, v] = parts.map((n) => transpose(floats(get(`${p}.attention.self.${n}.weight`)), H, H));
    const w = new Float32Array(H * 3 * H);
    for (let r = 0; r < H; ++r) {
      w.set(q.subarray(r * H, r * H + H), r * 3 * H);
      w.set(k.subarray(r * H, r * H + H), r * 3 * H + H);
      w.set(v.subarray(r * H, r * H + H), r * 3 * H + 2 * H);
    }
    return { w, bias };
  };

  for (let l = 0; l < config.num_hidden_layers; ++l) {
    const p = `encoder.layer.${l}`;
    let attention;
    if (fuseAttention) {
      // Attention(input, weights [H, 3H], bias [3H], mask_index) with Q|K|V packed.
      const { w, bias } = packedQkv(p);
      const wqkv = g.f32(`${p}.attention.qkv.weight_t`, [H, 3 * H], w);
      const bqkv = g.f32(`${p}.attention.qkv.bias`, [3 * H], bias);
      attention = g.add('Attention', [x, wqkv, bqkv, maskI32], { num_heads: heads }, { domain: 'com.microsoft' });
    } else if (quantAttention) {
      // QAttention(x_uint8, weights_int8 [H, 3H], bias, x_scale, weight_scale [3H], mask_index,
      // x_zero_point): the Q|K|V projection is one int8 GEMM (the same quantisation as three
      // DynamicQuantizeMatMul, so the same vectors), then softmax attention in float32 without the
      // separate Reshape/Transpose/Add/Softmax kernels.
      const { w, bias } = packedQkv(p);
      const { q: wq, scale } = quantizeColumns(w, H, 3 * H);
      const [xq, xs, xz] = g.add('DynamicQuantizeLinear', [x], {}, { outputs: [g.name('xq'), g.name('xs'), g.name('xz')] });
      const inputs = [xq, g.init(`${p}.attention.qkv.weight_int8`, DataType.INT8, [H, 3 * H], wq), g.f32(`${p}.attention.qkv.bias`, [3 * H], bias),
        xs, g.f32(`${p}.attention.qkv.weight_scale`, [3 * H], scale), maskI32, xz];
      attention = g.add('QAttention', inputs, { num_heads: heads }, { domain: 'com.microsoft' });
    } else {
      const q = dense(x, `${p}.attention.self.query`, H, H).out;
      const k = dense(x, `${p}.attention.self.key`, H, H).out;
      const v = dense(x, `${p}.attention.self.value`, H, H).out;
      const split = (t, perm) => g.add('Transpose', [g.add('Reshape', [t, headShape])], { perm });
      const qh = split(q, [0, 2, 1, 3]);
      const kh = split(k, [0, 2, 3, 1]);
      const vh = split(v, [0, 2, 1, 3]);
      const scores = g.add('Mul', [g.add('MatMul', [qh, kh]), g.f32(`${p}.attention.scale`, [], [1 / Math.sqrt(headSize)])]);
      const probs = g.add('Softmax', [g.add('Add', [scores, additiveMask])], { axis: -1 });
      const context = g.add('MatMul', [probs, vh]);
      attention = g.add('Reshape', [g.add('Transpose', [context], { perm: [0, 2, 1, 3] }), mergeShape]);
    }
    const lnParams = (prefix) => [g.f32(`${prefix}.weight`, [H], floats(get(`${prefix}.weight`))), g.f32(`${prefix}.bias`, [H], floats(get(`${prefix}.bias`)))];
    // dense(input) + skip, then LayerNorm (BertSelfOutput / BertOutput).
    const residual = (input, skip, prefix, inDim) => {
      const [gamma, beta] = lnParams(prefix.replace(/dense$/, 'LayerNorm'));
      if (fused) {
        const { out, bias } = dense(input, prefix, inDim, H, { withBias: false });
        return g.add('SkipLayerNormalization', [out, skip, gamma, beta, bias], { epsilon: new Float(eps) }, { domain: 'com.microsoft' });
      }
      const { out } = dense(input, prefix, inDim, H);
      return g.add('LayerNormalization', [g.add('Add', [out, skip]), gamma, beta], { axis: -1, epsilon: new Float(eps) });
    };
    const afterAttention = residual(attention, x, `${p}.attention.output.dense`, H);
    let intermediate;
    if (fused) {
      const { out, bias } = dense(afterAttention, `${p}.intermediate.dense`, H, F, { withBias: false });
      intermediate = gelu === 'tanh'
        ? g.add('FastGelu', [out, bias], {}, { domain: 'com.microsoft' })
        : g.add('BiasGelu', [out, bias], {}, { domain: 'com.microsoft' });
    } else {
      const h = dense(afterAttention, `${p}.intermediate.dense`, H, F).out;
      // exact GELU: 0.5 x (1 + erf(x / sqrt 2)), as BERT's "gelu"
      const erf = g.add('Erf', [g.add('Div', [h, g.f32(`${p}.gelu.sqrt2`, [], [Math.SQRT2])])]);
      intermediate = g.add('Mul', [g.add('Mul', [h, g.add('Add', [erf, oneF])]), g.f32(`${p}.gelu.half`, [], [0.5])]);
    }
    x = residual(intermediate, afterAttention, `${p}.output.dense`, F);
  }
  g.add('Identity', [x], {}, { outputs: ['last_hidden_state'] });

  // Masked mean pooling and L2 normalisation (sentence-transformers Pooling + Normalize).
  // pooled = false leaves them out, like a plain Hugging Face export (for the Embedder's own pooling).
  if (pooled) {
    const axis1 = g.i64('const_axes_1', [1], [1]);
    const axisLast = g.i64('const_axes_last', [1], [-1]);
    const m3 = g.add('Unsqueeze', [maskF, axisLast]);
    const summed = g.add('ReduceSum', [g.add('Mul', ['last_hidden_state', m3]), axis1], { keepdims: 0 });
    const counts = g.add('Max', [g.add('ReduceSum', [m3, axis1], { keepdims: 0 }), g.f32('const_count_eps', [], [1e-9])]);
    const mean = g.add('Div', [summed, counts]);
    const norm = g.add('Sqrt', [g.add('ReduceSum', [g.add('Mul', [mean, mean]), axisLast], { keepdims: 1 })]);
    g.add('Div', [mean, g.add('Max', [norm, g.f32('const_norm_eps', [], [1e-12])])], {}, { outputs: ['sentence_embedding'] });
  }

  const inputs = ['input_ids', 'attention_mask', 'token_type_ids'].map((n) => valueInfo(n, DataType.INT64, ['batch', 'sequence']));
  const outputs = [valueInfo('last_hidden_state', DataType.FLOAT, ['batch', 'sequence', H])];
  if (pooled) outputs.push(valueInfo('sentence_embedding', DataType.FLOAT, ['batch', H]));
  const opsets = [['', 17]];
  if (fused || precision !== 'fp32') opsets.push(['com.microsoft', 1]);
  return model({ nodes: g.nodes, initializers: g.initializers, inputs, outputs, name: `bert_${precision}${fused ? '_fused' : ''}`, opsets });
}
