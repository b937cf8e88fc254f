import { describe, expect, it } from 'vitest';
import type { NeedProbabilities } from '../domain/needs.ts';
import { faceFrameReading, faceSpans, readingsBetween, summarizeFaces, type FaceFrameReading } from './face-summary.ts';

const PAIN: NeedProbabilities = [0.1, 0.1, 0.7, 0.1];
const TIRED: NeedProbabilities = [0.1, 0.1, 0.2, 0.6];

function visible(timeSeconds: number, distressScore: number | null = 0.5, needProbabilities: NeedProbabilities | null = null): FaceFrameReading {
  return { timeSeconds, status: 'face-visible', distressScore, needProbabilities };
}
function noFace(timeSeconds: number): FaceFrameReading {
  return { timeSeconds, status: 'no-face', distressScore: null, needProbabilities: null };
}

describe('faceFrameReading', () => {
  it('keeps the distress score and need of a readable face', () => {
    expect(faceFrameReading(1.5, { status: 'face-visible', distressScore: 0.8, needProbabilities: PAIN })).toEqual({
      timeSeconds: 1.5,
      status: 'face-visible',
      distressScore: 0.8,
      needProbabilities: PAIN,
    });
  });

  it('drops the score and need of a face too dark, far or blurry to read', () => {
    for (const status of ['too-dark', 'too-far', 'blurry'] as const) {
      expect(faceFrameReading(2, { status, distressScore: 0.9, needProbabilities: PAIN })).toEqual({ timeSeconds: 2, status, distressScore: null, needProbabilities: null });
    }
  });
});

describe('summarizeFaces', () => {
  it('is null without pictures', () => {
    expect(summarizeFaces([])).toBeNull();
  });

  it('counts the readable faces and averages their distress, leaving an uninformed face with no need', () => {
    const summary = summarizeFaces([visible(0.25, 0.2), visible(0.75, 0.6), noFace(1.25)]);
    expect(summary).toMatchObject({ frames: 3, faceVisibleFrames: 2, status: 'face-visible', needProbabilities: null });
    expect(summary?.meanDistressScore).toBeCloseTo(0.4, 12);
  });

  it('says "no face" when most pictures had none, and has no distress score without a face', () => {
    expect(summarizeFaces([noFace(0.25), noFace(0.75), visible(1.25, 0.3)])?.status).toBe('no-face');
    expect(summarizeFaces([noFace(0.25), noFace(0.75)])).toEqual({ frames: 2, faceVisibleFrames: 0, status: 'no-face', meanDistressScore: null, needProbabilities: null });
  });

  it('breaks a tie in favour of a readable face, then of the problem worth fixing', () => {
    expect(summarizeFaces([noFace(0.25), visible(0.75)])?.status).toBe('face-visible');
    expect(summarizeFaces([noFace(0.25), { timeSeconds: 0.75, status: 'too-dark', distressScore: null, needProbabilities: null }])?.status).toBe('too-dark');
  });

  it('averages the need vectors of readable faces when a need head gave them', () => {
    const summary = summarizeFaces([visible(0.25, 0.5, PAIN), visible(0.75, 0.5, TIRED), noFace(1.25)]);
    const expected = [0.1, 0.1, 0.45, 0.35];
    summary?.needProbabilities?.forEach((p, i) => expect(p).toBeCloseTo(expected[i] ?? NaN, 12));
  });
});

describe('readingsBetween', () => {
  it('keeps the pictures inside the stretch, ends included', () => {
    const readings = [noFace(0.5), visible(1), visible(2), noFace(2.5)];
    expect(readingsBetween(readings, 1, 2).map((r) => r.timeSeconds)).toEqual([1, 2]);
  });
});

describe('faceSpans', () => {
  it('merges neighbours with the same status and covers the whole recording', () => {
    const spans = faceSpans([visible(0.25), visible(0.75), noFace(1.25), noFace(1.75), visible(2.25)], 2.5);
    expect(spans).toEqual([
      { startSeconds: 0, endSeconds: 1, status: 'face-visible' },
      { startSeconds: 1, endSeconds: 2, status: 'no-face' },
      { startSeconds: 2, endSeconds: 2.5, status: 'face-visible' },
    ]);
  });

  it('orders the pictures by time first, and gives none for no pictures', () => {
    expect(faceSpans([noFace(1.5), visible(0.5)], 2)).toEqual([
      { startSeconds: 0, endSeconds: 1, status: 'face-visible' },
      { startSeconds: 1, endSeconds: 2, status: 'no-face' },
    ]);
    expect(faceSpans([], 3)).toEqual([]);
  });
});
