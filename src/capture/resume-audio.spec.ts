import { describe, expect, it } from 'vitest';
import { resumeWithin, type ResumableAudio } from './resume-audio.ts';

/** Audio whose resume() starts it after `startsAfterMs`, or never when null (no user gesture). */
function audioThatStarts(startsAfterMs: number | null, initial = 'suspended'): ResumableAudio & { resumeCalls: number } {
  const audio = {
    state: initial,
    resumeCalls: 0,
    resume(): Promise<void> {
      audio.resumeCalls++;
      if (startsAfterMs === null) return new Promise<void>(() => undefined);
      return new Promise<void>((resolve) =>
        setTimeout(() => {
          audio.state = 'running';
          resolve();
        }, startsAfterMs),
      );
    },
  };
  return audio;
}

describe('resumeWithin', () => {
  it('reports running audio at once', async () => {
    const audio = audioThatStarts(null, 'running');
    expect(await resumeWithin(audio, 1000)).toBe(true);
    expect(audio.resumeCalls).toBe(0);
  });

  it('waits for audio that starts in time', async () => {
    expect(await resumeWithin(audioThatStarts(5), 1000)).toBe(true);
  });

  it('gives up on a resume that never settles, so the app can ask for a tap', async () => {
    const started = Date.now();
    expect(await resumeWithin(audioThatStarts(null), 30)).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('treats a rejected resume or a closed context as not running', async () => {
    const rejecting: ResumableAudio = { state: 'suspended', resume: () => Promise.reject(new Error('not allowed')) };
    expect(await resumeWithin(rejecting, 1000)).toBe(false);
    expect(await resumeWithin(audioThatStarts(1, 'closed'), 1000)).toBe(false);
  });
});
