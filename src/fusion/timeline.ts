import { AUDIO_FEATURES } from '../features/audio-config.ts';
import { aggregateClip } from './clip-aggregate.ts';
import type { NeedProbabilities } from '../domain/needs.ts';
import { assessNeeds, type NeedAssessment } from './confidence.ts';
import type { EpisodeSummary } from './episodes.ts';
import { faceObservation, faceSpans, readingsBetween, summarizeFaces, type FaceFrameReading, type FaceSpan, type FaceSummary } from './face-summary.ts';
import { fuse } from './fuse.ts';
import type { ModelThresholds } from './model-thresholds.ts';
import { MonitorEngine, monitorConfig } from './monitor-engine.ts';
import type { Modality } from '../domain/modality.ts';

/** What the models said about one window of a recording. */
export interface WindowReading {
  /** Seconds from the start of the recording. */
  readonly startSeconds: number;
  readonly endSeconds: number;
  readonly cryProbability: number;
  readonly needProbabilities: NeedProbabilities | null;
}

export interface TimelinePoint {
  /** Window end, seconds from the start. */
  readonly timeSeconds: number;
  readonly cryProbability: number;
  readonly smoothedCryProbability: number;
  /** Whether the monitor would call this moment crying. */
  readonly crying: boolean;
}

export interface RecordingVerdict {
  /** Crying episodes found, with their own need estimate. */
  readonly episodeCount: number;
  /** Seconds of crying: the sum of the episodes' durations. */
  readonly cryingSeconds: number;
  /** Highest single-window cry probability (0–1). */
  readonly peakCryProbability: number;
  /** The clip's cry probability as the model card scores clips: max of the smoothed cry probability. */
  readonly clipCryProbability: number;
  /** True when the smoothed cry probability reached the threshold anywhere, even too briefly for a segment. */
  readonly isCry: boolean;
  /** Mean need over the crying windows (as the model card scores clips); null when not a cry or no need model ran. */
  readonly needProbabilities: NeedProbabilities | null;
  readonly assessment: NeedAssessment | null;
  /** Senses behind `needProbabilities` (empty without one). */
  readonly contributed: readonly Modality[];
  /** The face over all the pictures of a video; null when no picture was analysed. */
  readonly face: FaceSummary | null;
  /** The face in the pictures taken while the sound was judged crying; null when none was. */
  readonly faceWhileCrying: FaceSummary | null;
}

/** A crying segment, with what the pictures showed during it. */
export interface TimelineSegment extends EpisodeSummary {
  /** The face in the segment's pictures (see segmentPictureRange); null without pictures there. */
  readonly face: FaceSummary | null;
}

export interface RecordingTimeline {
  readonly durationSeconds: number;
  readonly cryThreshold: number;
  readonly points: readonly TimelinePoint[];
  /** The crying segments, each with the need estimated over it. */
  readonly episodes: readonly TimelineSegment[];
  /** The face lane; null when no picture was analysed (a sound file, or unreadable pictures). */
  readonly faceSpans: readonly FaceSpan[] | null;
  readonly overall: RecordingVerdict;
}

/**
 * The pictures that belong to a crying stretch: a segment starts at the end of its first crying
 * 2 s window, so the pictures taken while that window's sound played count too.
 */
export function segmentPictureRange(startSeconds: number, endSeconds: number): { startSeconds: number; endSeconds: number } {
  return { startSeconds: Math.max(0, startSeconds - AUDIO_FEATURES.windowSeconds), endSeconds };
}

/**
 * Runs a recording's windows through exactly what the live monitor runs (fusion, smoothing,
 * episode segmenter, not-sure rule), so a saved clip gets the answer the monitor would have
 * given while listening to it. The overall sound answer is the shared clip aggregation
 * (src/fusion/clip-aggregate.ts), the one the model card's clip metrics are computed with.
 *
 * `faces` are the readings of a video's pictures (null for a sound file): they reach the engine
 * as the camera's readings do, and the overall need is fused from the sound's and the face's
 * (fuse.ts: an uninformed face, one with no need head, is left out, never averaged in).
 */
