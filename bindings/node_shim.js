// Prepended to the generated module (--extern-pre-js). Emscripten 3.1.6's ES6 output uses
// __dirname and require() when it runs in Node, and fetch()es the .wasm even from a file path;
// neither works in a Node 20 ES module. In Node only, we define the first two from import.meta.url
// and hide fetch so the loader reads the file with fs. Browsers and Workers keep the real fetch:
// a `var` is hoisted out of the if, so it must be given the global one there, not left undefined
// (an undefined fetch sends the loader to XMLHttpRequest, which fails on a page's main thread).
var topicwasmIsNode = typeof process === 'object' && typeof process.versions === 'object' && typeof process.versions.node === 'string';
if (topicwasmIsNode) {
  const { createRequire } = await import('node:module');
  const { dirname } = await import('node:path');
  const { fileURLToPath } = await import('node:url');
  var require = createRequire(import.meta.url);
  var __dirname = dirname(fileURLToPath(import.meta.url));
  var __filename = fileURLToPath(import.meta.url);
}
var fetch = topicwasmIsNode ? undefined : (...args) => globalThis.fetch(...args);
