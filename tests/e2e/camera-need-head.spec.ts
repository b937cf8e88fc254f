import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { saveLayersModel } from '../../scripts/lib/layers-model-files.ts';
import { initTfNode } from '../../scripts/lib/tf-node.ts';
import { buildNeedHead, DEFAULT_TRAIN_OPTIONS } from '../../scripts/lib/vision-need-head.ts';
import { chromiumLaunchOptions } from './browser.ts';
import { fakeCameraArgs, makeAstronautVideo } from './camera-videos.ts';

/**
 * With a need head installed at models/vision/need-head/ the app uses it. The head here is
 * untrained (scripts/lib/vision-need-head.spec.ts covers training); it is served in place of the
 * missing folder, so the shipped build stays head-free for every other test.
 */
const FACE_TIMEOUT_MS = 45_000;

test.use({ launchOptions: chromiumLaunchOptions(fakeCameraArgs(makeAstronautVideo())) });

test('a face need head, once installed, gives need probabilities for a visible face', async ({ page, context }) => {
  await initTfNode();
  const headDir = mkdtempSync(path.join(os.tmpdir(), 'need-head-e2e-'));
  const head = buildNeedHead(DEFAULT_TRAIN_OPTIONS);
  await saveLayersModel(head, headDir, { quantize: 'none', convertedBy: 'e2e' });
  head.dispose();
  await context.route('**/models/vision/need-head/*', async (route) => {
    const file = path.join(headDir, path.basename(new URL(route.request().url()).pathname));
    await route.fulfill({ body: readFileSync(file), contentType: file.endsWith('.json') ? 'application/json' : 'application/octet-stream' });
  });

  await page.goto('/');
  await page.getByTestId('camera-toggle').click();
  await expect(page.getByTestId('face-status')).toHaveAttribute('data-status', 'face-visible', { timeout: FACE_TIMEOUT_MS });
  const needs = page.getByTestId('face-need-probabilities');
  await expect(needs).toContainText(/discomfort \d+%, hunger \d+%, pain \d+%, tired \d+%/);
  await expect(page.getByTestId('face-needs')).toHaveCount(0);
});
