import type { LaunchOptions } from '@playwright/test';

/** Debian's Chromium: Playwright cannot download its own browser on these machines. */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags for a quiet, repeatable headless Chromium that talks to nothing but the test server. */
const QUIET_CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** The one way the benchmarks and the end-to-end tests launch Chromium (tests import scripts, never the reverse). */
export function chromiumLaunchOptions(extraArgs: readonly string[]): LaunchOptions {
  return { executablePath: CHROMIUM_PATH, args: [...QUIET_CHROMIUM_ARGS, ...extraArgs] };
}
