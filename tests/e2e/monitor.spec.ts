import { expect, test, type Page } from '@playwright/test';
import { fakeMicrophoneArgs } from './browser.ts';
import { withBrowser } from './fresh-browser.ts';
import { fakeCameraArgs, makeAstronautVideo } from './camera-videos.ts';
import { makeCorruptWav, makeSilenceCrySilenceWav, type CrySequence } from './monitor-audio.ts';
import { openApp } from './first-run.ts';

const sequence: CrySequence = makeSilenceCrySilenceWav();
/** Models load, the cry plays from 4 s, the episode opens about 2 s into it. */
const EPISODE_OPEN_TIMEOUT_MS = 40_000;
/** The cry ends 12 s in; the episode closes 10 s of quiet later. */
const EPISODE_CLOSE_TIMEOUT_MS = 45_000;

/**
 * Starts listening and follows one cry episode from opening to closing. Returns the delay from
 * the cry's onset in the fake microphone's file to the first displayed need, in seconds of
 * stream time (the file starts playing when listening starts).
 */
interface OnsetLatency {
  /** First displayed need's window end minus the cry onset, in seconds of analysed audio. */
  streamSeconds: number;
  /** Wall-clock time from "listening" to the first displayed need, minus the onset, in seconds. */
  wallSeconds: number;
}

