// Debian's Chromium driven by playwright-core (never a downloaded browser), with a fresh profile.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Runs `body(context)` in a new Chromium with an empty profile; closes both afterwards. */
export async function withChromium(body, options = {}) {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: run npm run setup (Debian package chromium)`);
  const profile = mkdtempSync(join(tmpdir(), 'topicwasm-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, ...options });
    return await body(context);
  } finally {
    await context?.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
