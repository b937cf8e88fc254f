import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { chromiumLaunchOptions, E2E_BASE_URL, fakeMicrophoneArgs } from './browser.ts';
import { framesReceived } from './listening.ts';
import { makeSilenceCrySilenceWav } from './monitor-audio.ts';
import { openApp } from './first-run.ts';

/**
 * When the browser will not store anything, monitoring goes on and the parent is told that cries
 * are not being saved; what was saved before stays listed. The failures come from the browser's
 * side, set up by an init script before the app loads (the app has no switch for them):
 * - IndexedDB refuses to open, as in some private-browsing modes;
 * - the disk is full: from a moment the test picks, every IndexedDB write fails with the
 *   browser's QuotaExceededError.
 * Needs the shipped audio model, like the other monitor tests.
 */

/** Silence, two cries, then silence long enough to close the episode: about 30 s, looped by Chromium. */
const EPISODE_TIMEOUT_MS = 80_000;

async function launch(): Promise<{ browser: Browser; page: Page; pageErrors: Error[] }> {
  const sequence = makeSilenceCrySilenceWav();
  const browser = await chromium.launch(chromiumLaunchOptions(fakeMicrophoneArgs(sequence.file)));
  const page = await browser.newPage({ baseURL: E2E_BASE_URL });
  const pageErrors: Error[] = [];
  page.on('pageerror', (error) => pageErrors.push(error));
  return { browser, page, pageErrors };
}

async function expectStillListening(page: Page): Promise<void> {
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'listening');
  const before = await framesReceived(page);
  await expect.poll(() => framesReceived(page), { timeout: 10_000 }).toBeGreaterThan(before + 100);
}

test('with IndexedDB unavailable, an episode is still detected and the parent is told nothing is saved', async () => {
  test.setTimeout(150_000);
  const { browser, page, pageErrors } = await launch();
  try {
    await page.addInitScript(() => {
      IDBFactory.prototype.open = () => {
        throw new DOMException('The user denied permission to access the database.', 'SecurityError');
      };
    });
    await openApp(page);
    await page.getByTestId('listen-button').click();
    await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'listening');
    await expect(page.getByTestId('episode-banner')).toHaveAttribute('data-state', 'ended', { timeout: EPISODE_TIMEOUT_MS });
    const notice = page.getByTestId('logging-notice');
    await expect(notice).toHaveAttribute('data-kind', 'unavailable');
    await expect(notice).toContainText('not letting CryDecode save anything');
    await expect(notice).toContainText('Listening still works');
    await expectStillListening(page);

    await page.getByTestId('tab-history').click();
    await expect(page.getByTestId('history-error')).toBeVisible();
    await expect(page.getByTestId('episode')).toHaveCount(0);
    expect(pageErrors).toEqual([]);
  } finally {
    await browser.close();
  }
});

test('when storage fills up, monitoring goes on, the parent is told, and earlier episodes stay listed', async () => {
  test.setTimeout(200_000);
  const { browser, page, pageErrors } = await launch();
  try {
    await page.addInitScript(() => {
      const storageFull = (): boolean => sessionStorage.getItem('test-storage-full') === 'yes';
      const quotaExceeded = (): DOMException => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      const store = IDBObjectStore.prototype;
      const add = Object.getOwnPropertyDescriptor(store, 'add')?.value as IDBObjectStore['add'];
      const put = Object.getOwnPropertyDescriptor(store, 'put')?.value as IDBObjectStore['put'];
      store.add = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['add']>) {
        if (storageFull()) throw quotaExceeded();
        return add.apply(this, args);
      };
      store.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
        if (storageFull()) throw quotaExceeded();
        return put.apply(this, args);
      };
    });
    await openApp(page);
    await page.getByTestId('listen-button').click();
    await expect(page.getByTestId('episode-banner')).toHaveAttribute('data-state', 'ended', { timeout: EPISODE_TIMEOUT_MS });
    await expect(page.getByTestId('logging-notice')).toHaveCount(0);
    // The first episode is saved before the disk fills up (History is shown over the listening screen).
    await page.getByTestId('tab-history').click();
    await expect(page.getByTestId('episode')).toHaveCount(1);
    await page.getByTestId('tab-monitor').click();

    // The disk fills up; the fake microphone loops, so the same cries come round again.
    await page.evaluate(() => sessionStorage.setItem('test-storage-full', 'yes'));
    const notice = page.getByTestId('logging-notice');
    await expect(notice).toHaveAttribute('data-kind', 'quota', { timeout: EPISODE_TIMEOUT_MS });
    await expect(notice).toContainText('Storage is full');
    await expect(notice).toContainText('Existing history is safe');
    await expectStillListening(page);

    await page.getByTestId('tab-history').click();
    await expect(page.getByTestId('episode')).toHaveCount(1);
    expect(pageErrors).toEqual([]);
  } finally {
    await browser.close();
  }
});
