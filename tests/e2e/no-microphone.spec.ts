import { expect, test } from '@playwright/test';
import { chromiumLaunchOptions } from './browser.ts';
import { openApp } from './first-run.ts';

// The prompt says yes, but this machine has no capture device at all.
test.use({ launchOptions: chromiumLaunchOptions(['--use-fake-ui-for-media-stream']) });

test('a device without a microphone gets a clear message', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('listen-button').click();
  const problem = page.getByTestId('problem');
  await expect(problem).toHaveAttribute('data-problem-code', 'no-microphone');
  await expect(problem).toContainText('No microphone was found');
  await expect(problem).toContainText('Plug in or switch on a microphone');
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'idle');
});
