/**
 * Finds labelled audio in a folder the project has never seen, in either of two layouts:
 *
 * 1. Subfolders named after the label (any depth of WAV files below them, names case-insensitive):
 *    `hunger/ pain/ discomfort/ tired/` (a cry with that need), `cry/` (a cry of unknown need),
 *    `not_cry/` (anything that is not infant crying). Donate-a-Cry's own folder names are accepted
 *    too (hungry → hunger, belly_pain → pain, burping → discomfort, as its class4 column does).
 * 2. A `metadata.csv` with a `file` column (paths relative to the CSV) and a `class4` column
 *    (a need) and/or a `kind` column (`cry`, anything else = not a cry). An optional `group`,
 *    `install_id` or `source` column says which clips share a baby or a recording, so confidence
 *    intervals resample those together.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, resolve } from 'node:path';
import type { Need } from '../../src/domain/needs.ts';
import { parseCsvRecords } from './csv.ts';

export type ClipLabel = { kind: 'need'; need: Need } | { kind: 'cry' } | { kind: 'not-cry' };

export interface LabelledFile {
  path: string;
  /** Path relative to the data folder, as reported. */
  file: string;
  label: ClipLabel;
  /** Clips sharing a group are resampled together in bootstrap CIs; else the file itself. */
  group: string;
}

export interface SkippedFile {
  file: string;
  reason: string;
}

export interface LabelledAudio {
  layout: 'folders' | 'metadata.csv';
  files: LabelledFile[];
  skipped: SkippedFile[];
}

/** Folder (or class4) names and what they mean; keys are lower case. */
const LABEL_NAMES: Readonly<Record<string, ClipLabel>> = {
  hunger: { kind: 'need', need: 'hunger' },
  hungry: { kind: 'need', need: 'hunger' },
  pain: { kind: 'need', need: 'pain' },
  belly_pain: { kind: 'need', need: 'pain' },
  discomfort: { kind: 'need', need: 'discomfort' },
  burping: { kind: 'need', need: 'discomfort' },
  tired: { kind: 'need', need: 'tired' },
  cry: { kind: 'cry' },
  not_cry: { kind: 'not-cry' },
};

const GROUP_COLUMNS = ['group', 'install_id', 'source'] as const;

function isWav(path: string): boolean {
  return extname(path).toLowerCase() === '.wav';
}

function isHidden(name: string): boolean {
  return name.startsWith('.');
}

/** Every non-hidden file below a folder, sorted, as absolute paths. */
function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (isHidden(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(path));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

function fromFolders(root: string): LabelledAudio {
  const files: LabelledFile[] = [];
  const skipped: SkippedFile[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (isHidden(entry.name)) continue;
    const path = join(root, entry.name);
    const label = entry.isDirectory() ? LABEL_NAMES[entry.name.toLowerCase()] : undefined;
    const below = entry.isDirectory() ? listFiles(path) : entry.isFile() ? [path] : [];
    for (const filePath of below) {
      const file = relative(root, filePath);
      if (label === undefined) {
        if (isWav(filePath)) skipped.push({ file, reason: `not inside a labelled folder (${Object.keys(LABEL_NAMES).join(', ')})` });
      } else if (!isWav(filePath)) {
        skipped.push({ file, reason: 'not a .wav file (only WAV is read; convert with e.g. `ffmpeg -i in.m4a out.wav`)' });
      } else {
        files.push({ path: filePath, file, label, group: `file:${file}` });
      }
    }
  }
  return { layout: 'folders', files, skipped };
}

function labelFromRecord(record: Record<string, string>): ClipLabel | string {
  const class4 = record.class4?.trim() ?? '';
  const kind = record.kind?.trim().toLowerCase() ?? '';
  if (class4 !== '') {
    const label = LABEL_NAMES[class4.toLowerCase()];
    if (label !== undefined && label.kind === 'need') return label;
    if (kind === '') return `class4 "${class4}" is not one of the four needs (discomfort, hunger, pain, tired)`;
  }
  if (kind === '') return 'no class4 and no kind given';
  return kind === 'cry' ? { kind: 'cry' } : { kind: 'not-cry' };
}

function fromMetadata(root: string, csvPath: string): LabelledAudio {
  const records = parseCsvRecords(readFileSync(csvPath, 'utf8'), csvPath, ['file']);
  const columns = Object.keys(records[0] ?? {});
  if (!columns.includes('class4') && !columns.includes('kind')) {
    throw new Error(`${csvPath}: needs a class4 column (a need) or a kind column (cry / anything else); found ${columns.join(', ')}`);
  }
  const groupColumn = GROUP_COLUMNS.find((c) => columns.includes(c));
  const files: LabelledFile[] = [];
  const skipped: SkippedFile[] = [];
  records.forEach((record, row) => {
    const file = record.file?.trim() ?? '';
    if (file === '') {
      skipped.push({ file: `metadata.csv row ${row + 2}`, reason: 'empty file column' });
      return;
    }
    const path = resolve(root, file);
    const label = labelFromRecord(record);
    if (typeof label === 'string') skipped.push({ file, reason: label });
    else if (!existsSync(path) || !statSync(path).isFile()) skipped.push({ file, reason: 'listed in metadata.csv but not found' });
    else if (!isWav(path)) skipped.push({ file, reason: 'not a .wav file (only WAV is read)' });
    else {
      const group = groupColumn === undefined ? '' : (record[groupColumn]?.trim() ?? '');
      files.push({ path, file, label, group: group === '' ? `file:${file}` : `${groupColumn}:${group}` });
    }
  });
  return { layout: 'metadata.csv', files, skipped };
}

/**
 * Finds the labelled WAV files of a folder: metadata.csv when present, else labelled subfolders.
 * @throws Error with a plain explanation when the folder is missing or has neither layout
 */
export function discoverLabelledAudio(dataDir: string): LabelledAudio {
  const root = resolve(dataDir);
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new Error(`data folder not found: ${root}`);
  const csvPath = join(root, 'metadata.csv');
  const found = existsSync(csvPath) ? fromMetadata(root, csvPath) : fromFolders(root);
  if (found.files.length === 0) {
    const why = found.skipped.length > 0 ? ` (${found.skipped.length} file(s) skipped, e.g. ${found.skipped[0]?.file}: ${found.skipped[0]?.reason})` : '';
    throw new Error(
      `no labelled WAV files in ${root}${why}. Expected subfolders hunger/ pain/ discomfort/ tired/ cry/ not_cry/ ` +
        'holding .wav files, or a metadata.csv with a file column and a class4 or kind column.',
    );
  }
  return found;
}
