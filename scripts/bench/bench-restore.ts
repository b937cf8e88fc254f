/**
 * Benchmark: restoring a large backup through the app's own screens in headless Chromium (real
 * IndexedDB), for each size asked: choose the file, wait for the preview (read and checked in
 * the backup-reading worker, compared with this phone's history), restore, wait for "Backup
 * restored". Reports the time to the preview and to done, the main thread's longest task over
 * the whole restore (PerformanceObserver 'longtask'), the backup-reading worker's peak JS heap
 * (sampled over CDP with Runtime.getHeapUsage on the worker's own session), the page's peak JS
 * heap, and the renderer process's peak resident memory (VmHWM: page and worker together).
 *
 * Any build folder can be measured, so a build from before a change can be compared:
 *
 *   node --import tsx scripts/bench/bench-restore.ts [dist=dist] [port=4188] [cries=100000,600000] [write=yes]
 *
 * With write=no it stops at the preview (the file read, checked and compared; nothing written):
 * writing 600 000 cries into IndexedDB takes many minutes on a slow machine.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../lib/chromium.ts';
import { waitForServer } from '../lib/wait-for-server.ts';
import { benchArguments } from '../lib/bench-args.ts';
import { openApp } from '../lib/app-first-run.ts';
import { generatedBackupPieces } from '../lib/generated-backup.ts';

const STEP_TIMEOUT_MS = 30 * 60_000;
const SAMPLE_INTERVAL_MS = 100;
const MB = 1024 * 1024;

interface RestoreRun {
  cries: number;
  fileMiB: number;
  previewSeconds: number;
  doneSeconds: number;
  longestMainThreadTaskMs: number;
  longTasks: number;
  workerPeakHeapMiB: number | null;
  pagePeakHeapMiB: number | null;
  rendererPeakRssMiB: number | null;
  outcome: string;
}

function writeBackup(file: string, cries: number): void {
  const fd = openSync(file, 'w');
  try {
    for (const piece of generatedBackupPieces({ cries, nowMs: Date.now(), spacingMs: 60_000, careLog: true, compact: true })) writeSync(fd, piece);
  } finally {
    closeSync(fd);
  }
}

/** The peak JS heap of every dedicated worker the page starts, sampled on the worker's own CDP session. */
async function watchWorkerHeaps(cdp: CDPSession): Promise<{ peakBytes: () => number | null; stop: () => void }> {
  let peak: number | null = null;
  const sessions = new Map<string, number>();
  let messageId = 0;
  cdp.on('Target.attachedToTarget', (event: { sessionId: string; targetInfo: { type: string } }) => {
    if (event.targetInfo.type === 'worker') sessions.set(event.sessionId, 0);
  });
  cdp.on('Target.detachedFromTarget', (event: { sessionId: string }) => {
    sessions.delete(event.sessionId);
  });
  cdp.on('Target.receivedMessageFromTarget', (event: { message: string }) => {
    const reply = JSON.parse(event.message) as { result?: { usedSize?: number } };
    const used = reply.result?.usedSize;
    if (typeof used === 'number') peak = Math.max(peak ?? 0, used);
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  const timer = setInterval(() => {
    for (const sessionId of sessions.keys()) {
      messageId += 1;
      cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: messageId, method: 'Runtime.getHeapUsage' }) }).catch(() => undefined);
    }
  }, SAMPLE_INTERVAL_MS);
  return { peakBytes: () => peak, stop: () => clearInterval(timer) };
}

async function rendererPids(browser: Browser): Promise<number[]> {
  const cdp = await browser.newBrowserCDPSession();
  try {
    const info = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: { id: number; type: string }[] };
    return info.processInfo.filter((process) => process.type === 'renderer').map((process) => process.id);
  } finally {
    await cdp.detach();
  }
}

