import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { chromiumLaunchOptions, E2E_BASE_URL, fakeMicrophoneArgs } from './browser.ts';
import { framesReceived } from './listening.ts';
import { openApp, openTab } from './first-run.ts';

/** Written for a reviewer to look at, never compared. */
const SCREENSHOTS = path.resolve(import.meta.dirname, '../../test-results/screenshots');
const PHONE = { width: 390, height: 844 };

/** A fresh browser (fresh profile) with a phone-sized page; fails on any uncaught page error. */
async function withPhone(args: string[], run: (page: Page) => Promise<void>): Promise<void> {
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch(chromiumLaunchOptions(args));
    const page = await browser.newPage({ baseURL: E2E_BASE_URL, viewport: PHONE });
    const errors: Error[] = [];
    page.on('pageerror', (error) => errors.push(error));
    await run(page);
    expect(errors).toEqual([]);
  } finally {
    await browser?.close();
  }
}

async function startListening(page: Page): Promise<void> {
  await page.getByTestId('listen-button').click();
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'listening');
  await expect.poll(() => framesReceived(page), { timeout: 15_000 }).toBeGreaterThan(30);
}

async function setNight(page: Page, mode: 'on' | 'off'): Promise<void> {
  await openTab(page, 'settings');
  await page.getByTestId(`night-${mode}`).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', mode === 'on' ? 'night' : 'day');
}

/** Nothing of the page is hidden under the bottom bar: the scrolling content ends above it. */
async function expectNothingUnderTheBar(page: Page): Promise<void> {
  const bar = await page.getByTestId('tab-bar').boundingBox();
  const content = await page.locator('.content').boundingBox();
  expect(bar).not.toBeNull();
  expect(content).not.toBeNull();
  if (bar === null || content === null) return;
  expect(content.y + content.height).toBeLessThanOrEqual(bar.y + 0.5);
  expect(bar.y + bar.height).toBeLessThanOrEqual(PHONE.height + 0.5);
}

