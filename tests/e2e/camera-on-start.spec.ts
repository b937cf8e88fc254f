import { expect, test } from '@playwright/test';
import { fakeMicrophoneArgs } from './browser.ts';
import { withBrowser } from './fresh-browser.ts';
import { openApp, openTab } from './first-run.ts';

/**
 * Settings' "Camera: on when monitoring starts": off by default (Start leaves the camera off);
 * once chosen it survives a reload, and Start then turns the (fake) camera on as well.
 */
test('the camera default: off, then on when monitoring starts, after a reload', async () => {
  test.setTimeout(120_000);
  await withBrowser(
    fakeMicrophoneArgs('cry-48k.wav'),
    async (page) => {
      await openApp(page);
      const camera = page.getByTestId('camera-toggle');
      await page.getByTestId('listen-button').click();
      await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'listening');
      await expect(camera).toHaveAttribute('data-camera-status', 'off');
      await page.getByTestId('listen-button').click();
      await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'idle');

      await openTab(page, 'settings');
      await expect(page.getByTestId('camera-on-start-off')).toBeChecked();
      await page.getByTestId('camera-on-start-on').check();
      await page.reload();
      await expect(page.getByTestId('app')).toHaveAttribute('data-first-run', 'done');
      await openTab(page, 'settings');
      await expect(page.getByTestId('camera-on-start-on')).toBeChecked();

      await openTab(page, 'monitor');
      await expect(camera).toHaveAttribute('data-camera-status', 'off');
      await page.getByTestId('listen-button').click();
      await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'listening');
      await expect(camera).toHaveAttribute('data-camera-status', 'on', { timeout: 60_000 });
    },
    { viewport: { width: 390, height: 844 } },
  );
});
