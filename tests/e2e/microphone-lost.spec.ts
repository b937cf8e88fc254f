import { expect, test } from '@playwright/test';
import { chromiumLaunchOptions, fakeMicrophoneDeviceArgs } from './browser.ts';
import { framesReceived, listen } from './listening.ts';

// The permission comes from the context rather than the fake prompt, so the test can withdraw it:
// Chromium then ends the live track with a real 'ended' event, as when a headset is unplugged.
test.use({ launchOptions: chromiumLaunchOptions(fakeMicrophoneDeviceArgs('cry-48k.wav')), permissions: ['microphone'] });

test('a microphone that goes away mid-session is reported, and listening can start again', async ({ page, context }) => {
  await listen(page);
  await context.clearPermissions();
  const problem = page.getByTestId('problem');
  await expect(problem).toHaveAttribute('data-problem-code', 'microphone-lost');
  await expect(problem).toContainText('The microphone stopped');
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'idle');
  await expect(page.getByTestId('listen-button')).toHaveText(/Start listening/);

  await context.grantPermissions(['microphone']);
  await page.getByTestId('listen-button').click();
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'listening');
  await expect(problem).toHaveCount(0);
  await expect.poll(() => framesReceived(page)).toBeGreaterThan(0);
});
