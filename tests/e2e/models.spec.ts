import { expect, test } from '@playwright/test';
import { chromiumLaunchOptions, fakeMicrophoneArgs } from './browser.ts';
import { listen } from './listening.ts';

test.use({ launchOptions: chromiumLaunchOptions(fakeMicrophoneArgs('cry-48k.wav')) });

test('the shipped audio models load on wasm from the app origin and answer live', async ({ page }) => {
  await listen(page);
  const verdict = page.getByTestId('verdict');
  await expect(verdict).toHaveAttribute('data-models', 'ready', { timeout: 30_000 });
  // The wasm backend, served from the app's own origin, is the first choice.
  await expect(verdict).toHaveAttribute('data-backend', 'wasm');
  // A prediction comes every 0.5 s once 2 s have been heard; the fixture is a loud cry.
  await expect(page.getByTestId('cry-state')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('cry-state')).toContainText(/crying/i);
});