/** Peak resident set (VmHWM) of a process, from /proc; null where there is no /proc. */
function peakRssBytes(pid: number): number | null {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

async function restoreOnce(browser: Browser, baseUrl: string, cries: number, file: string, write: boolean): Promise<RestoreRun> {
  const context = await browser.newContext({ baseURL: baseUrl });
  const page: Page = await context.newPage();
  try {
    await page.addInitScript(() => {
      const state = { longTasks: [] as number[], peakHeap: 0 };
      Object.defineProperty(window, '__restoreBench', { value: state });
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) state.longTasks.push(entry.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    await openApp(page);
    await page.getByTestId('tab-history').click();
    await page.getByRole('tab', { name: 'Data' }).click();
    const cdp = await context.newCDPSession(page);
    const workers = await watchWorkerHeaps(cdp);
    const pageHeap = { peak: 0 };
    const pageSampler = setInterval(() => {
      page
        .evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0)
        .then((used) => (pageHeap.peak = Math.max(pageHeap.peak, used)))
        .catch(() => undefined);
    }, 250);
    await page.evaluate(() => {
      (window as unknown as { __restoreBench: { longTasks: number[] } }).__restoreBench.longTasks.length = 0;
    });
    const start = performance.now();
    let outcome = 'restored';
    let previewMs = Number.NaN;
    try {
      await page.getByLabel('Restore from a backup file').setInputFiles(file);
      const preview = page.getByTestId('restore-preview');
      const error = page.getByTestId('history-error');
      await preview.or(error).first().waitFor({ timeout: STEP_TIMEOUT_MS });
      previewMs = performance.now() - start;
      if (await error.isVisible()) {
        outcome = `refused: ${(await error.textContent()) ?? ''}`;
      } else if (!write) {
        outcome = 'previewed (not written)';
      } else {
        await page.getByRole('button', { name: 'Restore', exact: true }).click();
        await page.getByTestId('history-notice').filter({ hasText: 'Backup restored' }).or(error).first().waitFor({ timeout: STEP_TIMEOUT_MS });
        if (await error.isVisible()) outcome = `failed: ${(await error.textContent()) ?? ''}`;
      }
    } catch (error) {
      outcome = `did not finish: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
    }
    const doneMs = performance.now() - start;
    clearInterval(pageSampler);
    workers.stop();
    const longTasks = await page.evaluate(() => [...(window as unknown as { __restoreBench: { longTasks: number[] } }).__restoreBench.longTasks]).catch(() => [] as number[]);
    const rss = (await rendererPids(browser)).map(peakRssBytes).filter((bytes): bytes is number => bytes !== null);
    const workerPeak = workers.peakBytes();
    return {
      cries,
      fileMiB: Number((statSync(file).size / MB).toFixed(1)),
      previewSeconds: Number((previewMs / 1000).toFixed(1)),
      doneSeconds: Number((doneMs / 1000).toFixed(1)),
      longestMainThreadTaskMs: Math.round(Math.max(0, ...longTasks)),
      longTasks: longTasks.length,
      workerPeakHeapMiB: workerPeak === null ? null : Math.round(workerPeak / MB),
      pagePeakHeapMiB: pageHeap.peak === 0 ? null : Math.round(pageHeap.peak / MB),
      rendererPeakRssMiB: rss.length === 0 ? null : Math.round(Math.max(...rss) / MB),
      outcome,
    };
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  const [dist, port, criesList, write] = benchArguments('bench-restore', [
    { name: 'dist', default: 'dist', text: true },
    { name: 'port', default: 4188, whole: true },
    { name: 'cries', default: '100000,600000', text: true },
    { name: 'write', default: 'yes', text: true },
  ]);
  const counts = criesList.split(',').map(Number);
  if (counts.some((count) => !Number.isInteger(count) || count <= 0)) throw new Error(`cries must be whole numbers separated by commas, got "${criesList}"`);
  const baseUrl = `http://localhost:${port}`;
  const folder = mkdtempSync(path.join(os.tmpdir(), 'crydecode-bench-restore-'));
  const server = spawn('npx', ['vite', 'preview', '--port', String(port), '--strictPort', '--outDir', dist], { stdio: 'ignore', detached: true });
  const browser = await chromium.launch(chromiumLaunchOptions(['--enable-precise-memory-info']));
  const runs: RestoreRun[] = [];
  try {
    await waitForServer(baseUrl);
    for (const cries of counts) {
      const file = path.join(folder, `backup-${cries}.json`);
      console.error(`writing a ${cries}-cry backup…`);
      writeBackup(file, cries);
      console.error(`restoring it (${dist})…`);
      runs.push(await restoreOnce(browser, baseUrl, cries, file, write !== 'no'));
      rmSync(file);
      console.error(JSON.stringify(runs.at(-1)));
    }
    console.log(JSON.stringify({ dist, browser: `Chromium ${browser.version()} headless, no GPU`, runs }, null, 2));
  } finally {
    await browser.close();
    if (server.pid !== undefined) process.kill(-server.pid);
    rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error('bench-restore failed:', error);
  process.exitCode = 1;
});
