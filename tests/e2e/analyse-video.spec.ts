import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { fixturePath } from './browser.ts';
import { failOnPageErrors } from './page-errors.ts';
import { watchCspViolations } from './csp-violations.ts';
import { openApp } from './first-run.ts';

/**
 * "Analyse a recording" with video files: the sound goes through the audio models, the pictures
 * (sampled from an off-screen <video>) through the camera's vision worker, and the timeline shows
 * both. Fixtures (tests/fixtures/ATTRIBUTION.md): the astronaut portrait or a plain colour over
 * 1 s of silence, the Donate-a-Cry excerpt, and 1 s of silence.
 */

/** Models load (audio and face), then 10 s of sound and 20 pictures are analysed. */
const RESULT_TIMEOUT_MS = 90_000;

test.describe('analyse a video', () => {
  test.setTimeout(120_000);

  failOnPageErrors();

  /** Records every stage the progress line shows, so the test can tell the pictures had their own. */
  async function recordStages(page: Page): Promise<() => Promise<string[]>> {
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { crydecodeStages: string[] }).crydecodeStages = seen;
      new MutationObserver(() => {
        const stage = document.querySelector('[data-testid="analyse-progress"] [data-stage]')?.getAttribute('data-stage');
        if (stage && seen.at(-1) !== stage) seen.push(stage);
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    return () => page.evaluate(() => (window as unknown as { crydecodeStages: string[] }).crydecodeStages);
  }

  test('a video of a crying face: the crying segment, and the face seen in it', async ({ page }) => {
    // The pictures are read from a blob: URL and analysed in the vision worker, under the app's policy.
    const csp = await watchCspViolations(page);
    await openApp(page);
    const stages = await recordStages(page);
    await page.getByTestId('analyse-file-input').setInputFiles(fixturePath('video-face-cry.webm'));
    await expect(page.getByTestId('analyse-screen')).toHaveAttribute('data-phase', 'done', { timeout: RESULT_TIMEOUT_MS });
    expect(await stages()).toEqual(expect.arrayContaining(['analysing', 'face-models', 'pictures']));

    await expect(page.getByTestId('analyse-verdict')).toContainText('Crying in 1 segment');
    await expect(page.getByTestId('timeline')).toHaveAttribute('data-segments', '1');
    const segment = page.getByTestId('timeline-segments').locator('tbody tr');
    await expect(segment).toHaveAttribute('data-face-status', 'face-visible');
    await expect(segment.getByTestId('segment-face')).toContainText(/face visible in \d+ of \d+ pictures, distress \d+%/);
    await expect(page.getByTestId('face-lane')).toHaveAttribute('data-statuses', 'face-visible');
    await expect(page.getByTestId('face-lane').getByRole('img')).toHaveAttribute('aria-label', /^Face in the pictures: face visible 0:00–0:(09|10)\.$/);

    // The shipped app has no face need head: the face is reported, and left out of the need.
    const senses = page.getByTestId('analyse-senses');
    await expect(senses).toContainText('Senses used: sound and pictures (a face was readable in');
    await expect(senses).toContainText('The face says nothing about needs');
    await expect(senses).toHaveAttribute('data-contributed', 'audio');
    await expect(page.getByTestId('analyse-need')).toBeVisible();
    await expect(page.getByTestId('analyse-pictures-note')).toHaveCount(0);
    expect(await csp.violations()).toEqual([]);
  });

  test('a video of a plain colour says no face', async ({ page }) => {
    await openApp(page);
    await page.getByTestId('analyse-file-input').setInputFiles(fixturePath('video-no-face-cry.webm'));
    await expect(page.getByTestId('analyse-screen')).toHaveAttribute('data-phase', 'done', { timeout: RESULT_TIMEOUT_MS });
    await expect(page.getByTestId('face-lane')).toHaveAttribute('data-statuses', 'no-face');
    await expect(page.getByTestId('face-lane').getByRole('img')).toHaveAttribute('aria-label', /no face visible/);
    await expect(page.getByTestId('analyse-senses')).toContainText('no face was readable in any of the 12 pictures');
    const segment = page.getByTestId('timeline-segments').locator('tbody tr');
    await expect(segment).toHaveAttribute('data-face-status', 'no-face');
    await expect(segment.getByTestId('segment-face')).toContainText('no face visible');
  });

  test('a "video" with no pictures gets its sound analysed, with a note', async ({ page }) => {
    await openApp(page);
    await page
      .getByTestId('analyse-file-input')
      .setInputFiles({ name: 'clip.webm', mimeType: 'video/webm', buffer: readFileSync(fixturePath('video-sound-only.webm')) });
    await expect(page.getByTestId('analyse-screen')).toHaveAttribute('data-phase', 'done', { timeout: RESULT_TIMEOUT_MS });
    await expect(page.getByTestId('analyse-pictures-note')).toContainText('No pictures could be read in “clip.webm”, so only its sound was analysed.');
    await expect(page.getByTestId('analyse-senses')).toContainText('Senses used: sound only');
    await expect(page.getByTestId('face-lane')).toHaveCount(0);
    await expect(page.getByTestId('timeline')).toBeVisible();
  });

  test('the picture stage shows progress and can be cancelled; the next video is analysed in full', async ({ page }) => {
    await openApp(page);
    const input = page.getByTestId('analyse-file-input');
    await input.setInputFiles(fixturePath('video-face-cry.webm'));
    const stage = page.getByTestId('analyse-progress').locator('[data-stage]');
    await expect(stage).toHaveAttribute('data-stage', /^(face-models|pictures)$/, { timeout: RESULT_TIMEOUT_MS });
    await page.getByTestId('analyse-cancel').click();
    await expect(page.getByTestId('analyse-screen')).toHaveAttribute('data-phase', 'cancelled');
    await expect(page.getByTestId('analyse-progress')).toHaveCount(0);

    await input.setInputFiles(fixturePath('video-face-cry.webm'));
    await expect(page.getByTestId('analyse-screen')).toHaveAttribute('data-phase', 'done', { timeout: RESULT_TIMEOUT_MS });
    await expect(page.getByTestId('face-lane')).toHaveAttribute('data-statuses', 'face-visible');
  });
});
