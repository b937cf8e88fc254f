import { expect, test, type Page } from '@playwright/test';
import { fakeMicrophoneArgs } from './browser.ts';
import { withBrowser } from './fresh-browser.ts';
import { ALERT_LEAD_SILENCE_SECONDS, makeCryOfLengthWav } from './alert-audio.ts';

/** Long enough that the 10 s cry's episode closes (10 s quiet gap) before the file loops. */
const TAIL_SECONDS = 40;
const DELAY_SECONDS = 30;

async function openApp(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByTestId('alerts-panel')).toHaveAttribute('data-settings-loaded', 'true');
}

test.describe('alert rules', () => {
  test.setTimeout(150_000);

  test('settings survive a reload, the chime included', async () => {
    await withBrowser([], async (page) => {
      await openApp(page);
      // Every sensitivity shows the card's numbers or says they were not measured.
      await expect(page.getByTestId('sensitivity-measured-balanced')).toContainText(/per recording precision \d+%, recall \d+%/);
      await expect(page.getByTestId('sensitivity-measured-fewer-false-alarms')).toContainText(/per 2 s window precision \d+%, recall \d+%/);
      await expect(page.getByTestId('sensitivity-measured-catch-every-cry')).toContainText(/per recording not measured/);

      await page.getByTestId('alert-chime').uncheck();
      await page.getByTestId('alert-vibration').uncheck();
      await page.getByTestId('alert-repeat').check();
      await page.getByTestId('sensitivity-fewer-false-alarms').check();
      await page.getByTestId('alert-delay').selectOption('30');
      await page.getByTestId('alert-cooldown').selectOption('5');
      await expect(page.getByTestId('alert-settings-error')).toHaveCount(0);

      await page.reload();
      await expect(page.getByTestId('alerts-panel')).toHaveAttribute('data-settings-loaded', 'true');
      await expect(page.getByTestId('alert-chime')).not.toBeChecked();
      await expect(page.getByTestId('alert-vibration')).not.toBeChecked();
      await expect(page.getByTestId('alert-notification')).toBeChecked();
      await expect(page.getByTestId('alert-repeat')).toBeChecked();
      await expect(page.getByTestId('sensitivity-fewer-false-alarms')).toBeChecked();
      await expect(page.getByTestId('alert-delay')).toHaveValue('30');
      await expect(page.getByTestId('alert-cooldown')).toHaveValue('5');
    });
  });

  test('"alert after 30 s" does not alert on a 10 s cry', async () => {
    await withBrowser(fakeMicrophoneArgs(makeCryOfLengthWav(10, TAIL_SECONDS)), async (page) => {
      await openApp(page);
      await page.getByTestId('alert-delay').selectOption(String(DELAY_SECONDS));
      await page.getByTestId('listen-button').click();
      const banner = page.getByTestId('episode-banner');
      // The cry is heard (an episode opens and closes), yet no alert fires.
      await expect(banner).toHaveAttribute('data-state', 'open', { timeout: 40_000 });
      await expect(banner).toHaveAttribute('data-state', 'ended', { timeout: 45_000 });
      await expect(page.getByTestId('last-alert')).toHaveCount(0);
    });
  });

  test('"alert after 30 s" alerts on a 40 s cry once it has lasted 30 s, and the repeating alarm stops at "I\'m on it"', async () => {
    await withBrowser(fakeMicrophoneArgs(makeCryOfLengthWav(40, 20)), async (page) => {
      await openApp(page);
      await page.getByTestId('alert-delay').selectOption(String(DELAY_SECONDS));
      await page.getByTestId('alert-repeat').check();
      await page.getByTestId('listen-button').click();
      await expect(page.getByTestId('episode-banner')).toHaveAttribute('data-state', 'open', { timeout: 40_000 });
      await expect(page.getByTestId('last-alert')).toHaveCount(0);
      // Stream time of the DOM update that first shows the alert, read in the same frame.
      const shown = await page.waitForFunction(
        () => (document.querySelector('[data-testid="last-alert"]') ? document.querySelector('[data-testid="result-card"]')?.getAttribute('data-time-seconds') : null),
        undefined,
        { polling: 'raf', timeout: 60_000 },
      );
      const alertStreamSeconds = Number(await shown.jsonValue());
      expect(alertStreamSeconds).toBeGreaterThanOrEqual(ALERT_LEAD_SILENCE_SECONDS + DELAY_SECONDS);
      expect(alertStreamSeconds).toBeLessThan(ALERT_LEAD_SILENCE_SECONDS + 40 + 2);
      await expect(page.getByTestId('alarm-ringing')).toBeVisible();
      await page.getByTestId('acknowledge-alarm').click();
      await expect(page.getByTestId('alarm-ringing')).toHaveCount(0);
    });
  });
});
