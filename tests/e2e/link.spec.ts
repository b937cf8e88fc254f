import path from 'node:path';
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { createServer, type ViteDevServer } from 'vite';
import { zxingWasm } from '../../scripts/build/vite-plugin-zxing-wasm.ts';
import { chromiumLaunchOptions } from './browser.ts';

/**
 * Two real Chromium browsers on this machine pair through src/link/ the way two phones would:
 * the baby unit shows its offer as a QR, the parent unit reads it from a screenshot of that
 * canvas (zxing-wasm from our origin) and shows its answer as a QR, which the baby unit reads.
 * Then heartbeats flow, listen-in carries audio, a third browser cannot take the link, and
 * closing the baby unit makes the parent declare the link lost within 10 s.
 *
 * src/link/ has no screen yet, so the pages are a test-only harness (tests/e2e/link-harness/)
 * served by a Vite dev server on LINK_HARNESS_PORT, not the production build.
 */

const LINK_HARNESS_PORT = Number(process.env.LINK_HARNESS_PORT ?? 4318);
const HARNESS_URL = `http://localhost:${LINK_HARNESS_PORT}/tests/e2e/link-harness/index.html`;
const ROOT = path.resolve(import.meta.dirname, '../..');

interface Unit {
  browser: Browser;
  page: Page;
  requests: string[];
}

let server: ViteDevServer;
const units: Unit[] = [];

test.beforeAll(async () => {
  server = await createServer({
    configFile: false,
    root: ROOT,
    // Its own cache: node_modules is shared with other worktrees.
    cacheDir: '/tmp/crydecode-link-harness-vite',
    logLevel: 'error',
    plugins: [zxingWasm()],
    server: { port: LINK_HARNESS_PORT, strictPort: true, hmr: false },
    optimizeDeps: { entries: ['tests/e2e/link-harness/index.html'], include: ['qrcode', 'zxing-wasm/reader'] },
  });
  await server.listen();
});

test.afterAll(async () => {
  for (const unit of units) await unit.browser.close().catch(() => undefined);
  await server.close();
});

