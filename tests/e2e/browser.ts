import path from 'node:path';
import type { LaunchOptions } from '@playwright/test';

/** Port the production build is served on for end-to-end tests; E2E_PORT overrides it. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 4173);
export const E2E_BASE_URL = `http://localhost:${E2E_PORT}`;

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

export function chromiumLaunchOptions(extraArgs: readonly string[]): LaunchOptions {
  return { executablePath: CHROMIUM_PATH, args: [...QUIET_CHROMIUM_ARGS, ...extraArgs] };
}

export function fixturePath(name: string): string {
  return path.resolve(import.meta.dirname, '../fixtures', name);
}

/** A fake capture device that plays `wavFixture` in a loop (48 kHz 16-bit PCM WAV is safe). */
export function fakeMicrophoneDeviceArgs(wavFixture: string): string[] {
  return ['--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${fixturePath(wavFixture)}`];
}

/** The fake device plus a permission prompt that always says yes. */
export function fakeMicrophoneArgs(wavFixture: string): string[] {
  return ['--use-fake-ui-for-media-stream', ...fakeMicrophoneDeviceArgs(wavFixture)];
}
