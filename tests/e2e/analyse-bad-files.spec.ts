import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { fixturePath } from './browser.ts';
import { failOnPageErrors } from './page-errors.ts';
import { openApp } from './first-run.ts';

/**
 * "Analyse a recording" with files that are not what they should be. Each one ends, within a
 * bounded wait, in a message for the parent (or, for a long file, progress the parent can
 * cancel): never a hang, never a page error.
 */

/** Generous bound for a message about a small file: it needs no analysis, only a read. */
const MESSAGE_TIMEOUT_MS = 20_000;
const ANALYSE_RATE_HZ = 8_000;

function tempFile(name: string, bytes: Uint8Array): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'crydecode-bad-file-')), name);
  writeFileSync(file, bytes);
  return file;
}

/** A mono 8-bit PCM WAV header for `dataBytes` of sound at `sampleRateHz`. */
function wavHeader8Bit(sampleRateHz: number, dataBytes: number): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(sampleRateHz, 24);
  header.writeUInt32LE(sampleRateHz, 28);
  header.writeUInt16LE(1, 32);
  header.writeUInt16LE(8, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(dataBytes, 40);
  return header;
}

/** Deterministic noise bytes (a linear congruential generator), so every run sees the same file. */
function noiseBytes(length: number, seed: number): Buffer {
  const bytes = Buffer.alloc(length);
  let state = seed >>> 0;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

/** A real 8 kHz 8-bit WAV of `seconds` of low noise: cheap to write (1 byte per sample). */
function longWav(seconds: number, name: string): string {
  const dataBytes = seconds * ANALYSE_RATE_HZ;
  const sound = noiseBytes(dataBytes, 7);
  // Quiet noise around the 8-bit midpoint (128), like a room: not silent, not clipping.
  for (let i = 0; i < sound.length; i++) sound[i] = 128 + (((sound[i] ?? 0) >> 4) - 8);
  return tempFile(name, Buffer.concat([wavHeader8Bit(ANALYSE_RATE_HZ, dataBytes), sound]));
}

async function pick(page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  await openApp(page);
  await page.getByTestId('analyse-file-input').setInputFiles(file);
}

async function expectMessage(page: Page, text: string | RegExp): Promise<void> {
  await expect(page.getByTestId('analyse-screen')).toHaveAttribute('data-phase', 'error', { timeout: MESSAGE_TIMEOUT_MS });
  await expect(page.getByTestId('analyse-error')).toContainText(text);
}

test.describe('analyse a recording: bad files', () => {
  failOnPageErrors();

  test('an empty file', async ({ page }) => {
    await pick(page, { name: 'empty.wav', mimeType: 'audio/wav', buffer: Buffer.alloc(0) });
    await expectMessage(page, '“empty.wav” is empty');
  });

  test('a WAV cut off inside its header', async ({ page }) => {
    const cry = readFileSync(fixturePath('cry-48k.wav'));
    await pick(page, { name: 'cut.wav', mimeType: 'audio/wav', buffer: cry.subarray(0, 30) });
    await expectMessage(page, 'could not be read as audio');
  });

  test('a WAV cut off in the middle of its sound is analysed as far as it goes', async ({ page }) => {
    const cry = readFileSync(fixturePath('cry-48k.wav'));
    // The header still promises 4 s; only the first 60 % of the bytes arrive.
    await pick(page, { name: 'half.wav', mimeType: 'audio/wav', buffer: cry.subarray(0, Math.round(cry.length * 0.6)) });
    await expect(page.getByTestId('analyse-screen')).toHaveAttribute('data-phase', 'done', { timeout: MESSAGE_TIMEOUT_MS });
    await expect(page.getByTestId('analyse-verdict')).toBeVisible();
  });

  test('a picture renamed to .wav', async ({ page }) => {
    await pick(page, { name: 'baby.wav', mimeType: 'audio/wav', buffer: readFileSync(fixturePath('astronaut.png')) });
    await expectMessage(page, '“baby.wav” could not be read as audio');
  });

  test('a picture picked as it is', async ({ page }) => {
    await pick(page, fixturePath('astronaut.png'));
    await expectMessage(page, 'not a sound or video recording');
  });

  test('random bytes named .mp3', async ({ page }) => {
    await pick(page, { name: 'recording.mp3', mimeType: 'audio/mpeg', buffer: noiseBytes(64 * 1024, 42) });
    await expectMessage(page, '“recording.mp3” could not be read as audio');
  });

  test('a WAV whose sound lasts 0 seconds', async ({ page }) => {
    await pick(page, { name: 'nothing.wav', mimeType: 'audio/wav', buffer: wavHeader8Bit(ANALYSE_RATE_HZ, 0) });
    await expectMessage(page, '“nothing.wav” holds no sound');
  });

  for (const [name, mimeType] of [
    ['video-no-sound.webm', 'video/webm'],
    ['video-no-sound.mp4', 'video/mp4'],
  ] as const) {
    test(`a video with no sound track (${name})`, async ({ page }) => {
      await pick(page, { name, mimeType, buffer: readFileSync(fixturePath(name)) });
      await expectMessage(page, `The sound of “${name}” could not be read: the video may have no sound track`);
    });
  }

  test('a recording two hours long is turned away before it is decoded', async ({ page }) => {
    // 57.6 MB of real sound: the header alone says it is too long.
    await pick(page, longWav(2 * 60 * 60, 'night.wav'));
    await expectMessage(page, '“night.wav” lasts 120 minutes; up to 60 minutes can be analysed');
  });

  test('a long recording shows progress and can be cancelled', async ({ page }) => {
    await pick(page, longWav(40 * 60, 'evening.wav'));
    const progress = page.getByTestId('analyse-progress');
    await expect(progress).toBeVisible({ timeout: MESSAGE_TIMEOUT_MS });
    await page.getByTestId('analyse-cancel').click();
    await expect(page.getByTestId('analyse-screen')).toHaveAttribute('data-phase', 'cancelled', { timeout: MESSAGE_TIMEOUT_MS });
    await expect(progress).toHaveCount(0);
  });
});

test.describe('analyse a recording: a stuck analysis', () => {
  // page.route stands in for a bad download of the worker script; the service worker must not serve it from its cache.
  test.use({ serviceWorkers: 'block' });
  failOnPageErrors();

  test('can be cancelled, and the next file gets a fresh worker', async ({ page }) => {
    let scriptRequests = 0;
    // The first recording worker arrives as an endless loop: it never answers, not even a cancel.
    await page.route(/\/assets\/recording\.worker-[\w-]+\.js$/, (route) => {
      scriptRequests += 1;
      return scriptRequests === 1 ? route.fulfill({ status: 200, contentType: 'text/javascript', body: 'for (;;) {}' }) : route.continue();
    });
    const clip = longWav(30, 'clip.wav');
    await pick(page, clip);
    await expect(page.getByTestId('analyse-progress')).toBeVisible({ timeout: MESSAGE_TIMEOUT_MS });
    // The worker starts only once the file is decoded; cancelling while it is still being read would leave the
    // stuck worker for the second file (seen on a slow CI machine), so wait until the stuck script was fetched.
    await expect.poll(() => scriptRequests, { timeout: MESSAGE_TIMEOUT_MS }).toBe(1);
    await page.getByTestId('analyse-cancel').click();
    await expect(page.getByTestId('analyse-screen')).toHaveAttribute('data-phase', 'cancelled', { timeout: MESSAGE_TIMEOUT_MS });

    await page.getByTestId('analyse-file-input').setInputFiles(clip);
    await expect(page.getByTestId('analyse-screen')).toHaveAttribute('data-phase', 'done', { timeout: MESSAGE_TIMEOUT_MS });
    expect(scriptRequests).toBe(2);
  });
});
