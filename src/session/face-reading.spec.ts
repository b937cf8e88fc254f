import { describe, expect, it } from 'vitest';
import { fuse } from '../fusion/fuse.ts';
import type { NeedProbabilities } from '../domain/needs.ts';
import { faceReadingFromVision } from './face-reading.ts';

const versions = { 'vision-trunk': 'sha256:0123456789ab' };
const faceNeeds: NeedProbabilities = [0.1, 0.2, 0.3, 0.4];
const audioNeeds: NeedProbabilities = [0.5, 0.3, 0.1, 0.1];

function fusedSenses(reading: ReturnType<typeof faceReadingFromVision>): readonly string[] {
  return fuse({
    audio: { present: true, needProbabilities: audioNeeds },
    face: { present: reading.faceVisible, needProbabilities: reading.needProbabilities },
  }).contributed;
}

describe('faceReadingFromVision', () => {
  it('passes a usable face with a need head on, with the models that read it', () => {
    const reading = faceReadingFromVision({ status: 'face-visible', needProbabilities: faceNeeds, timestampMs: 1234.5 }, versions);
    expect(reading).toEqual({ faceVisible: true, needProbabilities: faceNeeds, capturedAtMs: 1234.5, modelVersions: versions });
    expect(fusedSenses(reading)).toEqual(['audio', 'face']);
  });

  it('keeps a visible face without a need head uninformed, so fusion leaves it out', () => {
    const reading = faceReadingFromVision({ status: 'face-visible', needProbabilities: null, timestampMs: 0 }, versions);
    expect(reading.faceVisible).toBe(true);
    expect(reading.needProbabilities).toBeNull();
    expect(fusedSenses(reading)).toEqual(['audio']);
  });

  it.each(['no-face', 'too-dark', 'too-far', 'blurry'] as const)('treats a %s picture as no face', (status) => {
    const reading = faceReadingFromVision({ status, needProbabilities: faceNeeds, timestampMs: 0 }, versions);
    expect(reading).toMatchObject({ faceVisible: false, needProbabilities: null });
    expect(fusedSenses(reading)).toEqual(['audio']);
  });
});
