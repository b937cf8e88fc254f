import type { EpisodeContext, EpisodeRecord, ModalityProbabilities } from '../domain/episode.ts';
import type { EpisodeSummary } from './episodes.ts';
import type { NeedSource } from '../domain/modality.ts';
import type { FusedNeed } from './context-fusion.ts';

/**
 * The model versions an episode was judged by: the audio models' always (they detect the cry),
 * the face models' only when the face contributed a need vector to the episode.
 */
export function episodeModelVersions(
  contributed: readonly NeedSource[],
  audioVersions: Readonly<Record<string, string>>,
  faceVersions: Readonly<Record<string, string>>,
): Record<string, string> {
  return contributed.includes('face') ? { ...audioVersions, ...faceVersions } : { ...audioVersions };
}

/**
 * Converts stream times to wall-clock times. `streamStartEpochMs` is the wall-clock time at stream
 * time 0 of the session.
 */
export function toEpisodeRecord(
  summary: EpisodeSummary,
  streamStartEpochMs: number,
  modelVersions: Readonly<Record<string, string>>,
  /** The need fused with the care-log context (and the context itself); without it, the senses' own. */
  withContext?: { readonly need: FusedNeed; readonly context: EpisodeContext | null },
): EpisodeRecord {
  const modalities: ModalityProbabilities = {};
  if (summary.perModality.audio) modalities.audio = summary.perModality.audio;
  if (summary.perModality.face) modalities.face = summary.perModality.face;
  const base: EpisodeRecord = {
    startedAt: Math.round(streamStartEpochMs + summary.startSeconds * 1000),
    endedAt: Math.round(streamStartEpochMs + summary.endSeconds * 1000),
    durationSeconds: summary.durationSeconds,
    peakCryProbability: summary.peakCryProbability,
    needProbabilities: summary.needProbabilities,
    modalities,
    contributed: [...summary.contributed],
    topNeed: summary.topNeed,
    confidence: summary.confidence,
    notSure: summary.notSure,
    modelVersions: { ...modelVersions },
  };
  if (withContext === undefined) return base;
  const { need, context } = withContext;
  const assessment = need.assessment;
  return {
    ...base,
    needProbabilities: need.needProbabilities,
    contributed: [...need.contributed],
    topNeed: assessment?.topNeed ?? null,
    confidence: assessment === null ? null : assessment.confidence,
    notSure: assessment === null ? true : assessment.notSure,
    leftOut: need.leftOut.map((l) => ({ ...l })),
    reason: need.reason,
    context: context === null ? null : { ...context },
  };
}
