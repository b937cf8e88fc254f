import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BackupStreamReader, readBackupText, type StreamedBackup } from './backup-stream-reader.ts';
import { InputError } from './input-error.ts';
import type { Backup, BackupReading } from './backup-format.ts';
import type { Episode } from '../log/types.ts';
import type { CareEntry } from '../domain/care.ts';
import { episode, profile } from '../../tests/unit/history-fixtures.ts';

const NOW = Date.UTC(2026, 10, 25, 12);
const H = 3_600_000;
const NOT_JSON = /^This file cannot be read as a CryDecode backup: it is not valid JSON \(it may be incomplete or damaged\)\.$/;
const FIXTURE = readFileSync('tests/fixtures/context-backup.json', 'utf8');
const FIXTURE_NOW = Date.parse('2026-11-16T00:00:00Z');

/** Reads `text` through the streaming reader in pieces of `chunkBytes` bytes (split anywhere, even inside a character). */
function readInChunks(text: string, nowMs: number, chunkBytes: number, batchSize = 250): BackupReading & { batches: number[] } {
  const episodes: Episode[] = [];
  const careEntries: CareEntry[] = [];
  const batches: number[] = [];
  const reader = new BackupStreamReader(
    nowMs,
    {
      episodes: (batch) => {
        batches.push(batch.length);
        episodes.push(...batch);
      },
      careEntries: (batch) => careEntries.push(...batch),
    },
    batchSize,
  );
  const bytes = new TextEncoder().encode(text);
  for (let at = 0; at < bytes.length; at += chunkBytes) reader.write(bytes.subarray(at, at + chunkBytes));
  const { backup, hasCareLog, futureTimesClamped }: StreamedBackup = reader.end();
  const { careEntriesRejected, ...rest } = backup;
  const whole: Backup = { ...rest, episodes };
  if (hasCareLog) whole.careEntries = careEntries;
  if (careEntriesRejected !== undefined) whole.careEntriesRejected = careEntriesRejected;
  return { backup: whole, futureTimesClamped, batches };
}

function failure(read: () => unknown): Error {
  try {
    read();
  } catch (error) {
    if (error instanceof Error) return error;
  }
  throw new Error('expected the read to fail');
}

/**
 * 1 200 cries (some with notes in other scripts, some with last-change times in the future), a
 * second baby, and a care log with malformed entries mixed in.
 */
function generatedBackup(): { text: string; futureCries: number; goodCare: number; badCare: number } {
  const ada = profile();
  const ben = profile({ id: 'b7a4c2d0-0000-4000-8000-000000000002', name: 'Ben 🐣', birthDate: null });
  let futureCries = 0;
  const episodes = Array.from({ length: 1_200 }, (_, index) => {
    const startedAt = NOW - (index + 1) * 600_000;
    const future = index % 97 === 0;
    if (future) futureCries += 1;
    return episode({
      id: `e-${index}`,
      profileId: index % 3 === 0 ? ben.id : ada.id,
      startedAt,
      endedAt: startedAt + 60_000,
      note: index % 5 === 0 ? `fed ${index}: “café” 👶 \\ "quoted"\n` : '',
      updatedAt: future ? 8.64e15 : startedAt + 61_000,
    });
  });
  const care: unknown[] = [];
  let goodCare = 0;
  let badCare = 0;
  for (let index = 0; index < 400; index += 1) {
    const entry = { kind: 'nappy', id: `n-${index}`, profileId: ada.id, time: NOW - index * H, content: 'wet', updatedAt: NOW - index * H, deleted: false };
    if (index % 10 === 3) {
      care.push({ ...entry, content: 'green' });
      badCare += 1;
    } else if (index % 10 === 7) {
      care.push({ ...entry, profileId: 'nobody' });
      badCare += 1;
    } else if (index % 50 === 9) {
      care.push(care[0]);
      badCare += 1;
    } else {
      care.push(entry);
      goodCare += 1;
    }
  }
  const backup = { format: 'crydecode-backup', version: 1, exportedAt: new Date(NOW).toISOString(), profiles: [ada, ben], episodes, careEntries: care };
  // Pretty-printed, so whitespace falls across chunk boundaries too.
  return { text: JSON.stringify(backup, null, 2), futureCries, goodCare, badCare };
}

