import { AUDIO_FEATURES } from '../features/audio-config.ts';
import { aggregateClip } from '../models/clip-aggregate.ts';
import type { NeedProbabilities } from '../models/needs.ts';
import { assessNeeds, type NeedAssessment } from './confidence.ts';
import type { EpisodeSummary } from './episodes.ts';
import type { ModelThresholds } from './model-thresholds.ts';
import { MonitorEngine, monitorConfig } from './monitor-engine.ts';

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
}

export interface RecordingTimeline {
  readonly durationSeconds: number;
  readonly cryThreshold: number;
  readonly points: readonly TimelinePoint[];
  /** The crying segments, each with the need estimated over it. */
  readonly episodes: readonly EpisodeSummary[];
  readonly overall: RecordingVerdict;
}

/**
 * Runs a recording's windows through exactly what the live monitor runs (fusion, smoothing,
 * episode segmenter, not-sure rule), so a saved clip gets the answer the monitor would have
 * given while listening to it. The overall answer is the shared clip aggregation
 * (src/models/clip-aggregate.ts), the one the model card's clip metrics are computed with.
 */
export function buildRecordingTimeline(
  windows: readonly WindowReading[],
  thresholds: Pick<ModelThresholds, 'cryThreshold' | 'notSureThreshold'>,
  durationSeconds: number,
): RecordingTimeline {
  const engine = new MonitorEngine(monitorConfig({ cryThreshold: thresholds.cryThreshold, notSureThreshold: thresholds.notSureThreshold }));
  const points: TimelinePoint[] = [];
  const episodes: EpisodeSummary[] = [];
  let peak = 0;
  for (const w of windows) {
    const { snapshot, event } = engine.ingestAudio({ timeSeconds: w.endSeconds, cryProbability: w.cryProbability, needProbabilities: w.needProbabilities });
    points.push({ timeSeconds: w.endSeconds, cryProbability: w.cryProbability, smoothedCryProbability: snapshot.smoothedCryProbability, crying: snapshot.crying });
    if (event?.type === 'ended') episodes.push(event.summary);
    peak = Math.max(peak, w.cryProbability);
  }
  const last = engine.stop();
  if (last?.type === 'ended') episodes.push(last.summary);
  const clip = windows.length === 0 ? null : aggregateClip(windows, thresholds.cryThreshold, AUDIO_FEATURES.windowHopSeconds);
  const isCry = clip?.isCry ?? false;
  // The aggregation falls back to all windows for evaluation; a parent gets no need without a cry.
  const needProbabilities = isCry ? (clip?.needProbabilities ?? null) : null;
  return {
    durationSeconds,
    cryThreshold: thresholds.cryThreshold,
    points,
    episodes,
    overall: {
      episodeCount: episodes.length,
      cryingSeconds: episodes.reduce((sum, e) => sum + e.durationSeconds, 0),
      peakCryProbability: peak,
      clipCryProbability: clip?.cryProbability ?? 0,
      isCry,
      needProbabilities,
      assessment: needProbabilities === null ? null : assessNeeds(needProbabilities, thresholds.notSureThreshold),
    },
  };
}
