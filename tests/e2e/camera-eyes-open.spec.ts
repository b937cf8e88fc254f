import { expect, test } from '@playwright/test';
import { chromiumLaunchOptions } from './browser.ts';
import { fakeCameraArgs, makeAstronautVideo } from './camera-videos.ts';
import { expectEyes } from './camera-eyes.ts';

test.use({ launchOptions: chromiumLaunchOptions(fakeCameraArgs(makeAstronautVideo())) });

test('a fake camera of the open-eyed portrait shows "Eyes open"', async ({ page }) => {
  const openness = await expectEyes(page, 'open', 'Eyes open');
  expect(openness).toBeGreaterThan(0.28);
});