async function followOneEpisode(page: Page): Promise<OnsetLatency> {
  // Test-side stopwatch in the page: when listening starts and when a need first shows.
  await page.evaluate(() => {
    const marks: Record<string, number> = {};
    (window as unknown as { crydecodeTestMarks: Record<string, number> }).crydecodeTestMarks = marks;
    new MutationObserver(() => {
      if (marks.listening === undefined && document.querySelector('[data-testid="status"][data-status="listening"]')) marks.listening = performance.now();
      if (marks.need === undefined && document.querySelector('[data-testid="need-answer"]')) marks.need = performance.now();
      // The top line and the result card must never say different things about crying.
      const top = document.querySelector('[data-testid="cry-state"]')?.getAttribute('data-crying');
      const card = document.querySelector('[data-testid="result-card"]')?.getAttribute('data-cry-state');
      if (top !== undefined && top !== null && card !== undefined && card !== 'waiting') {
        marks.compared = (marks.compared ?? 0) + 1;
        if ((top === 'true') !== (card === 'crying')) marks.disagreements = (marks.disagreements ?? 0) + 1;
      }
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  await page.getByTestId('listen-button').click();
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'listening');

  // Read the stream time in the very DOM update that first shows a need (polled every animation frame).
  const firstNeed = await page.waitForFunction(
    () => (document.querySelector('[data-testid="need-answer"]') ? document.querySelector('[data-testid="result-card"]')?.getAttribute('data-time-seconds') : null),
    undefined,
    { polling: 'raf', timeout: EPISODE_OPEN_TIMEOUT_MS },
  );
  const firstNeedStreamSeconds = Number(await firstNeed.jsonValue());
  const answer = page.getByTestId('need-answer');
  // The sound's need is at chance by its model card and no face need head ships, and this fresh
  // phone has no care log: nothing may name a need, so the monitor says "not sure" and why (issue 11).
  await expect(answer).toHaveText('Not sure what it is');
  await expect(answer).toHaveAttribute('data-not-sure', 'true');
  await expect(page.locator('[data-testid="left-out"][data-source="audio"]')).toContainText('includes chance');
  await expect(page.getByTestId('context-reason')).toHaveText('No feeds logged yet');
  // No bar claims a percentage that nothing informed.
  const percents = await page.locator('[data-testid^="need-bar-"]').evaluateAll((bars) => bars.map((bar) => bar.getAttribute('data-percent')));
  expect(percents).toEqual(['', '', '', '']);
  await expect(page.getByTestId('suggestions')).toHaveAttribute('data-general', 'true');

  await expect(page.getByTestId('suggestions')).toBeVisible();
  await expect(page.getByTestId('try-first')).toHaveCount(2);
  await expect(page.getByTestId('try-first').first()).toBeVisible();
  await page.getByTestId('serious').click();
  await expect(page.getByTestId('red-flags')).toBeVisible();
  await expect(page.getByTestId('red-flags')).toContainText('38 °C');

  const banner = page.getByTestId('episode-banner');
  await expect(banner).toHaveAttribute('data-state', 'open', { timeout: EPISODE_OPEN_TIMEOUT_MS });
  await expect(banner).toHaveText(/^for \d+:\d\d$/);
  await expect(page.getByTestId('cry-state')).toHaveText(/^Crying/);
  await expect(banner).toHaveAttribute('data-state', 'ended', { timeout: EPISODE_CLOSE_TIMEOUT_MS });
  await expect(banner).toContainText('Last cry lasted');
  await expect(page.getByTestId('cry-state')).toHaveText('Not crying');
  await expect(page.getByTestId('cry-state')).toHaveAttribute('data-crying', 'false');
  const marks = await page.evaluate(() => (window as unknown as { crydecodeTestMarks: Record<string, number> }).crydecodeTestMarks);
  expect(marks.compared).toBeGreaterThan(20);
  expect(marks.disagreements ?? 0).toBe(0);
  const wallSeconds = ((marks.need ?? Number.NaN) - (marks.listening ?? Number.NaN)) / 1000 - sequence.cryOnsetSeconds;
  return { streamSeconds: firstNeedStreamSeconds - sequence.cryOnsetSeconds, wallSeconds };
}

function report(label: string, latency: OnsetLatency): void {
  const text = `stream ${latency.streamSeconds.toFixed(2)} s, wall clock ${latency.wallSeconds.toFixed(2)} s`;
  test.info().annotations.push({ type: `cry onset → first displayed need (${label})`, description: text });
  console.log(`cry onset → first displayed need, ${label}: ${text}`);
}

test.describe('monitor', () => {
  test.setTimeout(120_000);

  test('audio only: a cry opens an episode with a need, suggestions and red flags, and quiet closes it', async () => {
    await withBrowser(fakeMicrophoneArgs(sequence.file), async (page) => {
      await openApp(page);
      const latency = await followOneEpisode(page);
      report('audio only', latency);
      expect(latency.streamSeconds).toBeGreaterThan(0);
      expect(latency.streamSeconds).toBeLessThan(5);
      expect(latency.wallSeconds).toBeLessThan(6);
    });
  });

  test('camera on: the same episode; neither the chance-level sound nor the face (no need head) names a need', async () => {
    await withBrowser([...fakeMicrophoneArgs(sequence.file), ...fakeCameraArgs(makeAstronautVideo())], async (page) => {
      await openApp(page);
      await page.getByTestId('camera-toggle').click();
      await expect(page.getByTestId('camera-toggle')).toHaveAttribute('data-camera-status', 'on', { timeout: 30_000 });
      const latency = await followOneEpisode(page);
      report('camera on', latency);
      expect(latency.streamSeconds).toBeLessThan(5);
      expect(latency.wallSeconds).toBeLessThan(6);
    });
  });
});

test.describe('analyse a recording', () => {
  test.setTimeout(90_000);

  test('a clip shows its timeline, crying segment and overall need', async ({ page }) => {
    await openApp(page);
    await page.getByTestId('analyse-file-input').setInputFiles(sequence.file);
    const result = page.getByTestId('analyse-result');
    await expect(result).toBeVisible({ timeout: 60_000 });
    const timeline = page.getByTestId('timeline');
    await expect(timeline).toBeVisible();
    expect(Number(await timeline.getAttribute('data-points'))).toBeGreaterThan(40);
    await expect(timeline).toHaveAttribute('data-segments', '1');
    await expect(page.getByTestId('timeline-segments')).toContainText('0:0');
    await expect(page.getByTestId('analyse-verdict')).toContainText('Crying in 1 segment');
    await expect(page.getByTestId('analyse-need')).toBeVisible();
    await expect(page.getByTestId('suggestions')).toBeVisible();
  });

  test('a corrupt file gets a clear message, not a hang', async ({ page }) => {
    await openApp(page);
    await page.getByTestId('analyse-file-input').setInputFiles(makeCorruptWav());
    await expect(page.getByTestId('analyse-error')).toContainText('could not be read', { timeout: 15_000 });
    await expect(page.getByTestId('analyse-screen')).toHaveAttribute('data-phase', 'error');
  });

  test('an empty file is refused at once', async ({ page }) => {
    await openApp(page);
    await page.getByTestId('analyse-file-input').setInputFiles({ name: 'empty.wav', mimeType: 'audio/wav', buffer: Buffer.alloc(0) });
    await expect(page.getByTestId('analyse-error')).toContainText('is empty');
  });
});
