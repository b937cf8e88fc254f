import { describe, expect, it } from 'vitest';
import { DEAD_SILENCE_MS, MicrophoneHealth, MUTE_GRACE_MS, type TrackSample } from './microphone-health.ts';

const alive: TrackSample = { readyState: 'live', enabled: true, muted: false, peak: 0.01 };

describe('MicrophoneHealth', () => {
  it('a live microphone hearing a quiet room stays alive', () => {
    const health = new MicrophoneHealth();
    for (let t = 0; t < 120_000; t += 1000) expect(health.check({ ...alive, peak: 1e-4 }, t)).toBeNull();
  });

  it('a stopped or disabled track is dead at the next check', () => {
    expect(new MicrophoneHealth().check({ ...alive, readyState: 'ended' }, 0)).toBe('stopped');
    expect(new MicrophoneHealth().check({ ...alive, enabled: false }, 0)).toBe('disabled');
  });

  it('a mute is forgiven for a moment, then reported; an unmute in time resets it', () => {
    const health = new MicrophoneHealth();
    expect(health.check({ ...alive, muted: true }, 0)).toBeNull();
    expect(health.check(alive, MUTE_GRACE_MS - 1)).toBeNull();
    expect(health.check({ ...alive, muted: true }, MUTE_GRACE_MS)).toBeNull();
    expect(health.check({ ...alive, muted: true }, 2 * MUTE_GRACE_MS)).toBe('muted');
  });

  it('exact digital silence for too long is dead; any sound resets the count', () => {
    const health = new MicrophoneHealth();
    expect(health.check({ ...alive, peak: 0 }, 0)).toBeNull();
    expect(health.check({ ...alive, peak: 0 }, DEAD_SILENCE_MS - 1)).toBeNull();
    expect(health.check(alive, DEAD_SILENCE_MS)).toBeNull();
    expect(health.check({ ...alive, peak: 0 }, DEAD_SILENCE_MS + 1)).toBeNull();
    expect(health.check({ ...alive, peak: 0 }, 2 * DEAD_SILENCE_MS + 1)).toBe('silent');
  });
});
