import { describe, expect, it } from 'vitest';
import type { NeedProbabilities } from '../models/needs.ts';
import { buildRecordingTimeline, type WindowReading } from './timeline.ts';

const HUNGRY: NeedProbabilities = [0.1, 0.7, 0.1, 0.1];
const TIRED: NeedProbabilities = [0.1, 0.1, 0.2, 0.6];

function windows(cry: readonly number[], needs: (i: number) => NeedProbabilities | null = () => HUNGRY): WindowReading[] {
  return cry.map((p, i) => ({ startSeconds: i * 0.5, endSeconds: 2 + i * 0.5, cryProbability: p, needProbabilities: needs(i) }));
}

const thresholds = { cryThreshold: 0.5, notSureThreshold: 0.5 };
const rep = (n: number, p: number): number[] => Array.from({ length: n }, () => p);

describe('buildRecordingTimeline', () => {
  it('finds each crying segment with its own need and an overall answer', () => {
    const cry = [...rep(4, 0), ...rep(8, 0.9), ...rep(24, 0), ...rep(8, 0.9), ...rep(4, 0)];
    const t = buildRecordingTimeline(windows(cry, (i) => (i < 20 ? HUNGRY : TIRED)), thresholds, 26);
    expect(t.points).toHaveLength(cry.length);
    expect(t.episodes.map((e) => e.topNeed)).toEqual(['hunger', 'tired']);
    expect(t.overall.episodeCount).toBe(2);
    expect(t.overall.peakCryProbability).toBe(0.9);
    expect(t.overall.cryingSeconds).toBeGreaterThan(6);
    // Equal crying time for both needs: hunger 0.4, tired 0.35 on average: not sure between them.
    expect(t.overall.assessment?.notSure).toBe(true);
    expect(t.overall.assessment?.candidates.map((c) => c.need)).toEqual(['hunger', 'tired']);
  });

  it('calls a burst too short for a segment a cry, with its need', () => {
    const t = buildRecordingTimeline(windows([0, 0, 0.95, 0.95, 0, 0, 0]), thresholds, 5);
    expect(t.episodes).toEqual([]);
    expect(t.overall.isCry).toBe(true);
    expect(t.overall.clipCryProbability).toBeCloseTo((0.95 * 2) / 3, 12);
    expect(t.overall.assessment?.topNeed).toBe('hunger');
  });

  it('closes a segment still open at the end of the recording', () => {
    const t = buildRecordingTimeline(windows([0, ...rep(6, 0.95)]), thresholds, 5);
    expect(t.episodes).toHaveLength(1);
    expect(t.episodes[0]?.endSeconds).toBe(5);
  });

  it('reports no crying, and no need, for a quiet recording', () => {
    const t = buildRecordingTimeline(windows(rep(10, 0.2)), thresholds, 6.5);
    expect(t.episodes).toEqual([]);
    expect(t.overall).toMatchObject({ episodeCount: 0, cryingSeconds: 0, isCry: false, needProbabilities: null, assessment: null });
    expect(t.overall.clipCryProbability).toBeCloseTo(0.2, 12);
    expect(t.points.every((p) => !p.crying)).toBe(true);
  });
});
