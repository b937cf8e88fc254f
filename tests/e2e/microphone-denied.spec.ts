import { expect, test } from '@playwright/test';
import { chromiumLaunchOptions } from './browser.ts';
import { openApp } from './first-run.ts';

// A capture device exists but nothing answers the permission prompt: headless Chromium denies it.
test.use({ launchOptions: chromiumLaunchOptions(['--use-fake-device-for-media-stream']) });

test('a denied microphone permission is explained with a way forward, and nothing crashes', async ({ page }) => {
  const pageErrors: Error[] = [];
  page.on('pageerror', (error) => pageErrors.push(error));
  await openApp(page);
  await page.getByTestId('listen-button').click();
  const problem = page.getByTestId('problem');
  await expect(problem).toHaveAttribute('data-problem-code', 'permission-denied');
  await expect(problem).toContainText('not allowed to use the microphone');
  await expect(problem).toContainText('Allow the microphone for this site');
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'idle');
  await expect(page.getByTestId('listen-button')).toBeEnabled();
  expect(pageErrors).toEqual([]);
});
