import { expect, test } from '@playwright/test';
import { chromiumLaunchOptions, fakeMicrophoneDeviceArgs } from './browser.ts';
import { listen } from './listening.ts';

test.use({ launchOptions: chromiumLaunchOptions(fakeMicrophoneDeviceArgs('cry-48k.wav')), permissions: ['microphone'] });

// Keeps every microphone track the app gets, so the test can kill the browser's real track the
// way other code, the system or a flaky driver would. The app's own code is not touched.
test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    const tracks: MediaStreamTrack[] = [];
    (globalThis as unknown as { __micTracks: MediaStreamTrack[] }).__micTracks = tracks;
    const devices = navigator.mediaDevices;
    const original = devices.getUserMedia.bind(devices);
    devices.getUserMedia = async (constraints?: MediaStreamConstraints) => {
      const stream = await original(constraints);
      tracks.push(...stream.getAudioTracks());
      return stream;
    };
  });
});

const kills = ['track.stop()', 'track.enabled = false', 'a mute event'] as const;

for (const name of kills) {
  test(`a microphone silenced by ${name} is reported within 5 seconds`, async ({ page }) => {
    await listen(page);
    await page.evaluate((kill) => {
      const track = (globalThis as unknown as { __micTracks: MediaStreamTrack[] }).__micTracks.at(-1);
      if (!track) throw new Error('no microphone track was captured');
      if (kill === 'track.stop()') track.stop();
      else if (kill === 'track.enabled = false') track.enabled = false;
      else track.dispatchEvent(new Event('mute'));
    }, name);
    const problem = page.getByTestId('problem');
    await expect(problem).toHaveAttribute('data-problem-code', 'microphone-silent', { timeout: 5000 });
    await expect(problem).toContainText('The microphone stopped sending sound');
    await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'idle');
  });
}
