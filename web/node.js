// The package's Node entry (package.json exports, condition "node"): the browser API plus Node's
// file access, installed before any other module of the package runs.
import './platform/node.js';

export * from './index.js';
