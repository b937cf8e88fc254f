import { expect, test } from '@playwright/test';
import { chromiumLaunchOptions, fakeMicrophoneArgs } from './browser.ts';
import { framesReceived } from './listening.ts';
import { openApp } from './first-run.ts';

test.use({ launchOptions: chromiumLaunchOptions(fakeMicrophoneArgs('cry-48k.wav')) });

test('once installed, the app loads and listens with the network off', async ({ page, context }) => {
  await openApp(page);
  await expect(page.getByTestId('offline-ready')).toBeVisible({ timeout: 30_000 });

  await context.setOffline(true);
  await page.reload();
  await page.getByTestId('listen-button').click();
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'listening');
  await expect.poll(() => framesReceived(page), { timeout: 15_000 }).toBeGreaterThan(50);
  // The workers start from blob: wrappers; the service worker still serves their scripts, models and wasm.
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-models', 'ready', { timeout: 30_000 });
});
