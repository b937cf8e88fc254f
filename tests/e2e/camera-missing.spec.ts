import { expect, test } from '@playwright/test';
import { chromiumLaunchOptions } from './browser.ts';
import { openApp } from './first-run.ts';

// The permission prompt says yes, but this headless browser has no capture device at all.
test.use({ launchOptions: chromiumLaunchOptions(['--use-fake-ui-for-media-stream']) });

test('a device without a camera says so, and the camera stays off', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('camera-toggle').click();
  const problem = page.getByTestId('camera-problem');
  await expect(problem).toHaveAttribute('data-problem-code', 'no-camera');
  await expect(problem).toContainText('No camera was found');
  await expect(page.getByTestId('camera-toggle')).toHaveAttribute('data-camera-status', 'off');
});
