import { NEEDS } from '../domain/needs.ts';
import type { NeedProbabilities } from '../domain/needs.ts';
import type { HistoryDb } from './db.ts';
import type { Episode, EpisodeFilter } from './types.ts';
import { pageEpisodes, DEFAULT_EPISODE_PAGE_SIZE } from './episodes.ts';
import { listProfiles } from './profiles.ts';
import { localOffsetMinutesAt, type OffsetMinutesAt } from '../records/local-time.ts';

/** Byte-order mark: spreadsheet apps (Excel) read the file as UTF-8 only when it starts with one. */
export const CSV_BOM = '\uFEFF';
/** RFC 4180 line break. */
export const CSV_LINE_END = '\r\n';
/** Probabilities and confidences: 4 decimals is finer than any model here is calibrated. */
export const PROBABILITY_DECIMALS = 4;
export const DURATION_DECIMALS = 1;
/** Leading characters a spreadsheet may treat as the start of a formula. */
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

export const CSV_COLUMNS = [
  'episode_id',
  'baby',
  'started_at',
  'ended_at',
  'duration_seconds',
  'peak_cry_probability',
  'top_need',
  'confidence',
  'not_sure',
  ...NEEDS.map((need) => `p_${need}`),
  ...NEEDS.map((need) => `audio_p_${need}`),
  ...NEEDS.map((need) => `face_p_${need}`),
  'contributed',
  'model_versions',
  'note',
  'actual_reason',
  'what_helped',
  'updated_at',
  /** The parent's word on the detector: "false alarm" (kept in the log, left out of patterns), "crying", or empty. */
  'detector_correction',
] as const;

const CORRECTION_CELLS = { 'false-alarm': 'false alarm', cry: 'crying' } as const;

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}

/**
 * ISO 8601 local time with its offset, to the second: `2026-11-25T03:14:07+01:00`.
 * `offsetMinutes` is minutes east of UTC (+60 for Paris in winter).
 */
export function formatIsoWithOffset(epochMs: number, offsetMinutes: number): string {
  const local = new Date(Math.floor(epochMs / 1000) * 1000 + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const absolute = Math.abs(offsetMinutes);
  return `${local}${sign}${pad2(Math.floor(absolute / 60))}:${pad2(absolute % 60)}`;
}

/** A number without exponent or trailing zeros: 0.25 → "0.25", 1e-9 → "0", 12 → "12". */
export function formatPlainNumber(value: number, maxDecimals: number): string {
  const fixed = value.toFixed(maxDecimals);
  const trimmed = fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
  return trimmed === '-0' ? '0' : trimmed;
}

/**
 * Makes text inert in spreadsheets: a cell starting with =, +, -, @, tab or CR could run as a
 * formula (CSV injection), so it gets a leading apostrophe, which spreadsheets show as text.
 */
export function neutralizeFormula(text: string): string {
  return FORMULA_TRIGGERS.has(text.charAt(0)) ? `'${text}` : text;
}

/** RFC 4180: a field with a quote, comma, CR or LF is quoted, inner quotes doubled. */
export function quoteCsvField(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

/** A text cell: neutralized, then quoted. */
export function textCell(text: string): string {
  return quoteCsvField(neutralizeFormula(text));
}

function probabilityCells(probabilities: NeedProbabilities | null | undefined): string[] {
  return NEEDS.map((_, index) => {
    const value = probabilities?.[index];
    return value === undefined ? '' : formatPlainNumber(value, PROBABILITY_DECIMALS);
  });
}

export function csvHeaderLine(): string {
  return CSV_COLUMNS.join(',') + CSV_LINE_END;
}

/** One episode as one CSV line (with its line end), in CSV_COLUMNS order. */
export function episodeCsvLine(episode: Episode, babyName: string, offsetMinutesAt: OffsetMinutesAt): string {
  const cells = [
    textCell(episode.id),
    textCell(babyName),
    formatIsoWithOffset(episode.startedAt, offsetMinutesAt(episode.startedAt)),
    formatIsoWithOffset(episode.endedAt, offsetMinutesAt(episode.endedAt)),
    formatPlainNumber(episode.durationSeconds, DURATION_DECIMALS),
    formatPlainNumber(episode.peakCryProbability, PROBABILITY_DECIMALS),
    episode.topNeed ?? '',
    episode.confidence === null ? '' : formatPlainNumber(episode.confidence, PROBABILITY_DECIMALS),
    episode.notSure ? 'yes' : 'no',
    ...probabilityCells(episode.needProbabilities),
    ...probabilityCells(episode.modalities.audio),
    ...probabilityCells(episode.modalities.face),
    episode.contributed.join(';'),
    textCell(
      Object.entries(episode.modelVersions)
        .map(([model, version]) => `${model}=${version}`)
        .join(';'),
    ),
    textCell(episode.note),
    episode.actualReason ?? '',
    textCell(episode.whatHelped),
    formatIsoWithOffset(episode.updatedAt, offsetMinutesAt(episode.updatedAt)),
    episode.cryCorrection ? CORRECTION_CELLS[episode.cryCorrection] : '',
  ];
  return cells.join(',') + CSV_LINE_END;
}

export interface CsvExportOptions {
  offsetMinutesAt?: OffsetMinutesAt;
  pageSize?: number;
}

/**
 * The CSV of the episodes matching a filter, oldest first, as text chunks: the BOM and header,
 * then one chunk per page of episodes. Reading pauses between pages so the page stays responsive.
 */
export async function* episodeCsvChunks(
  db: HistoryDb,
  filter: EpisodeFilter,
  options: CsvExportOptions = {},
): AsyncGenerator<string, void, void> {
  const offsetAt = options.offsetMinutesAt ?? localOffsetMinutesAt;
  const names = new Map((await listProfiles(db)).map((profile) => [profile.id, profile.name]));
  yield CSV_BOM + csvHeaderLine();
  for await (const page of pageEpisodes(db, filter, 'oldest-first', options.pageSize ?? DEFAULT_EPISODE_PAGE_SIZE)) {
    yield page.map((episode) => episodeCsvLine(episode, names.get(episode.profileId) ?? '', offsetAt)).join('');
  }
}

/** The same chunks as a byte stream (UTF-8), for consumers that take a ReadableStream. */
export function csvByteStream(chunks: AsyncIterable<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = chunks[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

/** Collects the chunks into a File ready to share or download. */
export async function csvFile(chunks: AsyncIterable<string>, fileName: string): Promise<File> {
  const parts: string[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return new File(parts, fileName, { type: 'text/csv;charset=utf-8' });
}
