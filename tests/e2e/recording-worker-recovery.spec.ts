import { openApp } from './first-run.ts';
import { expect, test, type Page } from '@playwright/test';
import { fixturePath } from './browser.ts';
import { failOnPageErrors } from './page-errors.ts';

/**
 * "Analyse a recording" when its worker dies mid-analysis. The death is a real one, brought about
 * from outside the app (no test-only switch in its code): the worker script arrives once with an
 * addition that closes the worker (`self.close()`, which fires no `error`, like a worker the
 * browser or the system ended) right after it reports its first progress ("Preparing the
 * sound…"). page.route stands in for the network; the service worker is blocked so it does not
 * serve the file from its cache instead.
 */

const RECORDING_WORKER_SCRIPT = /\/assets\/recording\.worker-[\w-]+\.js$/;
/** "Within seconds": the heartbeat's 5 s timeout once the worker is resampling, plus one 1 s ping interval and slack. */
const NOTICE_TIMEOUT_MS = 9_000;
const ANALYSE_TIMEOUT_MS = 60_000;

test.use({ serviceWorkers: 'block' });

const CLOSE_AFTER_FIRST_PROGRESS = `
{
  const post = self.postMessage.bind(self);
  self.postMessage = (message, transfer) => {
    post(message, transfer);
    if (message && message.type === 'progress') self.close();
  };
}
`;

async function killFirstWorker(page: Page): Promise<() => number> {
  let requests = 0;
  await page.route(RECORDING_WORKER_SCRIPT, async (route) => {
    requests += 1;
    if (requests > 1) return route.continue();
    const original = await (await route.fetch()).text();
    return route.fulfill({ status: 200, contentType: 'text/javascript', body: `${original}\n${CLOSE_AFTER_FIRST_PROGRESS}` });
  });
  return () => requests;
}

test.describe('a recording worker that dies', () => {
  failOnPageErrors();

  test('is reported within seconds, and "Try again" analyses the file with a fresh worker', async ({ page }) => {
    test.setTimeout(120_000);
    const requests = await killFirstWorker(page);
    await openApp(page, '/');
    await page.getByTestId('analyse-file-input').setInputFiles(fixturePath('cry-48k.wav'));
    const screen = page.getByTestId('analyse-screen');
    await expect(page.getByTestId('analyse-progress').locator('[data-stage]')).toHaveAttribute('data-stage', 'resampling');
    const started = Date.now();
    await expect(screen).toHaveAttribute('data-phase', 'error', { timeout: NOTICE_TIMEOUT_MS });
    const noticedAfterMs = Date.now() - started;
    await expect(page.getByTestId('analyse-error')).toHaveText('The sound analysis stopped responding, so the recording was not analysed. Try again.');
    await expect(page.getByTestId('analyse-progress')).toHaveCount(0);
    test.info().annotations.push({ type: 'noticed after', description: `${noticedAfterMs} ms` });

    await page.getByTestId('analyse-retry').click();
    await expect(screen).toHaveAttribute('data-phase', 'done', { timeout: ANALYSE_TIMEOUT_MS });
    await expect(page.getByTestId('analyse-verdict')).toBeVisible();
    await expect(page.getByTestId('analyse-retry')).toHaveCount(0);
    expect(requests()).toBe(2);
  });
});
