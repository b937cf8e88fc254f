import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { chromiumLaunchOptions, E2E_BASE_URL, fakeMicrophoneArgs } from './browser.ts';
import { framesReceived } from './listening.ts';
import { makeSilenceCrySilenceWav } from './monitor-audio.ts';
import { openApp as loadApp } from './first-run.ts';

/**
 * The audio worker recovers without a page reload. The failures are real ones, brought about
 * from outside the app (no test-only message or switch in the app's code):
 * - a bad download: the cry model's model.json arrives corrupt the first times it is fetched;
 * - a worker script that does not start: it arrives as garbage once (a corrupt cache or a botched
 *   deploy), so the browser fires `error` on the Worker;
 * - a worker that faults mid-session: the script arrives once with a fault that throws a few
 *   seconds in, as a real uncaught exception (out of memory, a wasm trap) would;
 * - a worker that hangs: the script arrives once as an endless loop, so it never answers a ping.
 * page.route stands in for the network; the service worker is blocked so it does not serve the
 * files from its cache instead.
 */

const AUDIO_WORKER_SCRIPT = /\/assets\/audio\.worker-[\w-]+\.js$/;
const AUDIO_MODEL_MANIFEST = /\/models\/audio\/model\.json$/;
/** Seconds until the injected fault throws: long enough for listening to be under way. */
const FAULT_AFTER_MS = 6_000;
/** Longer than the heartbeat timeout (15 s) plus one ping interval and the first back-off. */
const HANG_DETECTION_TIMEOUT_MS = 25_000;

async function openApp(microphoneWav = 'cry-48k.wav'): Promise<{ browser: Browser; page: Page; pageErrors: Error[] }> {
  const browser = await chromium.launch(chromiumLaunchOptions(fakeMicrophoneArgs(microphoneWav)));
  const context = await browser.newContext({ baseURL: E2E_BASE_URL, serviceWorkers: 'block' });
  const page = await context.newPage();
  const pageErrors: Error[] = [];
  page.on('pageerror', (error) => pageErrors.push(error));
  return { browser, page, pageErrors };
}

/** Serves `replace(original)` for the first `times` requests matching `url`, the real file after. */
async function corruptFirst(page: Page, url: RegExp, times: number, replace: (original: string) => string, contentType: string): Promise<{ requests: () => number }> {
  let requests = 0;
  await page.route(url, async (route) => {
    requests += 1;
    if (requests > times) return route.continue();
    const original = await (await route.fetch()).text();
    return route.fulfill({ status: 200, contentType, body: replace(original) });
  });
  return { requests: () => requests };
}

async function startListening(page: Page): Promise<void> {
  await page.getByTestId('listen-button').click();
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'listening');
}

/** Frames keep arriving: the microphone reaches a working analyser. */
async function expectFramesFlowing(page: Page): Promise<void> {
  const before = await framesReceived(page);
  await expect.poll(() => framesReceived(page), { timeout: 10_000 }).toBeGreaterThan(before + 100);
}

test('a cry model that arrives corrupt is loaded again by a fresh worker while listening goes on', async () => {
  const { browser, page, pageErrors } = await openApp();
  try {
    // Two bad downloads in a row leave the "could not load" message up for a couple of seconds.
    const manifest = await corruptFirst(page, AUDIO_MODEL_MANIFEST, 2, (json) => json.slice(0, json.length / 3), 'application/json');
    await loadApp(page);
    await startListening(page);
    await expect(page.getByTestId('models-status')).toContainText('The cry model could not load: listening continues', { timeout: 15_000 });
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-models', 'ready', { timeout: 30_000 });
    // Both corrupt copies were served (the manifest is read twice per load: presence check, then TF.js).
    expect(manifest.requests()).toBeGreaterThan(2);
    await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'listening');
    await expectFramesFlowing(page);
    await expect(page.getByTestId('cry-state')).toBeVisible({ timeout: 10_000 });
    expect(pageErrors).toEqual([]);
  } finally {
    await browser.close();
  }
});

test('a cry model that never loads is given up on after a few tries, and listening goes on without it', async () => {
  test.setTimeout(90_000);
  const { browser, page, pageErrors } = await openApp();
  try {
    await corruptFirst(page, AUDIO_MODEL_MANIFEST, Number.POSITIVE_INFINITY, (json) => json.slice(0, json.length / 3), 'application/json');
    await loadApp(page);
    await startListening(page);
    // Three restarts back off 0.5 + 2 + 8 s; then the app stops trying and says so.
    await expect(page.getByTestId('models-status')).toContainText('Reload the page to try again', { timeout: 45_000 });
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-models', 'unavailable');
    await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'listening');
    await expectFramesFlowing(page);
    await expect(page.getByTestId('problem')).toHaveCount(0);
    expect(pageErrors).toEqual([]);
  } finally {
    await browser.close();
  }
});

