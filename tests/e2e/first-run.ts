import { expect, type Page } from '@playwright/test';

/** Every spec opens the app through this, so each starts on the monitor past the first run. */
export { openApp, skipFirstRun } from '../../scripts/lib/app-first-run.ts';

/** Goes to one of the bottom bar's tabs. */
export async function openTab(page: Page, tab: 'monitor' | 'log' | 'history' | 'settings'): Promise<void> {
  await page.getByTestId(`tab-${tab}`).click();
  await expect(page.getByTestId('app')).toHaveAttribute('data-tab', tab);
}
