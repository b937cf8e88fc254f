import path from 'node:path';
export { chromiumLaunchOptions } from '../../scripts/lib/chromium.ts';

/** Port the production build is served on for end-to-end tests; E2E_PORT overrides it. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 4173);
export const E2E_BASE_URL = `http://localhost:${E2E_PORT}`;

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
