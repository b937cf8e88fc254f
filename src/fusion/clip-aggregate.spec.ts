import { describe, expect, it } from 'vitest';
import { CRY_SMOOTHING_SECONDS } from './smoothing.ts';
import { aggregateClip, CLIP_CRY_SMOOTHING_SECONDS, smoothingWindowCount, trailingMovingAverage, type WindowPrediction } from './clip-aggregate.ts';
import type { NeedProbabilities } from '../domain/needs.ts';

const HOP = 0.5;
const HUNGER: NeedProbabilities = [0.1, 0.7, 0.1, 0.1];
const TIRED: NeedProbabilities = [0.1, 0.1, 0.1, 0.7];
const w = (cryProbability: number, needProbabilities: NeedProbabilities | null = null): WindowPrediction => ({ cryProbability, needProbabilities });

describe('smoothing', () => {
  it('uses the live monitor span', () => {
    expect(CLIP_CRY_SMOOTHING_SECONDS).toBe(CRY_SMOOTHING_SECONDS);
    expect(smoothingWindowCount(0.5)).toBe(3);
    expect(smoothingWindowCount(0.496)).toBe(3);
    expect(smoothingWindowCount(0.5, 1.5)).toBe(3);
    expect(smoothingWindowCount(5)).toBe(1);
  });

  it('averages the trailing span', () => {
    expect(trailingMovingAverage([3, 6, 9, 0], 3)).toEqual([3, 4.5, 6, 5]);
  });
});

describe('aggregateClip', () => {
  it('ignores a single loud window but catches a sustained cry anywhere', () => {
    const cough = aggregateClip([w(0), w(0), w(0.9), w(0), w(0)], 0.5, HOP);
    expect(cough.cryProbability).toBeCloseTo(0.3, 12);
    expect(cough.isCry).toBe(false);
    const lateCry = aggregateClip([w(0), w(0), w(0), w(0.8), w(0.9), w(0.7)], 0.5, HOP);
    expect(lateCry.cryProbability).toBeCloseTo(0.8, 12);
    expect(lateCry.isCry).toBe(true);
  });

  it('averages needs over crying windows only', () => {
    const clip = aggregateClip([w(0.1, TIRED), w(0.9, HUNGER), w(0.9, HUNGER), w(0.9, HUNGER)], 0.5, HOP);
    // Smoothed: 0.1, 0.5, 0.633, 0.9 → the last three are crying (≥ 0.5), all hungry.
    expect(clip.needSource).toBe('crying-windows');
    expect(clip.needWindows).toBe(3);
    clip.needProbabilities?.forEach((p, k) => expect(p).toBeCloseTo(HUNGER[k] ?? 0, 12));
  });

  it('falls back to all windows when none is crying, and to null without needs', () => {
    const quiet = aggregateClip([w(0.1, TIRED), w(0.1, HUNGER)], 0.5, HOP);
    expect(quiet.needSource).toBe('all-windows');
    expect(quiet.needProbabilities?.[1]).toBeCloseTo(0.4, 12);
    expect(quiet.needProbabilities?.[3]).toBeCloseTo(0.4, 12);
    expect(quiet.needProbabilities?.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 12);
    const noNeeds = aggregateClip([w(0.9), w(0.9)], 0.5, HOP);
    expect(noNeeds).toMatchObject({ needProbabilities: null, needSource: 'none', needWindows: 0, windows: 2 });
    expect(() => aggregateClip([], 0.5, HOP)).toThrow(/at least one window/);
  });

  it('gives a one-window clip its own probability', () => {
    expect(aggregateClip([w(0.42, HUNGER)], 0.5, HOP)).toMatchObject({ cryProbability: 0.42, isCry: false, needSource: 'all-windows' });
  });
});
