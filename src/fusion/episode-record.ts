import type { EpisodeRecord, ModalityProbabilities } from '../domain/episode.ts';
import type { EpisodeSummary } from './episodes.ts';
import type { Modality } from '../domain/modality.ts';

/**
 * The model versions an episode was judged by: the audio models' always (they detect the cry),
 * the face models' only when the face contributed a need vector to the episode.
 */
export function episodeModelVersions(
  contributed: readonly Modality[],
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
): EpisodeRecord {
  const modalities: ModalityProbabilities = {};
  if (summary.perModality.audio) modalities.audio = summary.perModality.audio;
  if (summary.perModality.face) modalities.face = summary.perModality.face;
  return {
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
}
