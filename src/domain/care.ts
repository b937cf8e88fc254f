/** Kinds of entry in the care log, one tap each on the monitor. */
export const CARE_KINDS = ['feed', 'sleep', 'nappy', 'soothe'] as const;
export type CareKind = (typeof CARE_KINDS)[number];

export type FeedMethod = 'breast-left' | 'breast-right' | 'bottle' | 'unspecified';
export type NappyContent = 'wet' | 'dirty' | 'both';

interface CareEntryBase {
  /** Random UUID, so that two caregivers' phones can merge backups. */
  id: string;
  profileId: string;
  /** Epoch milliseconds of the last change; the newer copy wins on merge. */
  updatedAt: number;
  /** Tombstone: a deleted entry is kept (hidden) so that undo and merges cannot resurrect or lose it. */
  deleted: boolean;
}

export interface FeedEntry extends CareEntryBase {
  kind: 'feed';
  /** Epoch milliseconds the feed started. */
  time: number;
  method: FeedMethod;
  /** Bottle amount in millilitres, or null when not given (always null for breast feeds). */
  amountMl: number | null;
}

export interface SleepEntry extends CareEntryBase {
  kind: 'sleep';
  /** Epoch milliseconds the baby fell asleep. */
  time: number;
  /** Epoch milliseconds the baby woke, or null while still asleep. */
  endTime: number | null;
}

export interface NappyEntry extends CareEntryBase {
  kind: 'nappy';
  time: number;
  content: NappyContent;
}

export interface SootheEntry extends CareEntryBase {
  kind: 'soothe';
  time: number;
  /** What helped, in the parent's words ("rocking", "white noise"). */
  text: string;
}

export type CareEntry = FeedEntry | SleepEntry | NappyEntry | SootheEntry;

export function isCareKind(value: string): value is CareKind {
  return (CARE_KINDS as readonly string[]).includes(value);
}
