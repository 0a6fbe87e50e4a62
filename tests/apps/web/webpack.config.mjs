// webpack 5 finds topicwasm's files (engine, onnxruntime-web, the embedding model) through their
// new URL(..., import.meta.url) references and emits them as assets; nothing else to configure.
export default {
  mode: 'production',
  entry: './main.js',
  experiments: { outputModule: true },
  output: { path: new URL('./dist-webpack/', import.meta.url).pathname, filename: '[name].js', module: true, clean: true },
};
