import { chromium, expect, test, type Browser, type Request } from '@playwright/test';
import { chromiumLaunchOptions, E2E_BASE_URL, fixturePath } from './browser.ts';
import { makeAstronautVideo } from './camera-videos.ts';
import { analyseFixture, exportCsvFromHistory, fakeMicrophoneAndCameraArgs, startMonitoring, turnCameraOnUntilFaceSeen } from './full-session.ts';
import { startRecordingProxy } from './recording-proxy.ts';
import { precacheManifestUrls, readStoredData } from './stored-data.ts';
import { openApp } from './first-run.ts';

/**
 * Nothing leaves the device and nothing raw stays on it. A full session (load, monitor with the
 * microphone and the camera, analyse a recording, restore a backup, export the CSV) is watched
 * at three levels: the page's and workers' requests, the context's (service worker included)
 * and a proxy that every non-local request would have to cross. Afterwards, IndexedDB, Cache
 * Storage, the private file system and web storage are read back and scanned.
 */
const PROFILE_ID = '0b7e4c1a-7f0e-4d7c-9a55-3c2f0e9d1a01';

function backupWithOneCry(now: number): string {
  return JSON.stringify({
    format: 'crydecode-backup',
    version: 1,
    exportedAt: new Date(now).toISOString(),
    profiles: [{ id: PROFILE_ID, name: 'Noor', birthDate: '2026-03-01', avatarColor: '#2a9d8f', createdAt: now - 30 * 86_400_000 }],
    episodes: [
      {
        id: '0b7e4c1a-7f0e-4d7c-9a55-3c2f0e9d1e01',
        profileId: PROFILE_ID,
        startedAt: now - 3_600_000,
        endedAt: now - 3_540_000,
        durationSeconds: 60,
        peakCryProbability: 0.9,
        needProbabilities: [0.2, 0.5, 0.2, 0.1],
        modalities: { audio: [0.2, 0.5, 0.2, 0.1] },
        contributed: ['audio'],
        topNeed: 'hunger',
        confidence: 0.5,
        notSure: false,
        modelVersions: { 'cry-detector': 'test' },
        note: '',
        actualReason: null,
        whatHelped: '',
        updatedAt: now - 3_500_000,
      },
    ],
  });
}

function describe(request: Request): string {
  const worker = request.serviceWorker() ? ' (service worker)' : '';
  return `${request.method()} ${request.url()}${worker}`;
}

function isOnDevice(url: string, origin: string): boolean {
  return url.startsWith(`${origin}/`) || url.startsWith('blob:') || url.startsWith('data:');
}

test('a full session talks only to its own origin and stores no audio or video', async () => {
  test.setTimeout(180_000);
  const proxy = await startRecordingProxy();
  let browser: Browser | null = null;
  try {
    const media = fakeMicrophoneAndCameraArgs(fixturePath('cry-48k.wav'), makeAstronautVideo());
    browser = await chromium.launch(chromiumLaunchOptions([...media, ...proxy.chromiumArgs]));
    const context = await browser.newContext({ baseURL: E2E_BASE_URL, acceptDownloads: true });
    const origin = new URL(E2E_BASE_URL).origin;

    const pageRequests: string[] = [];
    const contextRequests: string[] = [];
    const routed: string[] = [];
    const sockets: string[] = [];
    context.on('request', (request) => contextRequests.push(describe(request)));
    await context.route('**/*', async (route) => {
      routed.push(route.request().url());
      await route.fallback();
    });
    const page = await context.newPage();
    page.on('request', (request) => pageRequests.push(describe(request)));
    page.on('websocket', (socket) => sockets.push(socket.url()));
    const pageErrors: Error[] = [];
    page.on('pageerror', (error) => pageErrors.push(error));

    await openApp(page);
    await expect(page.getByTestId('offline-ready')).toBeVisible({ timeout: 30_000 });
    await startMonitoring(page);
    await turnCameraOnUntilFaceSeen(page);
    await analyseFixture(page, 'cry-48k.wav');

    await page.getByTestId('tab-history').click();
    await page.getByRole('tab', { name: 'Data' }).click();
    await page.getByLabel('Restore from a backup file').setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(backupWithOneCry(Date.now())) });
    await page.getByRole('button', { name: 'Restore', exact: true }).click();
    await expect(page.getByTestId('history-notice')).toContainText('1 cry added');
    await page.getByTestId('tab-monitor').click();
    const csv = await exportCsvFromHistory(page);
    expect(csv.toString('utf8')).toContain('Noor');

    // Every level saw the app at work (so their silence below means something) ...
    const all = [...pageRequests, ...contextRequests, ...routed];
    expect(pageRequests.some((r) => r.includes('/mediapipe/vision_wasm_module_internal.wasm'))).toBe(true);
    expect(pageRequests.some((r) => r.includes('/models/audio/model.json'))).toBe(true);
    expect(contextRequests.some((r) => r.endsWith('(service worker)'))).toBe(true);
    expect(routed.length).toBeGreaterThan(0);
    console.log(`requests seen: page ${pageRequests.length}, context ${contextRequests.length}, routed ${routed.length}, proxy ${proxy.seen.length}`);
    // ... and none went anywhere but the app's origin.
    expect(all.filter((r) => !isOnDevice(r.replace(/^[A-Z]+ /, ''), origin))).toEqual([]);
    expect(sockets).toEqual([]);
    expect(proxy.notFromBrowser()).toEqual([]);

    // Nothing raw is kept: IndexedDB holds only numbers and text, caches only the app's files.
    const stored = await readStoredData(page);
    console.log(`stored: ${JSON.stringify(stored.recordCounts)}; caches ${Object.keys(stored.cachedUrls).join(', ')}`);
    expect(stored.recordCounts['crydecode/episodes']).toBeGreaterThanOrEqual(1);
    expect(stored.recordCounts['crydecode/profiles']).toBeGreaterThanOrEqual(1);
    expect(stored.binaryValues).toEqual([]);
    expect(stored.cachedMedia).toEqual([]);
    expect(stored.privateFiles).toEqual([]);
    expect(stored.webStorageChars).toBeLessThan(4096);
    const precached = precacheManifestUrls(await (await page.request.get('/sw.js')).text(), origin);
    const cached = Object.values(stored.cachedUrls).flat();
    expect(cached.length).toBeGreaterThan(0);
    const strayCached = cached.filter((url) => {
      const withoutRevision = new URL(url);
      withoutRevision.searchParams.delete('__WB_REVISION__');
      return !precached.has(withoutRevision.href);
    });
    expect(strayCached).toEqual([]);
    expect(pageErrors).toEqual([]);
  } finally {
    await browser?.close();
    await proxy.close();
  }
});
