import { expect, type Page } from '@playwright/test';
import { openApp } from './first-run.ts';

/** Frames covering ≈ 2.4 s of audio (16 ms each): enough to span the looped fixtures. */
export const FRAMES_TO_COLLECT = 150;

export interface Listening {
  framesReceived: number;
  /** Mean of every log-Mel value received, in dB, as the page reports it. */
  meanDb: number;
  levelDbfs: number;
  requestedUrls: string[];
}

export function framesReceived(page: Page): Promise<number> {
  return page
    .getByTestId('spectrogram')
    .getAttribute('data-frames-received')
    .then((value) => Number(value));
}

/** Opens the app, taps Start and waits until the spectrogram has received enough frames. */
export async function listen(page: Page): Promise<Listening> {
  const requestedUrls: string[] = [];
  page.on('request', (request) => requestedUrls.push(request.url()));
  await openApp(page);
  // The spectrogram is drawn (and its frames sent) only while its panel is open.
  await page.getByTestId('sound-details').locator('summary').click();
  await page.getByTestId('listen-button').click();
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'listening');
  await expect.poll(() => framesReceived(page), { timeout: 15_000 }).toBeGreaterThanOrEqual(FRAMES_TO_COLLECT);
  const spectrogram = page.getByTestId('spectrogram');
  return {
    framesReceived: await framesReceived(page),
    meanDb: Number(await spectrogram.getAttribute('data-mean-db')),
    levelDbfs: Number(await page.getByTestId('level-meter').getAttribute('data-level-dbfs')),
    requestedUrls,
  };
}
