import { expect, type Page } from '@playwright/test';

/** Opens the app on the monitor, through a first-run screen if the app shows one. */
export async function openMonitor(page: Page): Promise<void> {
  await page.goto('/');
  const firstRun = page.locator('[data-first-run]');
  if ((await firstRun.count()) > 0) {
    await expect(firstRun).toHaveAttribute('data-first-run', /^(shown|done)$/, { timeout: 15_000 });
    if ((await firstRun.getAttribute('data-first-run')) === 'shown') await page.getByTestId('first-run-skip').click();
    await expect(firstRun).toHaveAttribute('data-first-run', 'done');
  }
  await expect(page.getByTestId('listen-button')).toBeVisible();
}
