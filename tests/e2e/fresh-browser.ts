import { chromium, expect, type Browser, type BrowserContextOptions, type Page } from '@playwright/test';
import { chromiumLaunchOptions, E2E_BASE_URL } from './browser.ts';

/**
 * Runs `run` in a browser of its own, launched with `args` (a fake microphone or camera is a
 * launch flag, so each device setup needs a fresh browser), and fails on any uncaught page error.
 * `options` sets up the page's context (a phone's viewport, service workers blocked).
 */
export async function withBrowser(args: string[], run: (page: Page) => Promise<void>, options: BrowserContextOptions = {}): Promise<void> {
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch(chromiumLaunchOptions(args));
    const page = await browser.newPage({ baseURL: E2E_BASE_URL, ...options });
    const errors: Error[] = [];
    page.on('pageerror', (error) => errors.push(error));
    await run(page);
    expect(errors).toEqual([]);
  } finally {
    await browser?.close();
  }
}
