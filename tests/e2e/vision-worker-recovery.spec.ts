import { expect, test, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from './browser.ts';
import { fakeCameraArgs, makeAstronautVideo } from './camera-videos.ts';
import { openApp } from './first-run.ts';

/**
 * The vision worker recovers without a page reload, like the audio one (worker-recovery.spec.ts):
 * its script arrives broken once (the browser fires `error` on the Worker), or arrives with a
 * fault that throws mid-session. page.route stands in for a bad download; the service worker is
 * blocked so it cannot serve the file from its cache instead.
 */

const VISION_WORKER_SCRIPT = /\/assets\/vision\.worker-[\w-]+\.js$/;
const FACE_TIMEOUT_MS = 45_000;
/** When the injected fault throws, after the worker started: face results are flowing by then. */
const FAULT_AFTER_MS = 12_000;

test.use({ launchOptions: chromiumLaunchOptions(fakeCameraArgs(makeAstronautVideo())), serviceWorkers: 'block' });

async function breakFirstLoad(page: Page, replace: (original: string) => string): Promise<() => number> {
  let requests = 0;
  await page.route(VISION_WORKER_SCRIPT, async (route) => {
    requests += 1;
    if (requests > 1) return route.continue();
    const original = await (await route.fetch()).text();
    return route.fulfill({ status: 200, contentType: 'text/javascript', body: replace(original) });
  });
  return () => requests;
}

function resultsReceived(page: Page): Promise<number> {
  return page
    .getByTestId('face-status')
    .getAttribute('data-results')
    .then((value) => Number(value));
}

test('a vision worker script that fails to start is started again and finds the face', async ({ page }) => {
  const pageErrors: Error[] = [];
  page.on('pageerror', (error) => pageErrors.push(error));
  const requests = await breakFirstLoad(page, () => 'this is not JavaScript {');
  await openApp(page);
  await page.getByTestId('camera-toggle').click();
  await expect(page.getByTestId('face-status')).toHaveAttribute('data-status', 'face-visible', { timeout: FACE_TIMEOUT_MS });
  await expect(page.getByTestId('camera-worker-notice')).toContainText('Face analysis restarted after a problem.');
  await expect(page.getByTestId('camera-analysis-unavailable')).toHaveCount(0);
  expect(requests()).toBe(2);
  expect(pageErrors).toEqual([]);
});

test('a vision worker that faults mid-session is replaced and face results keep coming', async ({ page }) => {
  test.setTimeout(120_000);
  const pageErrors: Error[] = [];
  page.on('pageerror', (error) => pageErrors.push(error));
  await breakFirstLoad(page, (original) => `${original}\nsetTimeout(() => { throw new Error('simulated fault'); }, ${FAULT_AFTER_MS});\n`);
  await openApp(page);
  await page.getByTestId('camera-toggle').click();
  await expect(page.getByTestId('face-status')).toHaveAttribute('data-status', 'face-visible', { timeout: FACE_TIMEOUT_MS });
  await expect(page.getByTestId('camera-worker-notice')).toContainText('Face analysis restarted after a problem.', { timeout: FAULT_AFTER_MS + FACE_TIMEOUT_MS });
  const after = await resultsReceived(page);
  await expect.poll(() => resultsReceived(page), { timeout: FACE_TIMEOUT_MS }).toBeGreaterThan(after + 3);
  await expect(page.getByTestId('face-status')).toHaveAttribute('data-status', 'face-visible');
  await expect(page.getByTestId('camera-analysis-unavailable')).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});
