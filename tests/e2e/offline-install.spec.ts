import { openApp } from './first-run.ts';
import type { ServerResponse } from 'node:http';
import { expect, test } from '@playwright/test';
import { distDir, startStaticServer, type StaticServer } from './static-server.ts';

/**
 * The first visit saves the app for offline use (the service worker precaches ~17 MB). When one
 * file of it fails or never finishes downloading, the screen says so and the install is tried
 * again, instead of "CryDecode now works offline" simply never coming. The faults are a bad
 * network's, made by the test's own static server for the largest file (MediaPipe's 11 MB wasm,
 * the one seen stalling): a 500 once, or a response that sends its headers and a little of the
 * body, then nothing.
 */

const BIG_FILE = '/mediapipe/vision_wasm_module_internal.wasm';
/** The service worker's stall guard (20 s without data) plus the time to reach the big file. */
const STALL_NOTICE_TIMEOUT_MS = 40_000;
const READY_TIMEOUT_MS = 60_000;

interface Fault {
  kind: 'fail-once' | 'stall' | 'none';
  hits: number;
}

let server: StaticServer;
const fault: Fault = { kind: 'none', hits: 0 };
const stalled: ServerResponse[] = [];

test.beforeAll(async () => {
  server = await startStaticServer(distDir(), {
    intercept: (request, response) => {
      if (!(request.url ?? '').startsWith(BIG_FILE) || fault.kind === 'none') return false;
      fault.hits += 1;
      if (fault.kind === 'fail-once') {
        fault.kind = 'none';
        response.writeHead(500, { 'Content-Type': 'text/plain' });
        response.end('server error');
        return true;
      }
      response.writeHead(200, { 'Content-Type': 'application/wasm', 'Content-Length': String(11_000_000) });
      response.write(Buffer.alloc(64 * 1024));
      stalled.push(response);
      return true;
    },
  });
});

test.afterAll(async () => {
  for (const response of stalled) response.destroy();
  await server.close();
});

test('a file that fails to download is reported, with the size of the download, and the install is tried again by itself', async ({ page }) => {
  test.setTimeout(120_000);
  fault.kind = 'fail-once';
  fault.hits = 0;
  await openApp(page, `${server.origin}/`);
  const notice = page.getByTestId('offline-install');
  await expect(notice).toHaveAttribute('data-phase', 'failed', { timeout: 30_000 });
  await expect(notice).toContainText(/failed: a file could not be downloaded \(\d+ of \d+ files saved, \d+\.\d MB in all\)/);
  await expect(notice).toContainText('Trying again shortly');
  await expect(page.getByTestId('offline-ready')).toBeVisible({ timeout: READY_TIMEOUT_MS });
  await expect(notice).toHaveCount(0);
  expect(fault.hits).toBe(1);
});

test('a download that stops sending is ended, reported, and the install tried again until it works', async ({ page }) => {
  test.setTimeout(150_000);
  fault.kind = 'stall';
  fault.hits = 0;
  await openApp(page, `${server.origin}/`);
  const notice = page.getByTestId('offline-install');
  await expect(notice).toContainText(/Saving CryDecode for offline use \(\d+\.\d MB, downloaded once\): \d+ of \d+ files saved/, { timeout: 15_000 });
  // The service worker gives up on the download after 20 s without data: the install fails.
  await expect(notice).toHaveAttribute('data-phase', 'failed', { timeout: STALL_NOTICE_TIMEOUT_MS });
  await expect(notice).toContainText('Trying again shortly');
  expect(fault.hits).toBe(1);
  await expect(page.getByTestId('offline-ready')).toHaveCount(0);

  // The network is back: the retry (by itself, or the button) finishes the install.
  fault.kind = 'none';
  await page.getByTestId('offline-install-retry').click();
  await expect(page.getByTestId('offline-ready')).toBeVisible({ timeout: READY_TIMEOUT_MS });
  await expect(notice).toHaveCount(0);
});
