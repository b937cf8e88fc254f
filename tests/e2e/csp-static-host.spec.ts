import { skipFirstRun } from './first-run.ts';
import { expect, test } from '@playwright/test';
import { chromiumLaunchOptions, fixturePath } from './browser.ts';
import { makeAstronautVideo } from './camera-videos.ts';
import { analyseFixture, fakeMicrophoneAndCameraArgs, startMonitoring, turnCameraOnUntilFaceSeen } from './full-session.ts';
import { distDir, startStaticServer, type ServedRequest, type StaticServer } from './static-server.ts';

/**
 * On a plain static host, which sends no Content-Security-Policy header, the policy still binds
 * every worker: the audio, vision and recording workers each try a fetch to another site, and
 * none reaches it. (The <meta> policy of index.html alone covers only the page; the workers
 * inherit it because they start from blob: wrappers, src/capture/start-worker.ts.)
 */
test.use({ launchOptions: chromiumLaunchOptions(fakeMicrophoneAndCameraArgs(fixturePath('cry-48k.wav'), makeAstronautVideo())), serviceWorkers: 'block' });

let app: StaticServer;
let otherSite: StaticServer;
const otherSiteRequests: ServedRequest[] = [];

test.beforeAll(async () => {
  app = await startStaticServer(distDir());
  otherSite = await startStaticServer(distDir(), { log: otherSiteRequests });
});

test.afterAll(async () => {
  await app.close();
  await otherSite.close();
});

test('every worker is held to the policy without a server header: a fetch to another site is blocked', async ({ page }) => {
  test.setTimeout(150_000);
  const pageErrors: Error[] = [];
  page.on('pageerror', (error) => pageErrors.push(error));
  const response = await page.goto(`${app.origin}/`);
  await skipFirstRun(page);
  expect(response?.headers()['content-security-policy']).toBeUndefined();

  // The whole app runs under the policy from the <meta> alone: listening, the camera, a recording.
  await startMonitoring(page);
  await turnCameraOnUntilFaceSeen(page);
  await analyseFixture(page, 'cry-48k.wav');
  expect(pageErrors).toEqual([]);

  const outcomes: Record<string, string> = {};
  for (const worker of page.workers()) {
    // Named since they start from blob: wrappers; before, the script's URL told them apart.
    const name = (await worker.evaluate(() => self.name)) || (/(audio|vision|recording)\.worker/.exec(worker.url())?.[1] ?? worker.url());
    outcomes[name] = await worker.evaluate(
      (url) =>
        fetch(url, { mode: 'no-cors' }).then(
          () => 'reached the other site',
          () => 'blocked',
        ),
      `${otherSite.origin}/from-${name}-worker`,
    );
  }
  expect(outcomes).toMatchObject({ audio: 'blocked', vision: 'blocked', recording: 'blocked' });
  // The page too, as before; and nothing arrived at the other site from anyone.
  expect(await page.evaluate((url) => fetch(url, { mode: 'no-cors' }).then(() => 'reached', () => 'blocked'), `${otherSite.origin}/from-page`)).toBe('blocked');
  expect(otherSiteRequests).toEqual([]);
});
