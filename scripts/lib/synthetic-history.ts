import type { Episode, Profile } from '../../src/log/types.ts';

/** Minutes between synthetic cries: 100 000 of them span about seven years. */
const MINUTES_BETWEEN_CRIES = 37;
const CRY_DURATION_MS = 95_000;

export const SYNTHETIC_PROFILE: Profile = {
  id: 'bench-profile',
  name: 'Bench',
  birthDate: null,
  avatarColor: '#2a9d8f',
  createdAt: 0,
};

/**
 * The index-th of a series of plausible episodes going back in time from `newestStartMs`, with
 * notes (some with quotes, commas and formula-like text) on a share of them, as a real log has.
 */
export function syntheticEpisode(index: number, newestStartMs: number, profileId = SYNTHETIC_PROFILE.id): Episode {
  const startedAt = newestStartMs - index * MINUTES_BETWEEN_CRIES * 60_000;
  const hunger = (index % 7) / 10;
  const needs = [0.3, hunger, 0.1, Number((0.6 - hunger).toFixed(4))] as const;
  return {
    id: `bench-${String(index).padStart(7, '0')}`,
    profileId,
    startedAt,
    endedAt: startedAt + CRY_DURATION_MS,
    durationSeconds: CRY_DURATION_MS / 1000,
    peakCryProbability: 0.91,
    needProbabilities: needs,
    modalities: { audio: needs },
    contributed: ['audio'],
    topNeed: 'hunger',
    confidence: 0.42,
    notSure: index % 3 === 0,
    modelVersions: { 'cry-detector': '2026-11-25', 'need-classifier': '2026-11-25' },
    note: index % 10 === 0 ? 'woke up, "fussy", fed at 3' : '',
    actualReason: index % 10 === 0 ? 'hunger' : null,
    whatHelped: index % 50 === 0 ? '=not a formula' : '',
    updatedAt: startedAt + CRY_DURATION_MS + 5000,
  };
}
