import type { Page } from '@playwright/test';

const APP = '[data-testid="app"]';

/**
 * Opens the app and, on a fresh profile, taps the first run's "Skip" as a parent would, then
 * waits until the choice is stored. On a profile that has seen the first run there is nothing
 * to tap. Shared by the end-to-end tests (tests/e2e/first-run.ts) and the browser benchmarks.
 */
export async function openApp(page: Page, url = '/'): Promise<void> {
  await page.goto(url);
  await skipFirstRun(page);
}

export async function skipFirstRun(page: Page): Promise<void> {
  await page.waitForSelector(`${APP}[data-first-run="shown"], ${APP}[data-first-run="done"]`, { timeout: 15_000 });
  if ((await page.getAttribute(APP, 'data-first-run')) === 'shown') await page.getByTestId('first-run-skip').click();
  await page.waitForSelector(`${APP}[data-first-run="done"]`);
}
