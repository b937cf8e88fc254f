import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { chromiumLaunchOptions, fixturePath } from './browser.ts';
import { fakeCameraArgs, makeAstronautVideo, offOrigin, PORTRAIT_LEFT_PX, recordRequests } from './camera-videos.ts';
import { openApp } from './first-run.ts';

/** The detected face may move this many pixels from the recorded fixture box (video rounding). */
const BOX_TOLERANCE_PX = 12;
const FACE_TIMEOUT_MS = 45_000;
/** Frames analysed between the two tensor counts of the leak check. */
const LEAK_CHECK_FRAMES = 8;

test.use({ launchOptions: chromiumLaunchOptions(fakeCameraArgs(makeAstronautVideo())) });

interface FaceBoxFixture {
  face: { x: number; y: number; width: number; height: number };
  crop: { x: number; y: number; side: number };
}

test('the camera finds the face, shows the crop and a distress hint, and talks to nothing outside the app', async ({ page }) => {
  const requests = recordRequests(page);
  const pageErrors: Error[] = [];
  page.on('pageerror', (error) => pageErrors.push(error));
  await openApp(page);
  const origin = new URL(page.url()).origin;
  await page.getByTestId('camera-toggle').click();
  const status = page.getByTestId('face-status');
  await expect(status).toHaveAttribute('data-status', 'face-visible', { timeout: FACE_TIMEOUT_MS });
  await expect(page.getByTestId('face-crop')).toBeVisible();
  await expect(page.getByTestId('face-distress')).toHaveAttribute('data-distress', /^(0|1)\.\d{3}$/);
  await expect(page.getByTestId('face-needs')).toContainText('says nothing about needs');

  // The detector's box matches the one recorded in the fixture the converter measures distress on.
  const fixture = JSON.parse(readFileSync(fixturePath('astronaut-face-box.json'), 'utf8')) as FaceBoxFixture;
  const [x = NaN, y = NaN, width = NaN, height = NaN] = (await status.getAttribute('data-face'))?.split(',').map(Number) ?? [];
  console.log(`detected face box in the portrait: ${x - PORTRAIT_LEFT_PX},${y},${width},${height}; crop ${await status.getAttribute('data-crop')}`);
  expect(Math.abs(x - PORTRAIT_LEFT_PX - fixture.face.x)).toBeLessThan(BOX_TOLERANCE_PX);
  expect(Math.abs(y - fixture.face.y)).toBeLessThan(BOX_TOLERANCE_PX);
  expect(Math.abs(width - fixture.face.width)).toBeLessThan(BOX_TOLERANCE_PX);
  expect(Math.abs(height - fixture.face.height)).toBeLessThan(BOX_TOLERANCE_PX);

  // The thumbnail holds a picture, not an empty canvas.
  const thumbnailSpread = await page.getByTestId('face-crop').evaluate((canvas: HTMLCanvasElement) => {
    const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? new Uint8ClampedArray();
    let min = 255;
    let max = 0;
    for (let i = 0; i < data.length; i += 4) {
      min = Math.min(min, data[i] ?? 0);
      max = Math.max(max, data[i] ?? 0);
    }
    return max - min;
  });
  expect(thumbnailSpread).toBeGreaterThan(100);

  // Many frames later, the worker holds exactly as many tensors as after the first: nothing leaks.
  const tensorsEarly = await status.getAttribute('data-live-tensors');
  const resultsEarly = Number(await status.getAttribute('data-results'));
  await expect.poll(async () => Number(await status.getAttribute('data-results')), { timeout: FACE_TIMEOUT_MS }).toBeGreaterThan(resultsEarly + LEAK_CHECK_FRAMES);
  expect(Number(tensorsEarly)).toBeGreaterThan(0);
  await expect(status).toHaveAttribute('data-live-tensors', tensorsEarly ?? '');

  await page.getByTestId('camera-toggle').click();
  await expect(page.getByTestId('camera-toggle')).toHaveAttribute('data-camera-status', 'off');
  expect(requests.some((u) => u.endsWith('.tflite'))).toBe(true);
  expect(requests.some((u) => u.includes('/mediapipe/vision_wasm_module_internal'))).toBe(true);
  expect(offOrigin(requests, origin)).toEqual([]);
  expect(pageErrors).toEqual([]);
});