describe('the streaming backup reader gives what the whole text gives, however the file is cut into chunks', () => {
  const generated = generatedBackup();

  for (const [name, text, nowMs] of [
    ['the committed context fixture', FIXTURE, FIXTURE_NOW],
    ['a generated backup with bad care entries and future times', generated.text, NOW],
  ] as const) {
    it(name, () => {
      const whole = readBackupText(text, nowMs);
      for (const chunkBytes of [text.length < 200_000 ? 1 : 7, 4_096, 65_536]) {
        const { batches, ...chunked } = readInChunks(text, nowMs, chunkBytes);
        expect(chunked).toEqual(whole);
        expect(Math.max(0, ...batches)).toBeLessThanOrEqual(250);
      }
    });
  }

  it('the fixture reads as JSON.parse reads it: every cry, baby and care entry, field for field', () => {
    const parsed = JSON.parse(FIXTURE) as Backup;
    const { backup, futureTimesClamped } = readBackupText(FIXTURE, FIXTURE_NOW);
    expect(futureTimesClamped).toBe(0);
    expect(backup.profiles).toEqual(parsed.profiles);
    expect(backup.episodes).toEqual(parsed.episodes);
    expect(backup.careEntries).toEqual(parsed.careEntries);
    expect(backup.careEntriesRejected).toBeUndefined();
  });

  it('the generated backup: all cries accepted, future times clamped, each bad care entry rejected and counted', () => {
    const { backup, futureTimesClamped } = readBackupText(generated.text, NOW);
    const parsed = JSON.parse(generated.text) as Backup;
    expect(backup.episodes).toHaveLength(1_200);
    expect(futureTimesClamped).toBe(generated.futureCries);
    expect(backup.episodes.filter((e) => e.updatedAt === NOW)).toHaveLength(generated.futureCries);
    // Notes with escapes, emoji and quotes come through as JSON.parse reads them.
    expect(backup.episodes.map((e) => e.note)).toEqual(parsed.episodes.map((e) => e.note));
    expect(backup.profiles.map((p) => p.name)).toEqual(['Ada', 'Ben 🐣']);
    expect(backup.careEntries).toHaveLength(generated.goodCare);
    expect(backup.careEntriesRejected).toHaveLength(generated.badCare);
    expect(backup.careEntriesRejected?.[0]).toMatch(/^Care entry 4, nappy: expected one of wet, dirty, both/);
    expect(backup.careEntriesRejected?.[1]).toBe('Care entry 8: belongs to a baby that is not in the file');
    expect(backup.careEntriesRejected).toContain('Care entry 10: appears twice');
  });

  it('reads a file whose sections come in another order (a tool that sorts keys) exactly the same', () => {
    const parsed = JSON.parse(generated.text) as Record<string, unknown>;
    const sorted = JSON.stringify(Object.fromEntries(Object.entries(parsed).sort(([a], [b]) => a.localeCompare(b))));
    expect(Object.keys(JSON.parse(sorted) as object)[0]).toBe('careEntries');
    expect(readInChunks(sorted, NOW, 4_096)).toEqual({ ...readInChunks(generated.text, NOW, 4_096) });
    const orphan = { ...parsed, episodes: [episode({ profileId: 'nobody' })] };
    const sortedOrphan = JSON.stringify(Object.fromEntries(Object.entries(orphan).sort(([a], [b]) => a.localeCompare(b))));
    expect(() => readBackupText(sortedOrphan, NOW)).toThrow('Cry 1: belongs to a baby that is not in the file');
  });
});

