import type { ActualReason, EpisodeRecord } from '../domain/episode.ts';

/** One baby. Ids are random UUIDs so that two caregivers' phones can merge backups. */
export interface Profile {
  id: string;
  name: string;
  /** Calendar date of birth, `YYYY-MM-DD`, or null when the parent did not give it. */
  birthDate: string | null;
  /** CSS colour (`#rrggbb`) of the avatar circle: no photos are stored. */
  avatarColor: string;
  /** Epoch milliseconds. */
  createdAt: number;
}

import type { CryCorrection } from '../domain/episode.ts';
export { CRY_CORRECTIONS, type CryCorrection } from '../domain/episode.ts';

/** A stored episode: the record plus its owner and the parent's annotations. */
export interface Episode extends EpisodeRecord {
  id: string;
  profileId: string;
  note: string;
  actualReason: ActualReason;
  whatHelped: string;
  /** Absent or null until the parent says; episodes stored before version 4 have none. */
  cryCorrection?: CryCorrection | null;
  /** Epoch milliseconds of the last change (creation or edit): the newer copy wins on merge. */
  updatedAt: number;
}

/** The parent's editable fields of an episode. */
export type EpisodeAnnotation = Pick<Episode, 'note' | 'actualReason' | 'whatHelped'>;

/**
 * The cry network's embeddings of one detected sound's windows (never its audio): an episode of
 * the monitor (id = the episode's id) or a stretch of an analysed recording ('recording:…').
 * Kept so the parent can correct it later; a correction makes it part of what the device learned.
 */
export interface CryEmbeddings {
  id: string;
  /** The episode these windows belong to; null for a recording's stretch (not in the log). */
  episodeId: string | null;
  /** The audio model that made them: embeddings of another model are not comparable. */
  modelVersion: string;
  /** One embedding per window (plain numbers), at most MAX_EMBEDDINGS_PER_SOUND. */
  embeddings: number[][];
  correction: CryCorrection | null;
  /** Epoch ms of the correction; null while uncorrected. Indexed: the learned list is read by it. */
  correctedAt: number | null;
  createdAt: number;
}

/** Keys of the settings table and the type of each value. */
export interface SettingValues {
  activeProfileId: string;
  /** Outcome of the last navigator.storage.persist() request. */
  persistResult: PersistResult;
  /**
   * The alert settings (src/alerts/alert-rules.ts AlertSettings). Typed unknown on purpose: what
   * comes back may be from another app version or damaged, and the alerts layer validates it.
   */
  alertSettings: unknown;
  /**
   * Per baby (profile id → epoch ms): "Forget what it learned" was tapped then, so the context
   * learner is rebuilt only from answers to cries after it. Unknown: validated where read.
   */
  contextForgottenAt: unknown;
  /**
   * The screen's own settings (src/ui/settings/ui-settings.ts: night mode, first run seen).
   * Unknown for the same reason as alertSettings: validated where read.
   */
  uiSettings: unknown;
  /** Epoch ms of the last "Forget" of the learned false alarms: corrections before it are not used. Unknown: validated where read. */
  cryAdaptationForgottenAt: unknown;
}
export type SettingKey = keyof SettingValues;

export interface SettingRow {
  key: SettingKey;
  value: SettingValues[SettingKey];
}

export type PersistResult = 'granted' | 'denied' | 'unsupported';

/** Episodes to show or export: one baby or all, between two instants (inclusive, epoch ms). */
export interface EpisodeFilter {
  profileId: string | null;
  fromMs: number;
  toMs: number;
}
