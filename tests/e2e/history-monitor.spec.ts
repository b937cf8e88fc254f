import { chromium, expect, test, type Browser } from '@playwright/test';
import { chromiumLaunchOptions, E2E_BASE_URL, fakeMicrophoneArgs } from './browser.ts';
import { readSavedEpisodes } from './history-db.ts';
import { makeSilenceCrySilenceWav } from './monitor-audio.ts';
import { openApp } from './first-run.ts';

/**
 * An episode heard by the monitor is saved to the active baby and shows in History, also after
 * a reload. Needs the shipped audio model, like the monitor tests.
 */
const EPISODE_CLOSE_TIMEOUT_MS = 80_000;

test('an episode from the monitor appears in History and survives a reload', async () => {
  test.setTimeout(150_000);
  const sequence = makeSilenceCrySilenceWav();
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch(chromiumLaunchOptions(fakeMicrophoneArgs(sequence.file)));
    const page = await browser.newPage({ baseURL: E2E_BASE_URL });
    const errors: Error[] = [];
    page.on('pageerror', (error) => errors.push(error));
    await openApp(page);
    await page.getByTestId('listen-button').click();
    await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'listening');
    await expect(page.getByTestId('episode-banner')).toHaveAttribute('data-state', 'ended', { timeout: EPISODE_CLOSE_TIMEOUT_MS });
    await page.getByTestId('listen-button').click();
    await expect(page.getByTestId('logging-notice')).toHaveCount(0);

    await page.getByTestId('tab-history').click();
    const episodes = page.getByTestId('episode');
    await expect(episodes).toHaveCount(1);
    // The sound's need is at chance by its card and this phone has no care log: the estimate says so, and why.
    await expect(episodes.first()).toContainText('Estimate: Not sure');
    await expect(episodes.first()).toContainText('Why: No feeds logged yet');
    // The audio model that judged it is on record; no camera, so no vision model.
    const [saved] = await readSavedEpisodes(page);
    expect(saved?.modelVersions).toEqual({ audio: expect.stringMatching(/^audio@/) as unknown });

    await page.reload();
    await page.getByTestId('tab-history').click();
    await expect(episodes).toHaveCount(1);
    await page.getByRole('tab', { name: 'Babies' }).click();
    await expect(page.getByTestId('profile')).toContainText('logging');
    expect(errors).toEqual([]);
  } finally {
    await browser?.close();
  }
});
