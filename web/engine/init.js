// The engine's start and end as public functions (engine/module.js does the loading).
import { loadEngine, shutdownEngine, engineThreads, engineBuild } from './module.js';
import { withDefaults } from './options.js';

/**
 * Loads the engine with a pthread pool of `threads` (default: the cores; without cross-origin
 * isolation the single-threaded build and 1). `build`: 'auto' (default), 'pthreads' or
 * 'single-threaded' (no worker threads at all). Optional: every model loads it on first use.
 * Resolves to {threads, build: 'pthreads' | 'single-threaded', engine}.
 */
export async function init(options) {
  const { threads, build } = withDefaults(options, { threads: undefined, build: undefined }, 'init');
  const engine = await loadEngine({ threads, build });
  return { threads: engineThreads(), build: engineBuild(), engine };
}

/** Ends the engine's worker threads (Node processes otherwise stay alive). */
export const shutdown = shutdownEngine;
