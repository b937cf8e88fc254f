import type { FaceStatus } from '../features/face-quality.ts';
import type { NeedProbabilities } from '../domain/needs.ts';
import type { FaceObservation } from './types.ts';
import { isValidNeedProbabilities, mean, meanNeedProbabilities } from './vectors.ts';

/** The part of a face analysis (src/models/vision/face-analysis.ts) fusion reads; declared here so fusion stays below models. */
export interface FaceReadout {
  readonly status: FaceStatus;
  readonly distressScore: number | null;
  readonly needProbabilities: NeedProbabilities | null;
}

/** What the face branch saw in one picture of a video file. */
export interface FaceFrameReading {
  /** Seconds from the start of the recording. */
  readonly timeSeconds: number;
  readonly status: FaceStatus;
  /** The adult-expression distress score (0–1) of a readable face; null otherwise. */
  readonly distressScore: number | null;
  /** From a trained face need head, for a readable face; null when uninformed. */
  readonly needProbabilities: NeedProbabilities | null;
}

/** The face over a stretch of a recording. */
export interface FaceSummary {
  /** Pictures analysed in the stretch. */
  readonly frames: number;
  /** Pictures in which a face was readable (status "face-visible"). */
  readonly faceVisibleFrames: number;
  /** The status of most pictures (see STATUS_PREFERENCE for ties). */
  readonly status: FaceStatus;
  /** Mean distress score (0–1) over the readable faces; null when none had one. */
  readonly meanDistressScore: number | null;
  /** Mean face need vector over the readable faces; null when uninformed (no need head). */
  readonly needProbabilities: NeedProbabilities | null;
}

/** A run of consecutive pictures with the same status, for the timeline's face lane. */
export interface FaceSpan {
  /** Seconds from the start of the recording. */
  readonly startSeconds: number;
  readonly endSeconds: number;
  readonly status: FaceStatus;
}

/** Tie-break for the most common status: a readable face first, then the problem most worth fixing. */
const STATUS_PREFERENCE: readonly FaceStatus[] = ['face-visible', 'too-dark', 'too-far', 'blurry', 'no-face'];

/**
 * One picture's reading, with the monitor's rule (src/session/face-reading.ts): a face counts
 * only in a picture good enough to read, so a dark, distant or blurry one gives no distress score
 * and no need.
 */
export function faceFrameReading(timeSeconds: number, analysis: FaceReadout): FaceFrameReading {
  const readable = analysis.status === 'face-visible';
  return {
    timeSeconds,
    status: analysis.status,
    distressScore: readable ? analysis.distressScore : null,
    needProbabilities: readable ? analysis.needProbabilities : null,
  };
}

/** The reading as the monitor engine takes it. */
export function faceObservation(reading: FaceFrameReading): FaceObservation {
  return { timeSeconds: reading.timeSeconds, faceVisible: reading.status === 'face-visible', needProbabilities: reading.needProbabilities };
}

/** Summary of `readings`; null when there is none (no picture fell in the stretch). */
export function summarizeFaces(readings: readonly FaceFrameReading[]): FaceSummary | null {
  if (readings.length === 0) return null;
  const counts = new Map<FaceStatus, number>();
  for (const r of readings) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  let status: FaceStatus = 'no-face';
  let best = -1;
  for (const candidate of STATUS_PREFERENCE) {
    const count = counts.get(candidate) ?? 0;
    if (count > best) {
      best = count;
      status = candidate;
    }
  }
  const readable = readings.filter((r) => r.status === 'face-visible');
  const scores = readable.map((r) => r.distressScore).filter((s): s is number => s !== null && Number.isFinite(s));
  const needs = readable.map((r) => r.needProbabilities).filter((v): v is NeedProbabilities => v !== null && isValidNeedProbabilities(v));
  return {
    frames: readings.length,
    faceVisibleFrames: readable.length,
    status,
    meanDistressScore: scores.length === 0 ? null : mean(scores),
    needProbabilities: meanNeedProbabilities(needs),
  };
}

/** Readings taken between `startSeconds` and `endSeconds`, both included. */
export function readingsBetween(readings: readonly FaceFrameReading[], startSeconds: number, endSeconds: number): FaceFrameReading[] {
  return readings.filter((r) => r.timeSeconds >= startSeconds && r.timeSeconds <= endSeconds);
}

/**
 * The face lane: each picture stands for the time from halfway after the previous picture to
 * halfway before the next (the first from 0, the last to the end), and neighbours with the same
 * status are merged.
 */
export function faceSpans(readings: readonly FaceFrameReading[], durationSeconds: number): FaceSpan[] {
  const sorted = [...readings].sort((a, b) => a.timeSeconds - b.timeSeconds);
  const spans: FaceSpan[] = [];
  sorted.forEach((r, i) => {
    const previous = sorted[i - 1];
    const next = sorted[i + 1];
    const startSeconds = previous === undefined ? 0 : (previous.timeSeconds + r.timeSeconds) / 2;
    const endSeconds = next === undefined ? Math.max(durationSeconds, r.timeSeconds) : (r.timeSeconds + next.timeSeconds) / 2;
    const last = spans.at(-1);
    if (last !== undefined && last.status === r.status) spans[spans.length - 1] = { ...last, endSeconds };
    else spans.push({ startSeconds, endSeconds, status: r.status });
  });
  return spans;
}