export function buildRecordingTimeline(
  windows: readonly WindowReading[],
  thresholds: Pick<ModelThresholds, 'cryThreshold' | 'notSureThreshold'>,
  durationSeconds: number,
  faces: readonly FaceFrameReading[] | null = null,
): RecordingTimeline {
  const pictures = faces === null ? null : [...faces].sort((a, b) => a.timeSeconds - b.timeSeconds);
  let nextPicture = 0;
  const engine = new MonitorEngine(monitorConfig({ cryThreshold: thresholds.cryThreshold, notSureThreshold: thresholds.notSureThreshold }));
  const points: TimelinePoint[] = [];
  const episodes: EpisodeSummary[] = [];
  let peak = 0;
  for (const w of windows) {
    while (pictures !== null && nextPicture < pictures.length && (pictures[nextPicture]?.timeSeconds ?? Infinity) <= w.endSeconds) {
      const picture = pictures[nextPicture];
      if (picture !== undefined) engine.ingestFace(faceObservation(picture));
      nextPicture += 1;
    }
    const { snapshot, event } = engine.ingestAudio({ timeSeconds: w.endSeconds, cryProbability: w.cryProbability, needProbabilities: w.needProbabilities });
    points.push({ timeSeconds: w.endSeconds, cryProbability: w.cryProbability, smoothedCryProbability: snapshot.smoothedCryProbability, crying: snapshot.crying });
    if (event?.type === 'ended') episodes.push(event.summary);
    peak = Math.max(peak, w.cryProbability);
  }
  const last = engine.stop();
  if (last?.type === 'ended') episodes.push(last.summary);
  const clip = windows.length === 0 ? null : aggregateClip(windows, thresholds.cryThreshold, AUDIO_FEATURES.windowHopSeconds);
  const isCry = clip?.isCry ?? false;
  const segments: TimelineSegment[] = episodes.map((e) => {
    const range = segmentPictureRange(e.startSeconds, e.endSeconds);
    return { ...e, face: pictures === null ? null : summarizeFaces(readingsBetween(pictures, range.startSeconds, range.endSeconds)) };
  });
  const faceWhileCrying = pictures === null ? null : summarizeFaces(pictures.filter((p) => whileCrying(p.timeSeconds, points, segments)));
  // The aggregation falls back to all windows for evaluation; a parent gets no need without a cry.
  const fusion = isCry
    ? fuse({
        audio: { present: true, needProbabilities: clip?.needProbabilities ?? null },
        ...(faceWhileCrying === null ? {} : { face: { present: faceWhileCrying.faceVisibleFrames > 0, needProbabilities: faceWhileCrying.needProbabilities } }),
      })
    : null;
  const needProbabilities = fusion?.status === 'estimate' ? fusion.needProbabilities : null;
  return {
    durationSeconds,
    cryThreshold: thresholds.cryThreshold,
    points,
    episodes: segments,
    faceSpans: pictures === null || pictures.length === 0 ? null : faceSpans(pictures, durationSeconds),
    overall: {
      episodeCount: episodes.length,
      cryingSeconds: episodes.reduce((sum, e) => sum + e.durationSeconds, 0),
      peakCryProbability: peak,
      clipCryProbability: clip?.cryProbability ?? 0,
      isCry,
      needProbabilities,
      assessment: needProbabilities === null ? null : assessNeeds(needProbabilities, thresholds.notSureThreshold),
      contributed: fusion?.contributed ?? [],
      face: pictures === null ? null : summarizeFaces(pictures),
      faceWhileCrying,
    },
  };
}

/** Whether a picture at `timeSeconds` was taken inside a crying segment or during a window judged crying. */
function whileCrying(timeSeconds: number, points: readonly TimelinePoint[], segments: readonly TimelineSegment[]): boolean {
  const inside = (range: { startSeconds: number; endSeconds: number }): boolean => timeSeconds >= range.startSeconds && timeSeconds <= range.endSeconds;
  return (
    segments.some((s) => inside(segmentPictureRange(s.startSeconds, s.endSeconds))) ||
    points.some((p) => p.crying && inside({ startSeconds: p.timeSeconds - AUDIO_FEATURES.windowSeconds, endSeconds: p.timeSeconds }))
  );
}
