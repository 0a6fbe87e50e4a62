// Loads the wasm engine once. Where its files come from is the platform's business
// (web/platform/): the package's own files in Node, bundler-emitted assets (or env.urls) in browsers.
//
// Two builds ship: dist/topicwasm (pthreads) and dist/topicwasm-st (one thread). Threads need
// shared wasm memory, which browsers only give cross-origin isolated pages (COOP/COEP headers);
// elsewhere the single-threaded build loads instead, so the same code runs on any page.
import { env } from './env.js';
import { platform } from '../platform/current.js';

let loading = null;
let loadedThreads = 0;
let loadedBuild = null;
let loadedModule = null;

/** True where wasm threads can run: Node, or a cross-origin isolated page or Worker. */
export function threadsAvailable() {
  return typeof SharedArrayBuffer === 'function' && (typeof crossOriginIsolated === 'undefined' || crossOriginIsolated);
}

function defaultThreads() {
  const cores = typeof navigator === 'object' && navigator.hardwareConcurrency ? navigator.hardwareConcurrency : 2;
  return threadsAvailable() ? Math.max(1, Math.min(cores, 8)) : 1;
}

/**
 * The engine module. `threads` sizes the pthread pool (fixed when the module first loads: a later
 * call asking for more threads than the pool holds gets the pool's size).
 */
export async function loadEngine({ threads = env.threads ?? undefined, build = 'auto' } = {}) {
  if (!loading) {
    if (!['auto', 'pthreads', 'single-threaded'].includes(build)) {
      throw new Error(`build must be 'auto', 'pthreads' or 'single-threaded', got ${JSON.stringify(build)}`);
    }
    const wanted = threads ?? (build === 'single-threaded' ? 1 : defaultThreads());
    if (!Number.isInteger(wanted) || wanted < 1 || wanted > 64) {
      throw new Error(`threads must be an integer between 1 and 64, got ${threads}`);
    }
    if (wanted > 1 && build === 'single-threaded') throw new Error(`threads: ${wanted} needs the pthreads build, not 'single-threaded'`);
    if (wanted > 1 && !threadsAvailable()) {
      throw new Error(`threads: ${wanted} needs SharedArrayBuffer, which this page does not have ` +
        '(serve it with the headers Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp)');
    }
    if (build === 'pthreads' && !threadsAvailable()) throw new Error("the 'pthreads' build needs SharedArrayBuffer (a cross-origin isolated page)");
    const threaded = build === 'auto' ? threadsAvailable() : build === 'pthreads';
    loading = (async () => {
      const createTopicwasm = await platform.importEngine(threaded);
      const engine = await createTopicwasm({ threads: wanted });
      engine.setThreadLimit(wanted);
      loadedThreads = wanted;
      loadedBuild = threaded ? 'pthreads' : 'single-threaded';
      loadedModule = engine;
      return engine;
    })();
    loading.catch(() => { loading = null; });
  }
  return loading;
}

/** The engine module for synchronous callers that run only once a model exists (figures). */
export function loadedEngine() {
  if (!loadedModule) throw new Error('the engine is not loaded yet: fit or load a model first (or await init())');
  return loadedModule;
}

/** Threads the loaded engine uses (0 before it loads). */
export function engineThreads() {
  return loadedThreads;
}

/** Which build is loaded: 'pthreads', 'single-threaded', or null before it loads. */
export function engineBuild() {
  return loadedBuild;
}

/** Stops the pool's worker threads so a Node process can exit; the engine must be loaded again after. */
export async function shutdownEngine() {
  if (!loading) return;
  const engine = await loading;
  engine.PThread?.terminateAllThreads();
  loading = null;
  loadedModule = null;
  loadedThreads = 0;
  loadedBuild = null;
}
