import { describe, expect, it } from 'vitest';
import { NEEDS } from '../domain/needs.ts';
import { MAX_NOT_SURE_THRESHOLD, parseAudioModelMetadata, WINDOW_NORMALIZATION } from './audio-model-metadata.ts';

const metadata = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  version: 'audio@test',
  frames: 124,
  melBands: 40,
  normalization: WINDOW_NORMALIZATION,
  needTemperature: 1.2,
  cryThreshold: 0.73,
  notSureThreshold: 1,
  needs: [...NEEDS],
  ...overrides,
});

describe('parseAudioModelMetadata: the one reader of the shipped thresholds', () => {
  it('reads the thresholds the app judges with', () => {
    expect(parseAudioModelMetadata(metadata())).toMatchObject({ cryThreshold: 0.73, notSureThreshold: 1 });
  });

  it('accepts a not-sure threshold a little above 1 (the trainer\'s "never sure"), and no more', () => {
    expect(parseAudioModelMetadata(metadata({ notSureThreshold: 1.01 })).notSureThreshold).toBe(1.01);
    expect(() => parseAudioModelMetadata(metadata({ notSureThreshold: MAX_NOT_SURE_THRESHOLD + 0.1 }))).toThrow(/notSureThreshold/);
    expect(() => parseAudioModelMetadata(metadata({ notSureThreshold: -0.1 }))).toThrow(/notSureThreshold/);
  });

  it('refuses a cry threshold outside 0–1 or missing, saying which field', () => {
    expect(() => parseAudioModelMetadata(metadata({ cryThreshold: 1.2 }))).toThrow(/cryThreshold/);
    expect(() => parseAudioModelMetadata(metadata({ cryThreshold: undefined }))).toThrow(/cryThreshold/);
  });
});
