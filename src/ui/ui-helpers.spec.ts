import { describe, expect, it } from 'vitest';
import { spectrogramColor, spectrogramIntensity, SPECTROGRAM_MAX_DB, SPECTROGRAM_MIN_DB } from './spectrogram-palette.ts';
import { meterFraction, METER_FLOOR_DBFS } from './level-scale.ts';
import { statusText } from './status-text.ts';

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

describe('statusText', () => {
  it('says whether it listens and whether the models can answer', () => {
    expect(statusText('idle', { kind: 'ready', backend: 'wasm', versions: {} })).toMatch(/Not listening/);
    expect(statusText('listening', { kind: 'loading', fraction: 0.42 })).toMatch(/42%/);
    expect(statusText('listening', { kind: 'unavailable', reason: 'x' })).toMatch(/sound only/);
    expect(statusText('suspended', { kind: 'ready', backend: 'wasm', versions: {} })).toMatch(/tap to start audio/);
  });
});
