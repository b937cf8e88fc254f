import { expect, test } from '@playwright/test';
import { chromiumLaunchOptions } from './browser.ts';
import { fakeCameraArgs, makeAstronautEyesShutVideo } from './camera-videos.ts';
import { expectEyes } from './camera-eyes.ts';

test.use({ launchOptions: chromiumLaunchOptions(fakeCameraArgs(makeAstronautEyesShutVideo())) });

test('a fake camera of the portrait with her eyes painted shut shows "Eyes closed"', async ({ page }) => {
  const openness = await expectEyes(page, 'closed', 'Eyes closed');
  expect(openness).toBeLessThan(0.22);
});
