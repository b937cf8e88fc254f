import { randomUUID } from 'node:crypto';

/**
 * A backup file in the app's own format with any number of made-up cries, for the restore specs
 * (tests/e2e/restore-*.spec.ts), the unit tests of the backup reader and the restore benchmark
 * (scripts/bench/bench-restore.ts). Written as a sequence of pieces, so a 600 000-cry file
 * (about 200 MB) can go to disk without one string of that size.
 */

export const GENERATED_PROFILE_ID = '6f1c1d8e-2b8a-4c55-9d38-0c6ad1f1a001';
/** The baby's id in a compact file. */
const COMPACT_PROFILE_ID = 'ada';
const DAY_MS = 86_400_000;

export interface GeneratedBackupOptions {
  cries: number;
  nowMs: number;
  /** Time between two cries' starts, newest `spacingMs` before now (milliseconds). */
  spacingMs?: number;
  /** The note of cry `index` (0 is the newest). */
  note?: (index: number) => string;
  modelVersions?: Readonly<Record<string, string>>;
  /** Include an (empty) care-log section, as backups made since the care log have. */
  careLog?: boolean;
  /** How many cries per piece of text. */
  criesPerPiece?: number;
  /**
   * The smallest cries the app can hold: detected with no need read (as when only the cry
   * detector ran), no model versions, short ids. About 330 bytes a cry, so 600 000 fit under
   * the 200 MB limit, as the 194 MB file did.
   */
  compact?: boolean;
}

function profileId(options: GeneratedBackupOptions): string {
  return options.compact === true ? COMPACT_PROFILE_ID : GENERATED_PROFILE_ID;
}

function cry(index: number, options: GeneratedBackupOptions): Record<string, unknown> {
  const startedAt = options.nowMs - (index + 1) * (options.spacingMs ?? 600_000);
  if (options.compact === true) {
    return {
      id: `c${index.toString(36).padStart(8, '0')}`,
      profileId: COMPACT_PROFILE_ID,
      startedAt,
      endedAt: startedAt + 75_000,
      durationSeconds: 75,
      peakCryProbability: 0.91,
      needProbabilities: null,
      modalities: {},
      contributed: [],
      topNeed: null,
      confidence: null,
      notSure: false,
      modelVersions: {},
      note: options.note?.(index) ?? '',
      actualReason: null,
      whatHelped: '',
      updatedAt: startedAt + 80_000,
    };
  }
  return {
    id: randomUUID(),
    profileId: GENERATED_PROFILE_ID,
    startedAt,
    endedAt: startedAt + 75_000,
    durationSeconds: 75,
    peakCryProbability: 0.91,
    needProbabilities: [0.1, 0.6, 0.2, 0.1],
    modalities: { audio: [0.1, 0.6, 0.2, 0.1] },
    contributed: ['audio'],
    topNeed: 'hunger',
    confidence: 0.6,
    notSure: false,
    modelVersions: options.modelVersions ?? { 'cry-detector': 'test' },
    note: options.note?.(index) ?? '',
    actualReason: null,
    whatHelped: '',
    updatedAt: startedAt + 80_000,
  };
}

/** The file's text, piece by piece (join them for the whole file). */
export function* generatedBackupPieces(options: GeneratedBackupOptions): Generator<string> {
  const head = {
    format: 'crydecode-backup',
    version: 1,
    exportedAt: new Date(options.nowMs).toISOString(),
    profiles: [{ id: profileId(options), name: 'Ada', birthDate: '2026-01-15', avatarColor: '#2a9d8f', createdAt: options.nowMs - 400 * DAY_MS }],
  };
  yield `${JSON.stringify(head).slice(0, -1)},"episodes":[`;
  const perPiece = options.criesPerPiece ?? 1_000;
  for (let start = 0; start < options.cries; start += perPiece) {
    const end = Math.min(options.cries, start + perPiece);
    const cries: string[] = [];
    for (let index = start; index < end; index += 1) cries.push(JSON.stringify(cry(index, options)));
    yield `${start === 0 ? '' : ','}${cries.join(',')}`;
  }
  yield options.careLog === true ? '],"careEntries":[]}' : ']}';
}

export function generatedBackupText(options: GeneratedBackupOptions): string {
  return [...generatedBackupPieces(options)].join('');
}
