import { openApp } from './first-run.ts';
import { appBackupText } from './backup-files.ts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';

/**
 * A 100 000-cry backup (the app's own format, about 45 MB) is read, checked, previewed and
 * merged without freezing the page (issue 16, item 3): the file is read and validated in a
 * worker and written in small transactions, so no main-thread task is long. Long tasks are
 * measured with PerformanceObserver('longtask'); the bound is on the longest, never on the total
 * time. Reading shows progress and can be cancelled.
 */

const CRIES = 100_000;
const APP_MODEL_VERSIONS = { 'cry-detector': '2026-11-25', 'need-classifier': '2026-11-25' };
/** Longest main-thread task allowed: generous for a loaded machine (seen: under 650 ms on two shared cores; on the page before, see the report). */
const LONGEST_TASK_MS = 1_000;

/** Starts collecting long tasks and every progress line shown; read back with `observed`. */
async function observe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const state = { longTasks: [] as number[], progress: [] as string[], timeline: [] as string[] };
    (window as unknown as { observed: typeof state }).observed = state;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        state.longTasks.push(entry.duration);
        state.timeline.push(`${Math.round(entry.startTime)} long task ${Math.round(entry.duration)} ms`);
      }
    }).observe({ type: 'longtask' });
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="restore-progress"]')?.textContent;
      if (text && state.progress.at(-1) !== text) {
        state.progress.push(text);
        state.timeline.push(`${Math.round(performance.now())} ${text}`);
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

interface Observed {
  longTasks: number[];
  progress: string[];
  /** Long tasks and progress lines by time, to tell which step a long task came from. */
  timeline: string[];
}

function observed(page: Page): Promise<Observed> {
  return page.evaluate(() => (window as unknown as { observed: Observed }).observed);
}

test('a 100 000-cry backup is read with progress, can be cancelled, and merges without freezing the page', async ({ page }) => {
  test.setTimeout(600_000);
  const folder = mkdtempSync(path.join(tmpdir(), 'crydecode-large-backup-'));
  try {
    const file = path.join(folder, 'crydecode-backup-100k.json');
    writeFileSync(file, appBackupText({ cries: CRIES, nowMs: Date.now(), spacingMs: 300_000, note: (index) => (index % 7 === 0 ? 'fed, then slept' : ''), modelVersions: APP_MODEL_VERSIONS, careLog: true }));
    const errors: Error[] = [];
    page.on('pageerror', (error) => errors.push(error));
    await openApp(page, '/');
    await page.getByTestId('tab-history').click();
    await page.getByRole('tab', { name: 'Data' }).click();
    const input = page.getByLabel('Restore from a backup file');

    // Cancel while reading: nothing pending, nothing changed, said so.
    await input.setInputFiles(file);
    await expect(page.getByTestId('restore-progress')).toBeVisible();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByTestId('history-notice')).toHaveText('Reading the backup was cancelled. Nothing was changed.');
    await expect(page.getByTestId('restore-preview')).toHaveCount(0);
    await expect(page.getByTestId('restore-progress')).toHaveCount(0);

    await observe(page);
    const chosenAt = Date.now();
    await input.setInputFiles(file);
    await expect(page.getByTestId('restore-preview')).toContainText(new RegExp(`and\\s+${CRIES}\\s+cries`), { timeout: 180_000 });
    await expect(page.getByTestId('restore-changes')).toContainText(`${CRIES} new cries`);
    const previewedAt = Date.now();
    await page.getByRole('button', { name: 'Restore', exact: true }).click();
    await expect(page.getByTestId('history-notice')).toHaveText(`Backup restored: ${CRIES} cries added, 1 baby added. Now logging for Ada.`, { timeout: 400_000 });
    const restoredAt = Date.now();

    const { longTasks, progress, timeline } = await observed(page);
    const longest = Math.max(0, ...longTasks);
    test.info().annotations.push({ type: 'long tasks', description: `${longTasks.length}, longest ${Math.round(longest)} ms, total ${Math.round(longTasks.reduce((a, b) => a + b, 0))} ms` });
    console.log(`long tasks: ${longTasks.length}, longest ${Math.round(longest)} ms; read and previewed in ${previewedAt - chosenAt} ms, restored in ${restoredAt - previewedAt} ms`);
    // Read and checked in one pass: progress by bytes, with the cries checked so far.
    expect(progress.some((text) => /^Reading the backup: \d+% \([\d,]+ cries checked\)/.test(text))).toBe(true);
    expect(progress.some((text) => /^Restoring: [\d,]+ of 100,000 records/.test(text))).toBe(true);
    expect(longest, timeline.filter((line) => !/long task [5-9]\d ms$/.test(line)).join('\n')).toBeLessThan(LONGEST_TASK_MS);
    expect(errors).toEqual([]);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
