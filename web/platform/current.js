// The platform the package runs on: the browser's by default; the package's Node entry
// (web/node.js) installs Node's (web/platform/node.js) before anything else runs.
import { browserPlatform } from './browser.js';

export const platform = { ...browserPlatform };

export function usePlatform(implementation) {
  Object.assign(platform, implementation);
}
