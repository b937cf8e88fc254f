/**
 * Benchmark: a large history in real Chromium (real IndexedDB), through the app's own screens:
 * restore a backup of N episodes, then export them all to CSV. Reports both durations and the
 * main thread's long tasks during the export (what a parent would feel as a freeze).
 *
 * Needs the production build (`npm run build`) and Chromium at /usr/bin/chromium (or CHROMIUM_PATH).
 *
 *   node --import tsx scripts/bench/bench-history-browser.ts [episodeCount=100000] [port=4187]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../lib/chromium.ts';
import { BACKUP_FORMAT, BACKUP_VERSION } from '../../src/log/backup.ts';
import { waitForServer } from '../lib/wait-for-server.ts';
import { benchArguments } from '../lib/bench-args.ts';
import { SYNTHETIC_PROFILE, syntheticEpisode } from '../lib/synthetic-history.ts';
import { openApp } from '../lib/app-first-run.ts';

const DEFAULT_EPISODES = 100_000;
const DEFAULT_PORT = 4187;
const RESTORE_TIMEOUT_MS = 10 * 60_000;
/** A task this long is the Long Tasks API's definition of one (50 ms); 200 ms is felt as a freeze. */
const FREEZE_MS = 200;

async function main(): Promise<void> {
  const [episodeCount, port] = benchArguments('bench-history-browser', [
    { name: 'episodeCount', default: DEFAULT_EPISODES, whole: true },
    { name: 'port', default: DEFAULT_PORT, whole: true },
  ]);
  const baseUrl = `http://localhost:${port}`;
  const newestStartMs = Date.now() - 60 * 60_000;
  const episodes = Array.from({ length: episodeCount }, (_, i) => syntheticEpisode(i, newestStartMs));
  const backupPath = path.join(mkdtempSync(path.join(os.tmpdir(), 'crydecode-bench-')), 'backup.json');
  writeFileSync(
    backupPath,
    JSON.stringify({ format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt: new Date().toISOString(), profiles: [SYNTHETIC_PROFILE], episodes }),
  );
  const oldestStartMs = episodes.at(-1)?.startedAt ?? newestStartMs;
  const oldestDay = new Date(oldestStartMs - 2 * 86_400_000).toISOString().slice(0, 10);

  const server = spawn('npx', ['vite', 'preview', '--port', String(port), '--strictPort'], { stdio: 'ignore', detached: true });
  const browser = await chromium.launch(chromiumLaunchOptions([]));
  try {
    await waitForServer(baseUrl);
    const page = await browser.newPage({ baseURL: baseUrl, acceptDownloads: true });
    await page.addInitScript(() => {
      const tasks: number[] = [];
      Object.defineProperty(window, '__longTasks', { value: tasks });
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) tasks.push(entry.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    await openApp(page);
    await page.getByTestId('tab-history').click();
    await page.getByRole('tab', { name: 'Data' }).click();

    const restoreStart = performance.now();
    await page.getByLabel('Restore from a backup file').setInputFiles(backupPath);
    await page.getByTestId('restore-preview').waitFor({ timeout: RESTORE_TIMEOUT_MS });
    await page.getByRole('button', { name: 'Restore', exact: true }).click();
    await page.getByTestId('history-notice').filter({ hasText: 'Backup restored' }).waitFor({ timeout: RESTORE_TIMEOUT_MS });
    const restoreMs = performance.now() - restoreStart;

    await page.getByLabel('Baby').selectOption({ label: 'All babies' });
    await page.getByLabel('From', { exact: true }).fill(oldestDay);
    await page.evaluate(() => {
      (window as unknown as { __longTasks: number[] }).__longTasks.length = 0;
    });
    const exportStart = performance.now();
    const download = page.waitForEvent('download', { timeout: RESTORE_TIMEOUT_MS });
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const csvPath = await (await download).path();
    const exportMs = performance.now() - exportStart;
    const longTasks = await page.evaluate(() => [...(window as unknown as { __longTasks: number[] }).__longTasks]);
    const csv = readFileSync(csvPath, 'utf8');
    const rows = csv.split('\r\n').filter((line) => line.length > 0).length - 1;

    console.log(
      JSON.stringify(
        {
          episodes: episodeCount,
          backupMegabytes: Number((readFileSync(backupPath).byteLength / 1e6).toFixed(1)),
          restoreSeconds: Number((restoreMs / 1000).toFixed(2)),
          csvExportSeconds: Number((exportMs / 1000).toFixed(2)),
          csvRows: rows,
          csvMegabytes: Number((Buffer.byteLength(csv) / 1e6).toFixed(1)),
          exportLongTasks: longTasks.length,
          exportLongestTaskMs: Math.round(Math.max(0, ...longTasks)),
          exportTasksOverFreezeMs: longTasks.filter((ms) => ms >= FREEZE_MS).length,
          browser: `Chromium ${browser.version()} headless, no GPU`,
        },
        null,
        2,
      ),
    );
  } finally {
    await browser.close();
    if (server.pid !== undefined) process.kill(-server.pid);
  }
}

main().catch((error: unknown) => {
  console.error('bench-history-browser failed:', error);
  process.exitCode = 1;
});
