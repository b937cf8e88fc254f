import { chromium, expect, test, type Browser } from '@playwright/test';
import { AUDIO_FEATURES } from '../../src/features/audio-config.ts';
import { chromiumLaunchOptions, E2E_BASE_URL, fakeMicrophoneArgs } from './browser.ts';
import { openApp } from './first-run.ts';
import { listen, type Listening } from './listening.ts';

/** How far the cry's mean log-Mel level must sit above the silent fixture's, in dB. */
const MIN_CRY_OVER_SILENCE_DB = 30;

/** Each fixture needs its own browser: the fake microphone's file is a launch flag. */
async function listenInFreshBrowser(wavFixture: string): Promise<Listening> {
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch(chromiumLaunchOptions(fakeMicrophoneArgs(wavFixture)));
    const page = await browser.newPage({ baseURL: E2E_BASE_URL });
    return await listen(page);
  } finally {
    await browser?.close();
  }
}

test('a cry at the microphone fills the spectrogram far above a silent room', async () => {
  const cry = await listenInFreshBrowser('cry-48k.wav');
  const silence = await listenInFreshBrowser('silence-48k.wav');

  // Digital silence lands exactly on the log floor; the cry lights up the bands.
  expect(silence.meanDb).toBeCloseTo(AUDIO_FEATURES.logFloorDb, 3);
  expect(cry.meanDb).toBeGreaterThan(silence.meanDb + MIN_CRY_OVER_SILENCE_DB);
  expect(silence.levelDbfs).toBeLessThanOrEqual(-100);
  expect(cry.levelDbfs).toBeGreaterThan(-60);

  // Nothing leaves the device: every request goes to the app's own origin.
  for (const url of [...cry.requestedUrls, ...silence.requestedUrls]) expect(new URL(url).origin).toBe(E2E_BASE_URL);
});

/**
 * Counts, in the page, the audio worker's spectrogram messages that carry frames to draw and
 * those that carry only the level (the display is off). Test instrumentation: it wraps the
 * handler the app sets on its workers, and changes nothing they receive.
 */
function countSpectrogramMessages(): void {
  const counts = { drawn: 0, levelOnly: 0 };
  (window as unknown as { spectrogramMessages: typeof counts }).spectrogramMessages = counts;
  const descriptor = Object.getOwnPropertyDescriptor(Worker.prototype, 'onmessage');
  if (descriptor?.set === undefined || descriptor.get === undefined) throw new Error('Worker.prototype.onmessage is not an accessor here');
  const accessor: PropertyDescriptor = descriptor;
  Object.defineProperty(Worker.prototype, 'onmessage', {
    configurable: true,
    get(this: Worker) {
      return accessor.get?.call(this) as unknown;
    },
    set(this: Worker, handler: ((event: MessageEvent) => void) | null) {
      accessor.set?.call(
        this,
        handler === null
          ? null
          : (event: MessageEvent<{ type?: string; frameCount?: number }>) => {
              if (event.data.type === 'spectrogram') {
                if ((event.data.frameCount ?? 0) > 0) counts.drawn += 1;
                else counts.levelOnly += 1;
              }
              handler.call(this, event);
            },
      );
    },
  });
}

test('spectrogram frames flow only while someone can see them: not with the screen dark, not with the panel closed', async () => {
  test.setTimeout(90_000);
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch(chromiumLaunchOptions(fakeMicrophoneArgs('cry-48k.wav')));
    const page = await browser.newPage({ baseURL: E2E_BASE_URL, viewport: { width: 390, height: 844 } });
    await page.addInitScript(countSpectrogramMessages);
    const counts = (): Promise<{ drawn: number; levelOnly: number }> => page.evaluate(() => ({ ...(window as unknown as { spectrogramMessages: { drawn: number; levelOnly: number } }).spectrogramMessages }));
    const framesReceived = async (): Promise<number> => Number(await page.getByTestId('spectrogram').getAttribute('data-frames-received'));

    /** Once the worker has switched to level-only updates, two more of them come and not one frame to draw. */
    async function expectNoFramesWhile(what: string): Promise<void> {
      await expect.poll(async () => (await counts()).levelOnly, { message: `${what}: level-only updates start`, timeout: 10_000 }).toBeGreaterThan(levelOnlySeen);
      const drawnThen = (await counts()).drawn;
      const levelOnlyThen = (await counts()).levelOnly;
      await expect.poll(async () => (await counts()).levelOnly, { message: `${what}: listening goes on`, timeout: 10_000 }).toBeGreaterThanOrEqual(levelOnlyThen + 2);
      expect((await counts()).drawn, `${what}: frames to draw`).toBe(drawnThen);
      levelOnlySeen = (await counts()).levelOnly;
    }

    await openApp(page);
    await page.getByTestId('sound-details').locator('summary').click();
    await page.getByTestId('listen-button').click();
    await expect.poll(async () => (await counts()).drawn, { timeout: 15_000 }).toBeGreaterThan(10);
    let levelOnlySeen = (await counts()).levelOnly;
    expect(levelOnlySeen).toBe(0);

    await page.getByTestId('screen-dark-button').click();
    await expect(page.getByTestId('screen-dark')).toBeVisible();
    await expectNoFramesWhile('screen dark');
    await expect(page.getByTestId('screen-dark')).toHaveAttribute('data-brief', /^(listening|crying)$/);

    const framesBeforeWake = await framesReceived();
    await page.getByTestId('screen-dark').click();
    const drawnAtWake = (await counts()).drawn;
    await expect.poll(async () => (await counts()).drawn, { message: 'awake: frames flow again' }).toBeGreaterThan(drawnAtWake + 5);
    // The frame count went on while dark (frames were analysed, just not drawn).
    expect(await framesReceived()).toBeGreaterThan(framesBeforeWake);

    await page.getByTestId('sound-details').locator('summary').click();
    await expectNoFramesWhile('panel closed');
    await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'listening');
  } finally {
    await browser?.close();
  }
});
