import type { NeedProbabilities } from '../models/needs.ts';
import { assessNeeds, type NeedAssessment } from './confidence.ts';
import type { EpisodeSummary } from './episodes.ts';
import type { ModelThresholds } from './model-thresholds.ts';
import { MonitorEngine, monitorConfig } from './monitor-engine.ts';
import { meanNeedProbabilities } from './vectors.ts';

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
  /** Mean fused need over every crying window; null when no window was crying or no need model ran. */
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
 * given while listening to it.
 */
export function buildRecordingTimeline(
  windows: readonly WindowReading[],
  thresholds: Pick<ModelThresholds, 'cryThreshold' | 'notSureThreshold'>,
  durationSeconds: number,
): RecordingTimeline {
  const engine = new MonitorEngine(monitorConfig({ cryThreshold: thresholds.cryThreshold, notSureThreshold: thresholds.notSureThreshold }));
  const points: TimelinePoint[] = [];
  const episodes: EpisodeSummary[] = [];
  const cryingNeeds: NeedProbabilities[] = [];
  let peak = 0;
  for (const w of windows) {
    const { snapshot, event } = engine.ingestAudio({ timeSeconds: w.endSeconds, cryProbability: w.cryProbability, needProbabilities: w.needProbabilities });
    points.push({ timeSeconds: w.endSeconds, cryProbability: w.cryProbability, smoothedCryProbability: snapshot.smoothedCryProbability, crying: snapshot.crying });
    if (snapshot.fusion.status === 'estimate') cryingNeeds.push(snapshot.fusion.needProbabilities);
    if (event?.type === 'ended') episodes.push(event.summary);
    peak = Math.max(peak, w.cryProbability);
  }
  const last = engine.stop();
  if (last?.type === 'ended') episodes.push(last.summary);
  const needProbabilities = meanNeedProbabilities(cryingNeeds);
  return {
    durationSeconds,
    cryThreshold: thresholds.cryThreshold,
    points,
    episodes,
    overall: {
      episodeCount: episodes.length,
      cryingSeconds: episodes.reduce((sum, e) => sum + e.durationSeconds, 0),
      peakCryProbability: peak,
      needProbabilities,
      assessment: needProbabilities === null ? null : assessNeeds(needProbabilities, thresholds.notSureThreshold),
    },
  };
}
