import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { saveModel } from '../../scripts/lib/model-files.ts';
import { initTfNode } from '../../scripts/lib/tf-node.ts';
import { buildNeedHead, DEFAULT_TRAIN_OPTIONS } from '../../scripts/lib/vision-need-head.ts';
import { chromiumLaunchOptions, fakeMicrophoneArgs } from './browser.ts';
import { fakeCameraArgs, makeAstronautVideo } from './camera-videos.ts';
import { readSavedEpisodes } from './history-db.ts';
import { makeSilenceCrySilenceWav } from './monitor-audio.ts';
import { openApp } from './first-run.ts';

/**
 * With a need head installed at models/vision/need-head/ the app uses it. The head here is
 * untrained (scripts/lib/vision-need-head.spec.ts covers training); it is served in place of the
 * missing folder, so the shipped build stays head-free for every other test.
 */
const FACE_TIMEOUT_MS = 45_000;
/** Models load, the cry plays from 4 s, a need shows about 2 s into it (as in monitor.spec.ts). */
const NEED_TIMEOUT_MS = 40_000;
/** The cry ends 12 s in; the episode closes 10 s of quiet later. */
const EPISODE_CLOSE_TIMEOUT_MS = 45_000;

const sequence = makeSilenceCrySilenceWav();
// The microphone plays silence → cry → silence; only the second test starts listening.
test.use({ launchOptions: chromiumLaunchOptions([...fakeMicrophoneArgs(sequence.file), ...fakeCameraArgs(makeAstronautVideo())]) });

test.beforeEach(async ({ context }) => {
  await initTfNode();
  const headDir = mkdtempSync(path.join(os.tmpdir(), 'need-head-e2e-'));
  const head = buildNeedHead(DEFAULT_TRAIN_OPTIONS);
  await saveModel(head, headDir, { convertedBy: 'e2e' });
  head.dispose();
  await context.route('**/models/vision/need-head/*', async (route) => {
    const file = path.join(headDir, path.basename(new URL(route.request().url()).pathname));
    await route.fulfill({ body: readFileSync(file), contentType: file.endsWith('.json') ? 'application/json' : 'application/octet-stream' });
  });
});

test('a face need head, once installed, gives need probabilities for a visible face', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('camera-toggle').click();
  await expect(page.getByTestId('face-status')).toHaveAttribute('data-status', 'face-visible', { timeout: FACE_TIMEOUT_MS });
  const needs = page.getByTestId('face-need-probabilities');
  await expect(needs).toContainText(/discomfort \d+%, hunger \d+%, pain \d+%, tired \d+%/);
  await expect(page.getByTestId('face-needs')).toHaveCount(0);
});

test('with a need head, the face names the need in the monitor (the sound is left out) and its models are logged with the episode', async ({ page }) => {
  test.setTimeout(150_000);
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  await openApp(page);
  await page.getByTestId('camera-toggle').click();
  await expect(page.getByTestId('face-status')).toHaveAttribute('data-status', 'face-visible', { timeout: FACE_TIMEOUT_MS });

  await page.getByTestId('listen-button').click();
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'listening');
  await expect(page.getByTestId('need-answer')).toBeVisible({ timeout: NEED_TIMEOUT_MS });
  // The sound's need is left out (at chance by its model card), so the installed face head alone names it.
  await expect(page.getByTestId('senses')).toHaveText('Based on: face');

  await expect(page.getByTestId('episode-banner')).toHaveAttribute('data-state', 'ended', { timeout: EPISODE_CLOSE_TIMEOUT_MS });
  await page.getByTestId('listen-button').click();
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'idle');
  await expect.poll(async () => (await readSavedEpisodes(page)).length).toBe(1);
  const [episode] = await readSavedEpisodes(page);
  expect(episode?.contributed).toEqual(['face']);
  expect(episode?.modelVersions).toEqual({
    audio: expect.stringMatching(/^audio@/) as unknown,
    'vision-trunk': expect.stringMatching(/^sha256:[0-9a-f]{12}$/) as unknown,
    'vision-need-head': expect.stringMatching(/^sha256:[0-9a-f]{12}$/) as unknown,
  });
  expect(errors).toEqual([]);
});
