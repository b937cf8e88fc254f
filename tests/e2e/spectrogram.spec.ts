import { chromium, expect, test, type Browser } from '@playwright/test';
import { AUDIO_FEATURES } from '../../src/features/audio-config.ts';
import { chromiumLaunchOptions, E2E_BASE_URL, fakeMicrophoneArgs } from './browser.ts';
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
