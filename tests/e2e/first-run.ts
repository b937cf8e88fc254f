import { expect, type Page } from '@playwright/test';

/**
 * Opens the app and, on a fresh profile, taps through the first run's "Skip" the way a parent
 * would, then waits until the choice is stored: every spec starts on the monitor. On a profile
 * that has seen the first run (a reload, a second page), there is nothing to tap.
 */
export async function openApp(page: Page, url = '/'): Promise<void> {
  await page.goto(url);
  await skipFirstRun(page);
}

export async function skipFirstRun(page: Page): Promise<void> {
  const app = page.getByTestId('app');
  await expect(app).toHaveAttribute('data-first-run', /^(shown|done)$/, { timeout: 15_000 });
  if ((await app.getAttribute('data-first-run')) === 'shown') await page.getByTestId('first-run-skip').click();
  await expect(app).toHaveAttribute('data-first-run', 'done');
}

/** Goes to one of the bottom bar's tabs. */
export async function openTab(page: Page, tab: 'monitor' | 'log' | 'history' | 'settings'): Promise<void> {
  await page.getByTestId(`tab-${tab}`).click();
  await expect(page.getByTestId('app')).toHaveAttribute('data-tab', tab);
}