describe('a bad cry stops the read with the same message wherever the file is cut', () => {
  const { text } = generatedBackup();
  const cases: [string, string, string][] = [
    ['a malformed cry deep in the file', text.replace('"id": "e-1100"', '"id": 1100'), 'Cry 1101, id: expected text, found number'],
    ['a cry listed twice', text.replace('"id": "e-1150"', '"id": "e-12"'), 'Cry 1151: appears twice'],
    ['a cry of a baby not in the file', text.replace(/("id": "e-1180",\s*"profileId": )"[^"]+"/, '$1"nobody"'), 'Cry 1181: belongs to a baby that is not in the file'],
    ['a prototype key in a cry', text.replace('"id": "e-10",', '"id": "e-10", "__proto__": {"x": 1},'), 'Cry 11: contains the forbidden key "__proto__" (the file may have been tampered with)'],
    ['a section twice', text.replace('"version": 1,', '"version": 1, "profiles": [],'), 'Backup: has the field "profiles" twice'],
    ['an unknown section', text.replace('"exportedAt"', '"exportedAtt"'), 'Backup: unexpected field "exportedAtt"'],
    ['a missing section', text.replace(/"exportedAt": "[^"]+",/, ''), 'Backup: missing field "exportedAt"'],
  ];
  for (const [name, bad, message] of cases) {
    it(name, () => {
      expect(bad).not.toBe(text);
      const whole = failure(() => readBackupText(bad, NOW));
      expect(whole).toBeInstanceOf(InputError);
      expect(whole.message).toBe(message);
      for (const chunkBytes of [3, 65_536]) expect(failure(() => readInChunks(bad, NOW, chunkBytes)).message).toBe(message);
    });
  }

  it('stops at the bad cry: later cries are never checked or handed on', () => {
    const bad = text.replace('"id": "e-500"', '"id": 500');
    const handed: number[] = [];
    const reader = new BackupStreamReader(NOW, { episodes: (batch) => handed.push(batch.length), careEntries: () => undefined }, 100);
    expect(() => reader.write(bad)).toThrow('Cry 501, id: expected text, found number');
    expect(handed.reduce((a, b) => a + b, 0)).toBe(500);
  });
});

describe('records are handed on while the file is still arriving', () => {
  it('batches of at most the batch size go out before the file ends, and what the reader returns holds none of them', () => {
    const { text } = generatedBackup();
    const bytes = new TextEncoder().encode(text);
    const seen: Episode[][] = [];
    const reader = new BackupStreamReader(NOW, { episodes: (batch) => seen.push(batch), careEntries: () => undefined }, 64);
    reader.write(bytes.subarray(0, bytes.length / 2));
    const inFirstHalf = seen.reduce((sum, batch) => sum + batch.length, 0);
    expect(inFirstHalf).toBeGreaterThan(400);
    expect(reader.episodeCount).toBeGreaterThanOrEqual(inFirstHalf);
    reader.write(bytes.subarray(bytes.length / 2));
    const result = reader.end();
    expect(seen.every((batch) => batch.length <= 64)).toBe(true);
    expect(result.episodeCount).toBe(1_200);
    // Nothing of the cries is left in what the reader returns.
    expect(JSON.stringify(result).length).toBeLessThan(2_000 + 100 * (result.backup.careEntriesRejected?.length ?? 0));
  });
});

describe('a truncated or non-JSON file is named as such, in words', () => {
  const good = JSON.stringify({ format: 'crydecode-backup', version: 1, exportedAt: new Date(NOW).toISOString(), profiles: [profile()], episodes: [episode(), episode({ id: 'e2' })], careEntries: [] });

  it('a valid file reads (so the cuts below fail for being cut)', () => {
    expect(readBackupText(good, NOW).backup.episodes).toHaveLength(2);
  });

  it('cut at any point, it is "not valid JSON (may be incomplete)", never the parser\'s words', () => {
    for (let cut = 0; cut < good.length; cut += 1) {
      const error = failure(() => readInChunks(good.slice(0, cut), NOW, 16));
      expect(error, `cut at ${cut}`).toBeInstanceOf(InputError);
      expect(error.message, `cut at ${cut}`).toMatch(NOT_JSON);
    }
  });

  for (const [name, text, message] of [
    ['a picture', '\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR', NOT_JSON],
    ['text after the backup', `${good} and more`, NOT_JSON],
    ['a second document after it', `${good}{}`, NOT_JSON],
    ['only whitespace', '  \n ', NOT_JSON],
    ['a number', '42', /^This file is not a CryDecode backup\.$/],
    ['a list of backups', `[${good}]`, /^This file is not a CryDecode backup\.$/],
    ['a byte-order mark and whitespace around a good file', `\ufeff \n${good}\n  `, null],
  ] as const) {
    it(name, () => {
      if (message === null) {
        expect(readInChunks(text, NOW, 5).backup.episodes).toHaveLength(2);
        return;
      }
      expect(failure(() => readBackupText(text, NOW)).message).toMatch(message);
      expect(failure(() => readInChunks(text, NOW, 5)).message).toMatch(message);
    });
  }
});
