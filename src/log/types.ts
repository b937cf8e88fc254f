import type { ActualReason, EpisodeRecord } from '../domain/episode.ts';
import type { NeedProbabilities } from '../domain/needs.ts';

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

/** A stored episode: the record plus its owner and the parent's annotations. */
export interface Episode extends EpisodeRecord {
  id: string;
  profileId: string;
  note: string;
  actualReason: ActualReason;
  whatHelped: string;
  /** Epoch milliseconds of the last change (creation or edit): the newer copy wins on merge. */
  updatedAt: number;
}

/** The parent's editable fields of an episode. */
export type EpisodeAnnotation = Pick<Episode, 'note' | 'actualReason' | 'whatHelped'>;

/** One analysis window of a listening session: the detail kept for a bounded time only. */
/** A row of the unused `windows` table (see db.ts): cleared by delete-all, never written. */
export interface WindowRecord {
  /** Auto-incremented, so key order is insertion order and pruning drops the oldest. */
  id?: number;
  sessionId: string;
  profileId: string;
  /** Epoch milliseconds of the window's end. */
  time: number;
  cryProbability: number;
  needProbabilities: NeedProbabilities | null;
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
