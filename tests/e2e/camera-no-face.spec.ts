import { expect, test } from '@playwright/test';
import { chromiumLaunchOptions } from './browser.ts';
import { fakeCameraArgs, makeBlankVideo, offOrigin, recordRequests } from './camera-videos.ts';
import { openApp } from './first-run.ts';

const ANSWER_TIMEOUT_MS = 45_000;

test.use({ launchOptions: chromiumLaunchOptions(fakeCameraArgs(makeBlankVideo())) });

test('an empty scene reads "no face visible", with no crop and no distress', async ({ page }) => {
  const requests = recordRequests(page);
  await openApp(page);
  const origin = new URL(page.url()).origin;
  await page.getByTestId('camera-toggle').click();
  const status = page.getByTestId('face-status');
  await expect(status).toHaveAttribute('data-status', 'no-face', { timeout: ANSWER_TIMEOUT_MS });
  await expect(status).toHaveText('no face visible');
  await expect(page.getByTestId('face-distress')).toHaveCount(0);
  await expect(page.getByTestId('face-crop')).toBeHidden();
  expect(offOrigin(requests, origin)).toEqual([]);
});
