import { openApp, skipFirstRun } from './first-run.ts';
import { expect, test, type Page } from '@playwright/test';
import { fakeMicrophoneArgs } from './browser.ts';
import { withBrowser } from './fresh-browser.ts';
import { laughSpan, makeLaughsWav } from './laugh-audio.ts';

/** The monitor's episode openings and the stream time, sampled in the page (a laugh's episode can open and close between two test steps). */
async function recordEpisodes(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { openedAt: number[]; streamSeconds: number };
    w.openedAt = [];
    w.streamSeconds = 0;
    let last = 'none';
    const tick = (): void => {
      const state = document.querySelector('[data-testid="episode-banner"]')?.getAttribute('data-state') ?? 'none';
      w.streamSeconds = Number(document.querySelector('[data-testid="verdict"]')?.getAttribute('data-time-seconds') || w.streamSeconds);
      if (state === 'open' && last !== 'open') w.openedAt.push(w.streamSeconds);
      last = state;
      requestAnimationFrame(tick);
    };
    tick();
  });
}

const openings = (page: Page): Promise<number[]> => page.evaluate(() => (window as unknown as { openedAt: number[] }).openedAt);
const streamSeconds = (page: Page): Promise<number> => page.evaluate(() => (window as unknown as { streamSeconds: number }).streamSeconds);

async function learned(page: Page): Promise<number> {
  return Number(await page.getByTestId('learned-count').getAttribute('data-count'));
}

test.describe('"That wasn\'t crying"', () => {
  test.setTimeout(480_000);

  test('a held-out laugh-like sound opens no third episode once the parent marked those that opened; the learning survives a reload; Forget resets it', async () => {
    await withBrowser(fakeMicrophoneArgs(makeLaughsWav(3, 30)), async (page) => {
      await openApp(page, '/');
      await expect(page.getByTestId('learned-count')).toHaveAttribute('data-count', '0');
      await recordEpisodes(page);
      await page.getByTestId('listen-button').click();
      const correction = page.getByTestId('cry-correction');

      // The first two laughs: each one that opens an episode of its own is marked while it is open.
      let marked = 0;
      for (const i of [0, 1]) {
        const { start, end } = laughSpan(i);
        const before = (await openings(page)).length;
        await page.waitForFunction((until) => (window as unknown as { streamSeconds: number }).streamSeconds >= until, start, { timeout: 120_000 });
        await page.waitForFunction(
          ([count, until]) => {
            const w = window as unknown as { openedAt: number[]; streamSeconds: number };
            return w.openedAt.length > (count ?? 0) || w.streamSeconds >= (until ?? 0);
          },
          [before, end + 2],
          { timeout: 120_000 },
        );
        if ((await openings(page)).length > before && (await correction.getAttribute('data-target')) === 'open') {
          await correction.getByTestId('not-crying').click();
          await expect(correction).toHaveAttribute('data-correction', 'false-alarm');
          marked += 1;
          await expect(page.getByTestId('learned-count')).toHaveAttribute('data-count', String(marked));
        }
        await page.waitForFunction((until) => (window as unknown as { streamSeconds: number }).streamSeconds >= until, end + 2, { timeout: 120_000 });
      }
      const beforeThird = await openings(page);

      // The third laugh, never heard before by the app, opens no episode: either the detector never took
      // these laughs for crying (issue 12's first outcome), or the corrections of the first two stop it.
      const third = laughSpan(2);
      await page.waitForFunction((until) => (window as unknown as { streamSeconds: number }).streamSeconds >= until, third.end + 12, { timeout: 120_000 });
      const all = await openings(page);
      expect(all.filter((t) => t >= third.start - 1), `episodes opened at ${all.join(', ')} s`).toEqual([]);
      expect(await streamSeconds(page)).toBeGreaterThan(third.end);
      test.info().annotations.push({ type: 'laughs marked before the third', description: String(marked) }, { type: 'episodes opened (stream s)', description: all.join(', ') || 'none' });
      console.log(`laughs marked: ${marked}; episodes opened at ${all.join(', ') || 'none'} s (before the third: ${beforeThird.length})`);
      await page.getByTestId('listen-button').click();
      if (marked === 0) {
        // Nothing was taken for crying, so nothing was learned: the learning path is covered when the detector fires.
        expect(all).toEqual([]);
        return;
      }

      // The false alarms stay in the log, flagged; the learning survives a reload.
      await page.reload();
      await skipFirstRun(page);
      await expect(page.getByTestId('learned-count')).toHaveAttribute('data-count', String(marked), { timeout: 30_000 });
      expect(await learned(page)).toBe(marked);
      // In History the marked episodes are still there, flagged as false alarms.
      await page.getByTestId('tab-history').click();
      const flagged = page.locator('[data-testid="episode"][data-correction="false-alarm"]');
      await expect(flagged).toHaveCount(marked);
      await expect(flagged.first().getByTestId('false-alarm-flag')).toBeVisible();
      await page.getByTestId('tab-monitor').click();
      await page.getByTestId('forget-corrections').click();
      await expect(page.getByTestId('learned-count')).toHaveAttribute('data-count', '0');
      await page.reload();
      await skipFirstRun(page);
      await expect(page.getByTestId('learned-count')).toHaveAttribute('data-count', '0');

      // After Forget the same kind of laugh opens an episode again.
      await recordEpisodes(page);
      await page.getByTestId('listen-button').click();
      await expect(page.getByTestId('episode-banner')).toHaveAttribute('data-state', 'open', { timeout: 90_000 });
    });
  });
});
