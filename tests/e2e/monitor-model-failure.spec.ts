import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { fakeMicrophoneArgs } from './browser.ts';
import { withBrowser } from './fresh-browser.ts';
import { openMonitor } from './open-monitor.ts';

/**
 * The cry model's weights cannot be downloaded (offline on a first visit, a dropped connection):
 * the monitor must say so, persistently, and never look like it is watching for cries. The
 * failure is a real one from outside the app: page.route drops the request, and the service
 * worker is blocked so it cannot serve a cached copy instead. withBrowser fails the test on any
 * uncaught page error, such as the "Failed to fetch" TF.js used to leave unhandled.
 */

const AUDIO_WEIGHTS = /\/models\/audio\/weights\.bin$/;
/** The first load and the three automatic retries (0.5 + 2 + 8 s back-off) all fail. */
const FAILING_LOADS = 4;
const GIVE_UP_TIMEOUT_MS = 45_000;
const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../test-results/screenshots');

test('a cry model that cannot be downloaded shows "Cry detection is not working" with Retry, and Retry brings it back', async () => {
  test.setTimeout(120_000);
  await withBrowser(
    fakeMicrophoneArgs('cry-48k.wav'),
    async (page) => {
      let weightRequests = 0;
      await page.route(AUDIO_WEIGHTS, (route) => {
        weightRequests += 1;
        return weightRequests <= FAILING_LOADS ? route.abort('internetdisconnected') : route.continue();
      });
      await openMonitor(page);
      await page.getByTestId('listen-button').click();
      await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'listening');

      // Within seconds the one status says it plainly, and keeps saying it while the app retries.
      const verdict = page.getByTestId('verdict');
      await expect(verdict).toHaveAttribute('data-state', 'broken', { timeout: 15_000 });
      await expect(verdict).toContainText('Cry detection is not working');
      await expect(page.getByTestId('models-status')).toContainText('The cry model could not load');
      // Nothing on the screen pretends to monitor: no "Listening…", no "not crying", no calm Stop.
      const screen = page.getByTestId('monitor-screen');
      await expect(screen).not.toContainText('Listening…');
      await expect(screen).not.toContainText(/not crying|no crying episode/i);
      await expect(page.getByTestId('cry-state')).toHaveCount(0);
      await expect(page.getByTestId('listen-button')).toHaveClass(/warning/);

      // Once the automatic tries are used up, Retry is offered; the state stays the whole time.
      const retry = page.getByTestId('retry-models');
      await expect(retry).toBeVisible({ timeout: GIVE_UP_TIMEOUT_MS });
      await expect(verdict).toHaveAttribute('data-state', 'broken');
      expect(weightRequests).toBe(FAILING_LOADS);
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'monitor-cry-detection-broken-390x844.png') });

      // The network is back: one tap loads the model, and the cry is heard again.
      await retry.click();
      await expect(verdict).toHaveAttribute('data-models', 'ready', { timeout: 30_000 });
      await expect(page.getByTestId('cry-state')).toBeVisible({ timeout: 15_000 });
      await expect(verdict).toHaveAttribute('data-state', /crying|quiet/);
      await expect(page.getByTestId('listen-button')).not.toHaveClass(/warning/);
    },
    { serviceWorkers: 'block', viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  );
});
