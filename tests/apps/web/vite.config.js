// topicwasm's files (engine, onnxruntime-web, the embedding model) are assets it finds with
// new URL(..., import.meta.url); Vite's dev-time pre-bundling would move the code away from them.
const isolation = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
export default {
  optimizeDeps: { exclude: ['topicwasm'] },
  worker: { format: 'es' },
  build: { outDir: 'dist-vite' },
  // Optional: cross-origin isolation lets the engine and the embedder use threads.
  server: { headers: isolation },
  preview: { headers: isolation },
};
