import { expect, test } from '@playwright/test';
import { fakeMicrophoneArgs } from './browser.ts';
import { withBrowser } from './fresh-browser.ts';
import { makeSilenceCrySilenceWav, type CrySequence } from './monitor-audio.ts';
import { openApp } from './first-run.ts';

const sequence: CrySequence = makeSilenceCrySilenceWav();
/** Models load, then the cry plays from 4 s into the file. */
const CRY_TIMEOUT_MS = 40_000;
/** The cry ends 12 s in; the episode closes 10 s of quiet later. */
const EPISODE_CLOSE_TIMEOUT_MS = 45_000;

test.describe('care log', () => {
  test.setTimeout(120_000);

  test('one-tap entries feed the context line and the need while crying, and survive a reload', async () => {
    await withBrowser(fakeMicrophoneArgs(sequence.file), async (page) => {
      await openApp(page);
      const care = page.getByTestId('care-log');
      await expect(care).toHaveAttribute('data-status', 'ready');
      await expect(page.getByTestId('context-feed')).toHaveText('No feed logged yet');

      // A feed 10 minutes ago, in two taps.
      await page.getByTestId('care-ten-minutes').click();
      await expect(page.getByTestId('care-ten-minutes')).toHaveAttribute('aria-pressed', 'true');
      await page.getByTestId('care-feed').click();
      await expect(page.getByTestId('care-last')).toHaveText(/^Logged: Fed at \d\d:\d\d · Undo$/);
      await expect(page.getByTestId('context-feed')).toHaveText(/^Last feed 1[01] min ago$/);
      // The offset was for that tap only.
      await expect(page.getByTestId('care-ten-minutes')).toHaveAttribute('aria-pressed', 'false');

      // A nappy, then Undo takes it back.
      await page.getByTestId('care-nappy').click();
      await page.getByTestId('care-nappy-both').click();
      await expect(page.getByTestId('context-nappy')).toHaveText(/^Last nappy [01] min ago$/);
      await page.getByTestId('care-undo').click();
      await expect(page.getByTestId('context-nappy')).toHaveCount(0);
      await expect(page.getByTestId('care-last')).toHaveCount(0);

      // Asleep now; a wake-up "10 min ago" would end the sleep before it began: refused, said why.
      await page.getByTestId('care-sleep').click();
      await expect(page.getByTestId('care-sleep')).toHaveAttribute('data-asleep', 'true');
      await expect(page.getByTestId('context-sleep')).toHaveText(/^Asleep [01] min$/);
      await page.getByTestId('care-ten-minutes').click();
      await page.getByTestId('care-sleep').click();
      await expect(page.getByTestId('care-error')).toContainText('The wake-up time is before the baby fell asleep. Check both times.');
      await expect(page.getByTestId('care-error')).toHaveAttribute('data-kind', 'input');
      await expect(page.getByTestId('care-sleep')).toHaveAttribute('data-asleep', 'true');

      // The wake-up now is accepted and clears the message.
      await page.getByTestId('care-ten-minutes').click();
      await expect(page.getByTestId('care-ten-minutes')).toHaveAttribute('aria-pressed', 'false');
      await page.getByTestId('care-sleep').click();
      await expect(page.getByTestId('care-sleep')).toHaveAttribute('data-asleep', 'false');
      await expect(page.getByTestId('care-error')).toHaveCount(0);
      await expect(page.getByTestId('care-last')).toHaveText(/^Logged: Woke up at \d\d:\d\d · Undo$/);
      await expect(page.getByTestId('context-sleep')).toHaveText(/^Awake [01] min$/);

      // The cry: the card shows the sound-based answer and, beside it, the need from the baby's day.
      await page.getByTestId('listen-button').click();
      await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'listening', { timeout: CRY_TIMEOUT_MS });
      await expect(page.getByTestId('result-card')).toHaveAttribute('data-cry-state', 'crying', { timeout: CRY_TIMEOUT_MS });
      const reason = page.getByTestId('context-reason');
      await expect(reason).toBeVisible();
      // A feed 10 min ago and a baby awake 0–1 min: the reason names one of them, in words.
      await expect(reason).toHaveText(/^(Last feed 1[01] min ago — babies this age usually feed about every .+|Awake [01] min — within the usual for this age, .+)/);
      await expect(page.getByTestId('context-estimate')).toHaveAttribute('data-top-need', /^(discomfort|hunger|pain|tired|)$/);
      await expect(page.getByTestId('need-answer')).toBeVisible();
      // The episode closes after the cry; it is saved to History for the parent's answer.
      await expect(page.getByTestId('episode-banner')).toHaveAttribute('data-state', 'ended', { timeout: EPISODE_CLOSE_TIMEOUT_MS });
      await page.getByTestId('listen-button').click();
      await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'idle');

      // Reload: the entries came from IndexedDB, not from the page.
      await page.reload();
      await expect(page.getByTestId('care-log')).toHaveAttribute('data-status', 'ready');
      await expect(page.getByTestId('context-feed')).toHaveText(/^Last feed 1[0-2] min ago$/);
      await expect(page.getByTestId('context-sleep')).toHaveText(/^Awake [0-2] min$/);
      await expect(page.getByTestId('context-nappy')).toHaveCount(0);
      await expect(page.getByTestId('care-sleep')).toHaveAttribute('data-asleep', 'false');
      await expect(page.getByTestId('care-learned')).toHaveCount(0);

      // "What it really was" in History teaches the context model; back on the monitor it says so.
      await page.getByTestId('tab-history').click();
      await page.getByRole('tab', { name: 'Cries' }).click();
      const episode = page.getByTestId('episode');
      await expect(episode).toHaveCount(1);
      await episode.getByRole('button', { name: 'Add note / what it was' }).click();
      await episode.getByLabel('What it really was').selectOption({ label: 'Hunger' });
      await episode.getByRole('button', { name: 'Save' }).click();
      await expect(episode).toContainText('Really:');
      await page.getByTestId('tab-monitor').click();
      await expect(page.getByTestId('care-learned')).toHaveAttribute('data-answers', '1');

      // Forget: the answer stays in History but is no longer learned from, also after a reload.
      await page.getByTestId('care-forget').click();
      await expect(page.getByTestId('care-learned')).toHaveCount(0);
      await page.reload();
      await expect(page.getByTestId('care-log')).toHaveAttribute('data-status', 'ready');
      await expect(page.getByTestId('context-feed')).toBeVisible();
      await expect(page.getByTestId('care-learned')).toHaveCount(0);
    });
  });
});
