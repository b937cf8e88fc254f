import { expect, type Page } from '@playwright/test';
import { fixturePath } from './browser.ts';
import { framesReceived } from './listening.ts';

/**
 * The steps of a full session, through what a parent touches, shared by the privacy and
 * Content-Security-Policy tests: monitor with the microphone, look with the camera, analyse a
 * recording, and export the history as a spreadsheet.
 */

/** Spectrogram frames (16 ms each) that show the microphone path is really running. */
const MONITOR_FRAMES = 150;
const FACE_TIMEOUT_MS = 45_000;
const ANALYSE_TIMEOUT_MS = 45_000;

/** Chromium flags: the fake microphone plays `wav`, the fake camera plays `video`, permission granted. */
export function fakeMicrophoneAndCameraArgs(wav: string, video: string): string[] {
  return [
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-audio-capture=${wav}`,
    `--use-file-for-fake-video-capture=${video}`,
  ];
}

export async function startMonitoring(page: Page): Promise<void> {
  await page.getByTestId('listen-button').click();
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'listening');
  await expect.poll(() => framesReceived(page), { timeout: 15_000 }).toBeGreaterThanOrEqual(MONITOR_FRAMES);
}

export async function turnCameraOnUntilFaceSeen(page: Page): Promise<void> {
  await page.getByTestId('camera-toggle').click();
  await expect(page.getByTestId('face-status')).toHaveAttribute('data-status', 'face-visible', { timeout: FACE_TIMEOUT_MS });
}

/** Picks a committed WAV fixture in "Analyse a recording" and waits for the answer. */
export async function analyseFixture(page: Page, fixture: string): Promise<void> {
  await page.getByTestId('analyse-file-input').setInputFiles(fixturePath(fixture));
  await expect(page.getByTestId('analyse-screen')).toHaveAttribute('data-phase', 'done', { timeout: ANALYSE_TIMEOUT_MS });
  await expect(page.getByTestId('analyse-verdict')).toBeVisible();
}

/** Opens History → Data, exports every baby's CSV, returns its bytes, and goes back to the monitor. */
export async function exportCsvFromHistory(page: Page): Promise<Buffer> {
  await page.getByTestId('tab-history').click();
  await page.getByRole('tab', { name: 'Data' }).click();
  await page.getByLabel('Baby').selectOption({ label: 'All babies' });
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await (await download).createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of file) chunks.push(chunk as Buffer);
  await page.getByTestId('tab-monitor').click();
  return Buffer.concat(chunks);
}
