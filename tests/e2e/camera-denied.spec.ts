import { expect, test } from '@playwright/test';
import { chromiumLaunchOptions } from './browser.ts';
import { openApp } from './first-run.ts';

// A fake camera exists but nothing answers the permission prompt: headless Chromium denies it.
test.use({ launchOptions: chromiumLaunchOptions(['--use-fake-device-for-media-stream']) });

test('a denied camera is explained with a way forward, and the camera stays off', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('camera-toggle').click();
  const problem = page.getByTestId('camera-problem');
  await expect(problem).toHaveAttribute('data-problem-code', 'camera-denied');
  await expect(problem).toContainText('not allowed to use the camera');
  await expect(problem).toContainText('Listening works without it');
  await expect(page.getByTestId('camera-toggle')).toHaveAttribute('data-camera-status', 'off');
});
