import { expect, test } from '@playwright/test';
import { chromiumLaunchOptions, fakeMicrophoneArgs } from './browser.ts';
import { framesReceived, listen } from './listening.ts';

test.use({ launchOptions: chromiumLaunchOptions(fakeMicrophoneArgs('cry-48k.wav')) });

test('Stop ends the session, late frames are dropped, and Start begins a fresh one', async ({ page }) => {
  await listen(page);
  const button = page.getByTestId('listen-button');
  await expect(button).toHaveText(/Stop listening/);
  await button.click();
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'idle');
  await expect(button).toHaveText(/Start listening/);
  const framesAfterStop = await framesReceived(page);
  // Give any in-flight frames of the ended session time to arrive: they must not be counted.
  await page.waitForTimeout(500);
  expect(await framesReceived(page)).toBe(framesAfterStop);

  await button.click();
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'listening');
  await expect.poll(() => framesReceived(page)).toBeGreaterThan(0);
  await expect(page.getByTestId('problem')).toHaveCount(0);
});
