import { existsSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { chromiumLaunchOptions, fakeMicrophoneArgs } from './browser.ts';
import { listen } from './listening.ts';

test.use({ launchOptions: chromiumLaunchOptions(fakeMicrophoneArgs('cry-48k.wav')) });

/** Whether this build ships audio models: the verdict area must say what it can do either way. */
const BUILD_HAS_AUDIO_MODELS = existsSync(path.resolve(import.meta.dirname, '../../dist/models/audio/model.json'));

test('the verdict area answers from the models, or says plainly why it cannot', async ({ page }) => {
  await listen(page);
  const verdict = page.getByTestId('verdict');
  if (BUILD_HAS_AUDIO_MODELS) {
    await expect(verdict).toHaveAttribute('data-models', 'ready', { timeout: 30_000 });
    // The wasm backend, served from the app's own origin, is the first choice.
    await expect(verdict).toHaveAttribute('data-backend', 'wasm');
    // A prediction comes every 0.5 s once 2 s have been heard; the fixture is a loud cry.
    await expect(page.getByTestId('cry-state')).toBeVisible({ timeout: 15_000 });
    await expect(page.getByTestId('cry-state')).toContainText(/cry/);
  } else {
    await expect(verdict).toHaveAttribute('data-models', 'unavailable');
    await expect(page.getByTestId('models-status')).toContainText('Models not loaded');
    await expect(page.getByTestId('models-status')).toContainText('model.json is missing');
    await expect(page.getByTestId('cry-state')).toHaveCount(0);
  }
});