test.describe('app shell', () => {
  test.setTimeout(120_000);

  test('the first run is shown once, and Start asks for the microphone only when tapped', async () => {
    await withPhone(fakeMicrophoneArgs('cry-48k.wav'), async (page) => {
      await page.goto('/');
      const firstRun = page.getByTestId('first-run');
      await expect(firstRun).toHaveAttribute('data-step', '1');
      await expect(firstRun).toContainText('listens for crying');
      // Nothing listens before the parent says so.
      await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'idle');
      await page.getByTestId('first-run-next').click();
      await expect(firstRun).toContainText('Everything stays on this phone');
      await page.getByTestId('first-run-next').click();
      await expect(firstRun).toContainText('Not a medical device');
      await expect(firstRun.getByTestId('install-help')).toBeVisible();
      await page.getByTestId('first-run-start').click();
      await expect(firstRun).toHaveCount(0);
      await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'listening');
      await expect(page.getByTestId('app')).toHaveAttribute('data-first-run', 'done');

      await page.reload();
      await expect(page.getByTestId('app')).toHaveAttribute('data-first-run', 'done');
      await expect(page.getByTestId('first-run')).toHaveCount(0);
      await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'idle');
    });
  });

  test('the tab bar keeps listening going on every tab, and nothing hides under it', async () => {
    await withPhone(fakeMicrophoneArgs('cry-48k.wav'), async (page) => {
      await openApp(page);
      await expectNothingUnderTheBar(page);
      await startListening(page);
      const before = await framesReceived(page);
      for (const [tab, screen] of [
        ['log', 'log-tab'],
        ['history', 'history-notice'],
        ['settings', 'settings-screen'],
      ] as const) {
        await openTab(page, tab);
        await expect(page.getByTestId(screen)).toBeAttached();
        await expect(page.getByTestId('listen-button')).toBeHidden();
        await expect(page.getByTestId('tab-listening-dot')).toBeVisible();
        await expectNothingUnderTheBar(page);
      }
      await openTab(page, 'monitor');
      await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'listening');
      await expect.poll(() => framesReceived(page)).toBeGreaterThan(before + 50);

      // The Log tab logs with the same one-tap buttons and lists what was logged.
      await openTab(page, 'log');
      const log = page.getByTestId('log-tab');
      await expect(log.getByTestId('care-log')).toHaveAttribute('data-status', 'ready');
      await log.getByTestId('care-feed').click();
      await expect(log.getByTestId('log-entry')).toHaveCount(1);
      await expect(log.getByTestId('log-entry').first()).toContainText('Fed at');

      // Settings opens History's Babies tab.
      await openTab(page, 'settings');
      await page.getByTestId('settings-open-babies').click();
      await expect(page.getByTestId('app')).toHaveAttribute('data-tab', 'history');
      await expect(page.getByRole('tab', { name: 'Babies' })).toHaveAttribute('aria-selected', 'true');
    });
  });

  test('night mode persists across a reload', async () => {
    await withPhone([], async (page) => {
      await openApp(page);
      await setNight(page, 'on');
      await page.reload();
      await expect(page.locator('html')).toHaveAttribute('data-theme', 'night');
      await openTab(page, 'settings');
      await expect(page.getByTestId('night-on')).toBeChecked();
      await setNight(page, 'off');
      await page.reload();
      await expect(page.locator('html')).toHaveAttribute('data-theme', 'day');
    });
  });

  test('screen dark keeps monitoring, draws nothing, and wakes on a tap', async () => {
    await withPhone(fakeMicrophoneArgs('cry-48k.wav'), async (page) => {
      await openApp(page);
      await startListening(page);
      await page.getByTestId('screen-dark-button').click();
      const dark = page.getByTestId('screen-dark');
      await expect(dark).toBeVisible();
      await expect(page.getByTestId('tab-bar')).toBeHidden();
      await expect(dark).toHaveAttribute('data-brief', /^(listening|crying)$/);
      // The hidden monitor is not updated while dark (its frame count stands still) …
      const frozen = await framesReceived(page);
      await page.waitForTimeout(1_500);
      expect(await framesReceived(page)).toBe(frozen);
      await dark.click();
      await expect(dark).toHaveCount(0);
      // … yet listening went on all along: the count caught up on waking.
      await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'listening');
      await expect(page.getByTestId('listen-button')).toBeVisible();
      expect(await framesReceived(page)).toBeGreaterThan(frozen + 50);
    });
  });

  test('About & accuracy says what the models can do, and the full cards open offline', async () => {
    await withPhone([], async (page) => {
      await openApp(page);
      await expect(page.getByTestId('offline-ready')).toBeVisible({ timeout: 30_000 });
      await openTab(page, 'settings');
      const about = page.getByTestId('about-accuracy');
      await expect(about.getByTestId('about-cry')).toContainText('good');
      await expect(about.getByTestId('about-need')).toContainText('at chance');
      await expect(about.getByTestId('about-face')).toContainText('no need');
      await about.getByTestId('about-card-audio').locator('summary').click();
      await expect(about.getByTestId('about-card-audio')).toContainText('not reliable');

      await page.context().setOffline(true);
      for (const [link, title] of [
        ['card-link-audio', 'CryDecode audio models'],
        ['card-link-vision', 'Vision models'],
      ] as const) {
        const popup = page.waitForEvent('popup');
        await about.getByTestId(link).click();
        const card = await popup;
        await expect(card.locator('body')).toContainText(title);
        await card.close();
      }
    });
  });

  test('screenshots of each main screen in both themes', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await withPhone(fakeMicrophoneArgs('cry-48k.wav'), async (page) => {
      await page.goto('/');
      await expect(page.getByTestId('first-run')).toBeVisible();
      await page.screenshot({ path: path.join(SCREENSHOTS, 'first-run-day.png') });
      await page.getByTestId('first-run-skip').click();
      await expect(page.getByTestId('app')).toHaveAttribute('data-first-run', 'done');
      await startListening(page);
      for (const theme of ['day', 'night'] as const) {
        await setNight(page, theme === 'night' ? 'on' : 'off');
        for (const tab of ['monitor', 'log', 'history', 'settings'] as const) {
          await openTab(page, tab);
          await page.screenshot({ path: path.join(SCREENSHOTS, `${tab}-${theme}.png`) });
        }
        await openTab(page, 'settings');
        await page.getByTestId('screen-dark-settings').click();
        await expect(page.getByTestId('screen-dark')).toBeVisible();
        await page.screenshot({ path: path.join(SCREENSHOTS, `screen-dark-${theme}.png`) });
        await page.getByTestId('screen-dark').click();
      }
    });
  });
});
