import { expect, test } from '@playwright/test';
import { chromiumLaunchOptions, fixturePath } from './browser.ts';
import { makeAstronautVideo } from './camera-videos.ts';
import { watchCspViolations } from './csp-violations.ts';
import { analyseFixture, exportCsvFromHistory, fakeMicrophoneAndCameraArgs, startMonitoring, turnCameraOnUntilFaceSeen } from './full-session.ts';
import { openApp } from './first-run.ts';

/**
 * The Content-Security-Policy allows only the app's own origin (plus wasm compilation), as a
 * header from the server and as a <meta> for static hosts, and the whole app runs under it:
 * microphone, camera (MediaPipe in a worker), TensorFlow.js, analysing a file and exporting.
 */
test.use({ launchOptions: chromiumLaunchOptions(fakeMicrophoneAndCameraArgs(fixturePath('cry-48k.wav'), makeAstronautVideo())) });

test('the policy is sent, has no inline script, and nothing the app does violates it', async ({ page, request }) => {
  test.setTimeout(120_000);
  const response = await request.get('/');
  const header = response.headers()['content-security-policy'] ?? '';
  expect(header).toContain("default-src 'self'");
  expect(header).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(header).toContain("object-src 'none'");
  expect(header).toContain("frame-ancestors 'none'");
  expect(header).not.toMatch(/'unsafe-inline'|'unsafe-eval'|\*/);
  const html = await response.text();
  expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;self&#39;/);
  // Every <script> in the page loads a file; none carries code of its own.
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  expect(scripts.length).toBeGreaterThan(0);
  for (const [, attributes = '', body = ''] of scripts) {
    expect(attributes).toMatch(/\bsrc="\/[^"]+"/);
    expect(body.trim()).toBe('');
  }

  const pageErrors: Error[] = [];
  page.on('pageerror', (error) => pageErrors.push(error));
  const csp = await watchCspViolations(page);
  await openApp(page);
  await startMonitoring(page);
  await turnCameraOnUntilFaceSeen(page);
  await analyseFixture(page, 'cry-48k.wav');
  await exportCsvFromHistory(page);
  expect(await csp.violations()).toEqual([]);
  expect(pageErrors).toEqual([]);

  // The watcher would have seen a violation, in the page and in a worker: its silence means something.
  await page.evaluate(() => fetch('http://example.invalid/page').catch(() => undefined));
  const worker = page.workers()[0];
  expect(worker).toBeDefined();
  await worker?.evaluate(() => fetch('http://example.invalid/worker').catch(() => undefined));
  const seen = await csp.violations();
  expect(seen).toContain('connect-src http://example.invalid/page');
  expect(seen).toContain('connect-src http://example.invalid/worker');
});
