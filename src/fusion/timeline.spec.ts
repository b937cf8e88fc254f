import { describe, expect, it } from 'vitest';
import type { NeedProbabilities } from '../domain/needs.ts';
import type { FaceFrameReading } from './face-summary.ts';
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

describe('buildRecordingTimeline with the pictures of a video', () => {
  const PAIN: NeedProbabilities = [0.1, 0.1, 0.7, 0.1];
  // Quiet 2 s, crying 4 s, quiet 12 s (windows end at 2, 2.5, …): one segment.
  const cry = [...rep(4, 0), ...rep(8, 0.9), ...rep(24, 0)];
  const durationSeconds = 2 + cry.length * 0.5;
  /** Two pictures a second over the whole recording; `face(t)` says what each one showed. */
  function pictures(face: (timeSeconds: number) => FaceFrameReading['status'], needs: NeedProbabilities | null = null): FaceFrameReading[] {
    return Array.from({ length: durationSeconds * 2 }, (_, i) => {
      const timeSeconds = 0.25 + i * 0.5;
      const status = face(timeSeconds);
      return { timeSeconds, status, distressScore: status === 'face-visible' ? 0.3 : null, needProbabilities: status === 'face-visible' ? needs : null };
    });
  }

  it('has no face lane and no face for a sound file', () => {
    const t = buildRecordingTimeline(windows(cry), thresholds, durationSeconds);
    expect(t.faceSpans).toBeNull();
    expect(t.overall.face).toBeNull();
    expect(t.episodes[0]?.face).toBeNull();
    expect(t.overall.contributed).toEqual(['audio']);
  });

  it('leaves an uninformed face (no need head) out of the need, while reporting it was seen', () => {
    const soundOnly = buildRecordingTimeline(windows(cry), thresholds, durationSeconds);
    const withFace = buildRecordingTimeline(windows(cry), thresholds, durationSeconds, pictures(() => 'face-visible'));
    expect(withFace.overall.needProbabilities).toEqual(soundOnly.overall.needProbabilities);
    expect(withFace.overall.contributed).toEqual(['audio']);
    expect(withFace.episodes.map((e) => e.needProbabilities)).toEqual(soundOnly.episodes.map((e) => e.needProbabilities));
    expect(withFace.episodes[0]?.contributed).toEqual(['audio']);
    expect(withFace.episodes[0]?.face).toMatchObject({ status: 'face-visible', needProbabilities: null });
    expect(withFace.episodes[0]?.face?.meanDistressScore).toBeCloseTo(0.3, 12);
    expect(withFace.overall.face).toMatchObject({ frames: durationSeconds * 2, faceVisibleFrames: durationSeconds * 2 });
    expect(withFace.faceSpans).toEqual([{ startSeconds: 0, endSeconds: durationSeconds, status: 'face-visible' }]);
  });

  it('fuses a face that has a need head with the sound, in each segment and overall', () => {
    const t = buildRecordingTimeline(windows(cry), thresholds, durationSeconds, pictures(() => 'face-visible', PAIN));
    expect(t.overall.contributed).toEqual(['audio', 'face']);
    // Mean of hunger (sound) and pain (face).
    [0.1, 0.4, 0.4, 0.1].forEach((p, i) => expect(t.overall.needProbabilities?.[i]).toBeCloseTo(p, 12));
    expect(t.episodes[0]?.contributed).toEqual(['audio', 'face']);
    t.episodes[0]?.perModality.face?.forEach((p, i) => expect(p).toBeCloseTo(PAIN[i] ?? NaN, 12));
  });

  it('gives each segment the face of its own pictures, and no need from pictures without a face', () => {
    const segmentStart = buildRecordingTimeline(windows(cry), thresholds, durationSeconds).episodes[0]?.startSeconds ?? NaN;
    // The face leaves the picture just before the sound of the segment's first crying window starts.
    const t = buildRecordingTimeline(
      windows(cry),
      thresholds,
      durationSeconds,
      pictures((s) => (s < segmentStart - 2 ? 'face-visible' : 'no-face'), PAIN),
    );
    expect(t.episodes).toHaveLength(1);
    expect(t.episodes[0]?.startSeconds).toBe(segmentStart);
    expect(t.episodes[0]?.face).toMatchObject({ status: 'no-face', faceVisibleFrames: 0, meanDistressScore: null });
    expect(t.overall.contributed).toEqual(['audio']);
    expect(t.overall.faceWhileCrying?.status).toBe('no-face');
    expect(t.faceSpans?.map((s) => s.status)).toEqual(['face-visible', 'no-face']);
  });
});