async function openUnit(): Promise<Unit> {
  // A fake microphone (a beep) and camera, with the permission prompt answered yes.
  const browser = await chromium.launch(chromiumLaunchOptions(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream']));
  const page = await browser.newPage();
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(HARNESS_URL);
  await page.waitForSelector('body[data-ready="true"]');
  const unit = { browser, page, requests };
  units.push(unit);
  return unit;
}

async function qrScreenshot(page: Page): Promise<string> {
  return (await page.locator('#qr').screenshot()).toString('base64');
}

function onlyHostCandidates(sdp: string): void {
  const candidates = sdp.split(/\r?\n/).filter((l) => l.startsWith('a=candidate:'));
  expect(candidates.length).toBeGreaterThan(0);
  for (const candidate of candidates) expect(candidate).toMatch(/ typ host( |$)/);
}

test('two browsers pair by QR, heartbeat, listen in, refuse a third, and alarm on a lost link', async () => {
  test.setTimeout(120_000);
  const baby = await openUnit();
  const parent = await openUnit();
  const intruder = await openUnit();

  const offer = await baby.page.evaluate(() => window.linkHarness.startBaby());
  onlyHostCandidates(offer.sdp);
  console.log(`offer code: ${offer.code.length} characters`);

  const answer = await parent.page.evaluate((png) => window.linkHarness.answerFromQr(png), await qrScreenshot(baby.page));
  expect(answer.scanned).toBe(offer.code);
  onlyHostCandidates(answer.sdp);
  console.log(`answer code: ${answer.code.length} characters`);

  const offerQr = await qrScreenshot(baby.page);
  const pairedAt = Date.now();
  const accepted = await baby.page.evaluate((png) => window.linkHarness.acceptFromQr(png), await qrScreenshot(parent.page));
  expect(accepted.scanned).toBe(answer.code);
  expect(accepted.result).toEqual({ ok: true });

  const describe = async (): Promise<string> => JSON.stringify({ baby: await baby.page.evaluate(() => window.linkHarness.status()), parent: await parent.page.evaluate(() => window.linkHarness.status()) });
  await expect.poll(() => parent.page.evaluate(() => window.linkHarness.status().state), { timeout: 15_000, message: 'parent connects' }).toBe('connected').catch(async (error: unknown) => {
    console.log(await describe());
    throw error;
  });
  await expect.poll(() => baby.page.evaluate(() => window.linkHarness.status().state), { timeout: 15_000 }).toBe('connected');
  console.log(`connected ${Date.now() - pairedAt} ms after the baby unit read the answer`);

  // A third browser scans the same offer once the link is up and tries to answer it. A third phone
  // answering BEFORE the baby unit reads the real answer is tests/e2e/two-phones.spec.ts: it
  // neither stalls that pairing nor connects, and a pairing that does fail shows a new code.
  const intruderAnswer = await intruder.page.evaluate((png) => window.linkHarness.answerFromQr(png), offerQr);
  const refused = await baby.page.evaluate((code) => window.linkHarness.acceptCode(code), intruderAnswer.code);
  expect(refused.ok).toBe(false);
  expect(refused.reason).toMatch(/already paired/);
  // The intruder's pairing never completes.
  expect(await intruder.page.evaluate(() => window.linkHarness.status().state)).toBe('pairing');

  // Hello and several heartbeats each way, still flowing after the intruder's attempt.
  const heartbeatsBefore = await parent.page.evaluate(() => window.linkHarness.status().events.filter((e) => e.type === 'message' && e.detail === 'heartbeat').length);
  await expect
    .poll(() => parent.page.evaluate(() => window.linkHarness.status().events.filter((e) => e.type === 'message' && e.detail === 'heartbeat').length), { timeout: 10_000 })
    .toBeGreaterThanOrEqual(heartbeatsBefore + 3);
  expect(await parent.page.evaluate(() => window.linkHarness.status().health)).toBe('connected');
  const babyMessages = (await baby.page.evaluate(() => window.linkHarness.status().events)).filter((e) => e.type === 'message').map((e) => e.detail);
  expect(babyMessages).toContain('hello');
  expect(babyMessages).toContain('heartbeat');

  // Listen-in: the parent asks, the baby unit sends its microphone, audio with energy arrives.
  expect(await parent.page.evaluate(() => window.linkHarness.requestListenIn(true))).toBe(true);
  await expect.poll(() => parent.page.evaluate(() => window.linkHarness.status().events.some((e) => e.type === 'listen-in' && e.detail === 'live stream')), { timeout: 10_000 }).toBe(true);
  await expect.poll(async () => (await parent.page.evaluate(() => window.linkHarness.inboundAudio())).bytesReceived, { timeout: 10_000 }).toBeGreaterThan(2000);
  const audio = await parent.page.evaluate(() => window.linkHarness.inboundAudio());
  console.log(`listen-in: ${audio.bytesReceived} bytes received, total audio energy ${audio.totalAudioEnergy}`);
  // Non-silent samples: the fake microphone's beep, decoded on the parent unit.
  await expect.poll(async () => (await parent.page.evaluate(() => window.linkHarness.inboundAudio())).totalAudioEnergy, { timeout: 10_000 }).toBeGreaterThan(0);

  // Closing the baby unit's browser: the parent says lost, and rings, within 10 s.
  await baby.browser.close();
  const closedAt = Date.now();
  await expect.poll(() => parent.page.evaluate(() => window.linkHarness.status().health), { timeout: 10_000, intervals: [200] }).toBe('lost');
  const lostAfterMs = Date.now() - closedAt;
  console.log(`parent declared the link lost ${lostAfterMs} ms after the baby unit closed`);
  expect(lostAfterMs).toBeLessThanOrEqual(10_000);
  expect(await parent.page.evaluate(() => window.linkHarness.status().alarm)).toBe('ringing');

  // Privacy: every request any page made went to this machine's test server.
  for (const unit of units) {
    expect(unit.requests.length).toBeGreaterThan(0);
    // data: URLs (the screenshot the page decodes) are not network requests.
    for (const url of unit.requests.filter((u) => !u.startsWith('data:'))) expect(new URL(url).hostname, url).toMatch(/^(localhost|127\.0\.0\.1)$/);
  }
  const zxingLoaded = parent.requests.some((url) => url.endsWith('/zxing/zxing_reader.wasm'));
  expect(zxingLoaded).toBe(true);
});

test('a connection that cannot be made is reported as an isolating network within the bound, not left loading', async () => {
  test.setTimeout(90_000);
  const baby = await openUnit();
  const parent = await openUnit();
  const offer = await baby.page.evaluate(() => window.linkHarness.startBaby());
  const answer = await parent.page.evaluate((png) => window.linkHarness.answerFromQr(png), await qrScreenshot(baby.page));
  await parent.browser.close();
  const blocked = await baby.page.evaluate((code) => window.linkHarness.unreachable(code), answer.code);
  const acceptedAt = Date.now();
  expect(await baby.page.evaluate((code) => window.linkHarness.acceptCode(code), blocked)).toEqual({ ok: true });
  await expect.poll(() => baby.page.evaluate(() => window.linkHarness.status().state), { timeout: 20_000, intervals: [250] }).toBe('failed');
  const failedAfterMs = Date.now() - acceptedAt;
  console.log(`failure reported ${failedAfterMs} ms after the answer was accepted (offer ${offer.code.length} chars)`);
  expect(failedAfterMs).toBeLessThanOrEqual(16_000);
  expect(await baby.page.evaluate(() => window.linkHarness.reason())).toMatch(/^Could not connect — networks that isolate devices/);
});