test('an audio worker script that fails to start is started again, and listening then works', async () => {
  const { browser, page, pageErrors } = await openApp();
  try {
    const script = await corruptFirst(page, AUDIO_WORKER_SCRIPT, 1, () => 'this is not JavaScript {', 'text/javascript');
    await loadApp(page);
    const notice = page.getByTestId('worker-notice');
    await expect(notice).toHaveAttribute('data-kind', 'restarted', { timeout: 15_000 });
    await expect(notice).toContainText('Sound analysis restarted after a problem');
    // The notice comes as the new worker starts; its script is fetched a moment later.
    await expect.poll(() => script.requests(), { timeout: 10_000 }).toBe(2);
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-models', 'ready', { timeout: 30_000 });
    await startListening(page);
    await expectFramesFlowing(page);
    await notice.getByRole('button', { name: 'OK' }).click();
    await expect(notice).toHaveCount(0);
    expect(pageErrors).toEqual([]);
  } finally {
    await browser.close();
  }
});

test('an audio worker that faults mid-session is replaced and the session carries on', async () => {
  const { browser, page, pageErrors } = await openApp();
  try {
    await corruptFirst(
      page,
      AUDIO_WORKER_SCRIPT,
      1,
      (original) => `${original}\nsetTimeout(() => { throw new Error('simulated fault'); }, ${FAULT_AFTER_MS});\n`,
      'text/javascript',
    );
    await loadApp(page);
    await startListening(page);
    await expectFramesFlowing(page);
    const notice = page.getByTestId('worker-notice');
    await expect(notice).toHaveAttribute('data-kind', 'restarted', { timeout: FAULT_AFTER_MS + 15_000 });
    await expect(notice).toContainText('Listening restarted after a problem.');
    await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'listening');
    await expectFramesFlowing(page);
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-models', 'ready', { timeout: 30_000 });
    await expect(page.getByTestId('cry-state')).toBeVisible({ timeout: 10_000 });
    await expect(page.getByTestId('problem')).toHaveCount(0);
    expect(pageErrors).toEqual([]);
  } finally {
    await browser.close();
  }
});

test('an audio worker that hangs is noticed by the heartbeat and replaced', async () => {
  test.setTimeout(90_000);
  const { browser, page, pageErrors } = await openApp();
  try {
    await corruptFirst(page, AUDIO_WORKER_SCRIPT, 1, () => 'for (;;) {}', 'text/javascript');
    await loadApp(page);
    await startListening(page);
    const notice = page.getByTestId('worker-notice');
    await expect(notice).toHaveAttribute('data-kind', 'restarted', { timeout: HANG_DETECTION_TIMEOUT_MS });
    await expect(notice).toContainText('Listening restarted after a problem.');
    await expectFramesFlowing(page);
    expect(pageErrors).toEqual([]);
  } finally {
    await browser.close();
  }
});

test('a worker fault in the middle of a cry loses nothing: the episode is saved once, whole', async () => {
  test.setTimeout(150_000);
  const sequence = makeSilenceCrySilenceWav();
  const { browser, page, pageErrors } = await openApp(sequence.file);
  try {
    // The worker starts with the page; the cry begins about 4 s into listening and lasts 8 s.
    await corruptFirst(page, AUDIO_WORKER_SCRIPT, 1, (original) => `${original}\nsetTimeout(() => { throw new Error('simulated fault'); }, 9000);\n`, 'text/javascript');
    await loadApp(page);
    await startListening(page);
    const banner = page.getByTestId('episode-banner');
    await expect(banner).toHaveAttribute('data-state', 'open', { timeout: 20_000 });
    await expect(page.getByTestId('worker-notice')).toHaveAttribute('data-kind', 'restarted', { timeout: 20_000 });
    await expect(banner).toHaveAttribute('data-state', 'ended', { timeout: 80_000 });
    await page.getByTestId('listen-button').click();
    await expect(page.getByTestId('logging-notice')).toHaveCount(0);
    await page.getByTestId('tab-history').click();
    await expect(page.getByTestId('episode')).toHaveCount(1);
    expect(pageErrors).toEqual([]);
  } finally {
    await browser.close();
  }
});
