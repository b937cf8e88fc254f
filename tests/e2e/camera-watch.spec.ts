import { openApp } from './first-run.ts';
import { expect, test, type Page } from '@playwright/test';
import { withBrowser } from './fresh-browser.ts';
import { fakeCameraArgs, FFMPEG_PORTRAIT_AT, FFMPEG_PORTRAIT_PX, makeRotatedAstronautVideo, makeStillAstronautVideo, makeStillThenMovingVideo } from './camera-videos.ts';

/** Models load and the first frames are analysed within this. */
const FIRST_RESULT_TIMEOUT_MS = 45_000;
/** The face box in astronaut.png (tests/fixtures/astronaut-face-box.json): centre in the 512 px portrait. */
const FACE_CENTRE = { x: 179 + 47, y: 77 + 47 };
const PORTRAIT_SOURCE_PX = 512;
/** How far the found box's centre may be from where the turned face is, in frame pixels. */
const CENTRE_TOLERANCE_PX = 30;

/** Where the face's centre is once the portrait is scaled, turned `quarters` × 90° clockwise and padded (as ffmpeg made it). */
function turnedFaceCentre(quarters: 1 | 2): { x: number; y: number } {
  const k = FFMPEG_PORTRAIT_PX / PORTRAIT_SOURCE_PX;
  let x = FACE_CENTRE.x * k;
  let y = FACE_CENTRE.y * k;
  for (let i = 0; i < quarters; i++) [x, y] = [FFMPEG_PORTRAIT_PX - y, x];
  return { x: x + FFMPEG_PORTRAIT_AT.x, y: y + FFMPEG_PORTRAIT_AT.y };
}

async function faceCentre(page: Page): Promise<{ x: number; y: number } | null> {
  const box = await page.getByTestId('face-status').getAttribute('data-face', { timeout: 1000 }).catch(() => null);
  if (!box) return null;
  const [x = 0, y = 0, w = 0, h = 0] = box.split(',').map(Number);
  return { x: x + w / 2, y: y + h / 2 };
}

/** The sleep entries in the app's care log, read straight from IndexedDB. */
function sleepEntries(page: Page): Promise<{ time: number; endTime: number | null }[]> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('crydecode');
        open.onerror = () => reject(open.error ?? new Error('IndexedDB would not open'));
        open.onsuccess = () => {
          const db = open.result;
          const all = db.transaction('careEntries', 'readonly').objectStore('careEntries').getAll();
          all.onerror = () => reject(all.error ?? new Error('reading careEntries failed'));
          all.onsuccess = () => {
            const rows = all.result as { kind: string; deleted: boolean; time: number; endTime: number | null }[];
            resolve(rows.filter((r) => r.kind === 'sleep' && !r.deleted).map((r) => ({ time: r.time, endTime: r.endTime })));
            db.close();
          };
        };
      }),
  );
}

test.describe('the camera watches the cot', () => {
  test.setTimeout(150_000);

  test('faces turned a quarter and upside down are found where they are', async () => {
    await withBrowser(fakeCameraArgs(makeRotatedAstronautVideo()), async (page) => {
      await openApp(page, '/');
      await page.getByTestId('camera-toggle').click();
      for (const quarters of [1, 2] as const) {
        const expected = turnedFaceCentre(quarters);
        await expect
          .poll(
            async () => {
              const centre = await faceCentre(page);
              return centre !== null && Math.hypot(centre.x - expected.x, centre.y - expected.y) < CENTRE_TOLERANCE_PX;
            },
            { timeout: FIRST_RESULT_TIMEOUT_MS, message: `a face box centred near ${Math.round(expected.x)},${Math.round(expected.y)} (turned ${quarters * 90}°)` },
          )
          .toBe(true);
      }
    });
  });

  test('a still scene reads still, then movement reads moving', async () => {
    await withBrowser(fakeCameraArgs(makeStillThenMovingVideo(6, 6)), async (page) => {
      await openApp(page, '/');
      await page.getByTestId('camera-toggle').click();
      const motion = page.getByTestId('camera-motion');
      await expect(motion).toHaveAttribute('data-motion', 'still', { timeout: FIRST_RESULT_TIMEOUT_MS });
      await expect(motion).toHaveText('Still');
      await expect(motion).toHaveAttribute('data-motion', 'moving', { timeout: 20_000 });
      await expect(motion).toHaveText('Moving');
    });
  });

  test('a long still clip ends in "Looks asleep — log it?", and "Log it" writes the sleep into the care log', async () => {
    await withBrowser(fakeCameraArgs(makeStillAstronautVideo()), async (page) => {
      // Documented test-only parameter (README): "asleep" after 0.2 min of stillness instead of 15.
      await openApp(page, '/?sleepWatchMinutes=0.2,0.1');
      await expect(page.getByTestId('care-log')).toHaveAttribute('data-status', 'ready');
      await expect(page.getByTestId('care-sleep')).toHaveAttribute('data-asleep', 'false');

      // Drag a cot region over the picture; the app takes it.
      await page.getByTestId('camera-toggle').click();
      await expect(page.getByTestId('camera-motion')).toHaveAttribute('data-motion', 'still', { timeout: FIRST_RESULT_TIMEOUT_MS });
      const overlay = page.getByTestId('camera-overlay');
      // The camera sits below the fold of the one-screen monitor: scrolled to, as a parent would.
      await overlay.scrollIntoViewIfNeeded();
      const box = await overlay.boundingBox();
      if (box === null) throw new Error('The preview has no size.');
      await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.1);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5, { steps: 5 });
      await page.mouse.move(box.x + box.width * 0.8, box.y + box.height * 0.9, { steps: 5 });
      await page.mouse.up();
      await expect(page.getByTestId('camera-region')).toHaveAttribute('data-region', /^0\.(19|20)\d,0\.(09|10)\d,0\.(59|60)\d,0\.(79|80)\d$/);

      const proposal = page.getByTestId('sleep-watch-proposal');
      await expect(proposal).toHaveAttribute('data-kind', 'asleep', { timeout: 40_000 });
      await expect(proposal).toContainText(/Looks asleep since \d\d:\d\d — log it\?/);
      // Nothing was written before the tap.
      await expect(page.getByTestId('care-sleep')).toHaveAttribute('data-asleep', 'false');
      expect(await sleepEntries(page)).toEqual([]);

      await page.getByTestId('sleep-watch-confirm').click();
      await expect(proposal).toHaveCount(0);
      await expect(page.getByTestId('care-sleep')).toHaveAttribute('data-asleep', 'true');
      await expect(page.getByTestId('care-last')).toContainText(/Fell asleep at \d\d:\d\d/);
      await expect(page.getByTestId('sleep-watch-asleep')).toHaveText(/^Asleep (\d+ min|\d+ h \d+ min|\d+ h) \(camera\)$/);
      const entries = await sleepEntries(page);
      expect(entries).toHaveLength(1);
      expect(entries[0]?.endTime).toBeNull();
      // Dated to when the stillness began: before the tap, within the last minutes.
      expect(entries[0]?.time).toBeLessThan(Date.now());
      expect(entries[0]?.time).toBeGreaterThan(Date.now() - 5 * 60_000);
    });
  });
});
