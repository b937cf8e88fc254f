import { expect, type Page } from '@playwright/test';
import { openApp } from './first-run.ts';
import { offOrigin, recordRequests } from './camera-videos.ts';

const EYES_TIMEOUT_MS = 60_000;

/** Turns the camera on, waits for the eye reading `state` with `text`, checks the eye nets came from the app's origin; returns the openness shown. */
export async function expectEyes(page: Page, state: 'open' | 'closed', text: string): Promise<number> {
  const requests = recordRequests(page);
  const pageErrors: Error[] = [];
  page.on('pageerror', (error) => pageErrors.push(error));
  await openApp(page);
  const origin = new URL(page.url()).origin;
  await page.getByTestId('camera-toggle').click();
  await expect(page.getByTestId('face-status')).toHaveAttribute('data-status', 'face-visible', { timeout: EYES_TIMEOUT_MS });
  const eyes = page.getByTestId('face-eyes');
  await expect(eyes).toHaveAttribute('data-eyes', state, { timeout: EYES_TIMEOUT_MS });
  await expect(eyes).toHaveText(text);
  const openness = Number(await eyes.getAttribute('data-openness'));
  console.log(`eyes ${state}: openness ${openness}`);
  await page.getByTestId('camera-toggle').click();
  expect(requests.some((u) => u.endsWith('/models/vision/eyes/iris.json'))).toBe(true);
  expect(requests.some((u) => u.endsWith('/models/vision/eyes/facemesh.bin'))).toBe(true);
  expect(offOrigin(requests, origin)).toEqual([]);
  expect(pageErrors).toEqual([]);
  return openness;
}
