import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { chromiumLaunchOptions, fakeMicrophoneArgs } from './browser.ts';
import { framesReceived } from './listening.ts';
import { makeAppVersions, startSwitchableServer, VERSION_META_NAME, type SwitchableServer } from './app-versions.ts';
import { readStoredData } from './stored-data.ts';
import { openApp } from './first-run.ts';

/**
 * A new version is deployed while the parent is monitoring, with history on the device: the
 * "update available" prompt appears without stopping the monitor, nothing changes until the
 * parent taps Reload, and after the update every logged cry is still there.
 */
const PROFILE_ID = '5d2a9c3e-1b4f-4e6a-8c7d-2e9f0a1b3c01';
/** Spectrogram frames (16 ms each) the monitor must keep receiving while the prompt shows: ≈ 3 s. */
const FRAMES_WHILE_PROMPTED = 190;

function backup(now: number): string {
  const episode = (n: number) => ({
    id: `5d2a9c3e-1b4f-4e6a-8c7d-2e9f0a1b3e0${n}`,
    profileId: PROFILE_ID,
    startedAt: now - n * 3_600_000,
    endedAt: now - n * 3_600_000 + 90_000,
    durationSeconds: 90,
    peakCryProbability: 0.88,
    needProbabilities: [0.1, 0.2, 0.1, 0.6],
    modalities: { audio: [0.1, 0.2, 0.1, 0.6] },
    contributed: ['audio'],
    topNeed: 'tired',
    confidence: 0.6,
    notSure: false,
    modelVersions: { 'cry-detector': 'test' },
    note: `night ${n}`,
    actualReason: null,
    whatHelped: '',
    updatedAt: now - n * 3_600_000 + 100_000,
  });
  return JSON.stringify({
    format: 'crydecode-backup',
    version: 1,
    exportedAt: new Date(now).toISOString(),
    profiles: [{ id: PROFILE_ID, name: 'Iris', birthDate: '2026-02-10', avatarColor: '#2a9d8f', createdAt: now - 60 * 86_400_000 }],
    episodes: [episode(1), episode(2), episode(3)],
  });
}

/** Version 2's marker; version 1 has none. */
const versionMarker = (page: Page) => page.locator(`meta[name="${VERSION_META_NAME}"]`);

/** Opens Iris's cries in History and waits for the list (it loads after the choice), then goes back. */
async function expectIrisCries(page: Page, count: number): Promise<void> {
  await page.getByTestId('tab-history').click();
  await page.getByRole('tab', { name: 'Cries' }).click();
  await page.getByLabel('Baby').selectOption({ label: 'Iris' });
  await expect(page.getByTestId('episode')).toHaveCount(count);
  await page.getByTestId('tab-monitor').click();
}

test('an update found while monitoring waits for the parent, and keeps the history', async () => {
  test.setTimeout(150_000);
  const versions = makeAppVersions();
  let server: SwitchableServer | null = null;
  let browser: Browser | null = null;
  try {
    server = await startSwitchableServer(versions.v1);
    browser = await chromium.launch(chromiumLaunchOptions(fakeMicrophoneArgs('cry-48k.wav')));
    const page = await browser.newPage({ baseURL: server.origin });
    const pageErrors: Error[] = [];
    page.on('pageerror', (error) => pageErrors.push(error));

    // Version 1, installed, with history on the device.
    await openApp(page);
    await expect(page.getByTestId('offline-ready')).toBeVisible({ timeout: 30_000 });
    await page.getByTestId('tab-history').click();
    await page.getByRole('tab', { name: 'Data' }).click();
    await page.getByLabel('Restore from a backup file').setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(backup(Date.now())) });
    await page.getByRole('button', { name: 'Restore', exact: true }).click();
    await expect(page.getByTestId('history-notice')).toContainText('3 cries added');
    await page.getByTestId('tab-monitor').click();
    await expect(page.getByTestId('episode')).toHaveCount(0);
    await expectIrisCries(page, 3);
    const before = await readStoredData(page);

    // The parent is monitoring when version 2 is deployed and the browser checks for it.
    await page.getByTestId('listen-button').click();
    await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'listening');
    server.serve(versions.v2);
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration?.update();
    });
    await expect(page.getByTestId('update-available')).toBeVisible({ timeout: 30_000 });

    // The prompt only asks: monitoring goes on, still on version 1.
    const framesAtPrompt = await framesReceived(page);
    await expect.poll(() => framesReceived(page), { timeout: 15_000 }).toBeGreaterThan(framesAtPrompt + FRAMES_WHILE_PROMPTED);
    await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'listening');
    await expect(page.getByTestId('update-available')).toBeVisible();
    await expect(versionMarker(page)).toHaveCount(0);

    // The parent taps Reload: version 2 takes over and the history is intact.
    await page.getByTestId('update-available').getByRole('button', { name: 'Reload' }).click();
    await expect(versionMarker(page)).toHaveAttribute('content', 'v2', { timeout: 30_000 });
    await expect(page.getByTestId('update-available')).toHaveCount(0);
    await expectIrisCries(page, 3);
    const after = await readStoredData(page);
    expect(after.recordCounts['crydecode/episodes']).toBe(before.recordCounts['crydecode/episodes']);
    expect(after.recordCounts['crydecode/profiles']).toBe(before.recordCounts['crydecode/profiles']);
    expect(pageErrors).toEqual([]);
  } finally {
    await browser?.close();
    await server?.close();
    versions.remove();
  }
});
