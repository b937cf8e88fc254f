import { describe, expect, it } from 'vitest';
import { spectrogramColor, spectrogramIntensity, SPECTROGRAM_MAX_DB, SPECTROGRAM_MIN_DB } from './spectrogram-palette.ts';
import { meterFraction, METER_FLOOR_DBFS } from './level-scale.ts';
import type { EpisodeSummary } from '../fusion/episodes.ts';
import { monitorStatus } from './status-text.ts';

describe('spectrogram palette', () => {
  it('draws the floor as the background and loud bands brighter, monotonically', () => {
    expect(spectrogramColor(SPECTROGRAM_MIN_DB - 20)).toEqual([15, 20, 25]);
    expect(spectrogramColor(SPECTROGRAM_MAX_DB + 10)).toEqual([250, 240, 210]);
    let previousBrightness = -1;
    for (let db = SPECTROGRAM_MIN_DB; db <= SPECTROGRAM_MAX_DB; db += 5) {
      const brightness = spectrogramColor(db).reduce((sum, c) => sum + c, 0);
      expect(brightness).toBeGreaterThan(previousBrightness);
      previousBrightness = brightness;
    }
  });

  it('treats NaN as silence', () => {
    expect(spectrogramIntensity(Number.NaN)).toBe(0);
  });
});

describe('meterFraction', () => {
  it('maps the floor to empty, full scale to full and clamps beyond', () => {
    expect(meterFraction(METER_FLOOR_DBFS)).toBe(0);
    expect(meterFraction(-120)).toBe(0);
    expect(meterFraction(METER_FLOOR_DBFS / 2)).toBeCloseTo(0.5);
    expect(meterFraction(0)).toBe(1);
    expect(meterFraction(6)).toBe(1);
  });
});

describe('monitorStatus', () => {
  const READY = { kind: 'ready', backend: 'wasm', versions: {} } as const;
  const episode = { startSeconds: 10, endSeconds: 20, durationSeconds: 42 } as EpisodeSummary;

  it('a cry that has not opened an episode yet is "Crying", never beside "no crying episode"', () => {
    const status = monitorStatus({ status: 'listening', models: READY, reading: { crying: true, episode: null, timeSeconds: 5 }, lastEnded: null });
    expect(status).toMatchObject({ state: 'crying', headline: 'Crying' });
    expect(`${status.headline} ${status.detail}`).not.toMatch(/no crying|not crying|episode yet/i);
  });

  it('an open episode says how long, also in a pause for breath', () => {
    expect(monitorStatus({ status: 'listening', models: READY, reading: { crying: true, episode, timeSeconds: 22 }, lastEnded: null })).toEqual({
      state: 'crying',
      headline: 'Crying',
      detail: 'for 0:12',
    });
    expect(monitorStatus({ status: 'listening', models: READY, reading: { crying: false, episode, timeSeconds: 25 }, lastEnded: null }).state).toBe('crying');
  });

  it('never looks like monitoring when the cry model is missing or still loading', () => {
    const broken = monitorStatus({ status: 'listening', models: { kind: 'unavailable', reason: 'x' }, reading: null, lastEnded: null });
    expect(broken).toMatchObject({ state: 'broken', headline: 'Cry detection is not working' });
    expect(broken.detail).toMatch(/no cry can be detected/);
    expect(monitorStatus({ status: 'idle', models: { kind: 'unavailable', reason: 'x' }, reading: null, lastEnded: null }).state).toBe('broken');
    const loading = monitorStatus({ status: 'listening', models: { kind: 'loading', fraction: 0.42 }, reading: null, lastEnded: null });
    expect(loading.state).toBe('loading');
    expect(loading.detail).toMatch(/42%.*no cry can be detected yet/);
  });

  it('says what it does when not crying, idle or held back by the browser', () => {
    expect(monitorStatus({ status: 'listening', models: READY, reading: { crying: false, episode: null, timeSeconds: 3 }, lastEnded: episode }).detail).toBe('Last cry lasted 0:42. Calm now.');
    expect(monitorStatus({ status: 'listening', models: READY, reading: null, lastEnded: null }).state).toBe('waiting');
    expect(monitorStatus({ status: 'idle', models: READY, reading: null, lastEnded: null }).headline).toBe('Not listening');
    expect(monitorStatus({ status: 'suspended', models: READY, reading: null, lastEnded: null }).state).toBe('paused');
  });
});
