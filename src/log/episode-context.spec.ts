import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { EpisodeContext } from '../domain/episode.ts';
import { addEpisode } from './episodes.ts';
import { validateEpisode, validateEpisodeRecord } from '../records/episode-validation.ts';
import { InputError } from '../records/input-error.ts';
import { episode, episodeRecord, freshHistoryDb } from '../../tests/unit/history-fixtures.ts';

const context: EpisodeContext = {
  atMs: Date.UTC(2026, 10, 25, 2, 14, 7),
  needProbabilities: [0.15, 0.6, 0.1, 0.15],
  firstGuess: 'hunger',
  topNeed: 'hunger',
  confidence: 0.6,
  notSure: false,
  noLog: false,
  reason: 'Last feed 3 h ago — babies this age usually feed about every 3 h',
  bin: 'due|fresh',
  minutesSinceFeed: 180,
  minutesAwake: 20,
  asleep: false,
  minutesSinceNappy: null,
  answersLearned: 4,
};

describe('episodes with the care-log context', () => {
  it('stores the context, the reason and what was left out, and reads them back from a backup', async () => {
    const db = await freshHistoryDb();
    const record = episodeRecord({
      contributed: ['context'],
      leftOut: [{ source: 'audio', why: 'Cry sound left out of the need: … includes chance (0.25).' }],
      reason: context.reason,
      context,
    });
    const stored = await addEpisode(db, 'b', record, Date.UTC(2026, 10, 25, 3));
    const read = await db.episodes.get(stored.id);
    expect(read).toMatchObject({ contributed: ['context'], reason: context.reason, context, leftOut: record.leftOut });
    expect(validateEpisode(read)).toEqual(read);
  });

  it('keeps an older record without the new fields as it was', () => {
    const older = episode();
    const validated = validateEpisode(older);
    expect(validated).toEqual(older);
    expect('context' in validated).toBe(false);
  });

  it('refuses a damaged context with the field named, instead of storing it', () => {
    const bad = { ...episodeRecord(), context: { ...context, firstGuess: 'colic' } };
    expect(() => validateEpisodeRecord(bad)).toThrow(InputError);
    expect(() => validateEpisodeRecord(bad)).toThrow(/context, first guess/);
    expect(() => validateEpisodeRecord({ ...episodeRecord(), leftOut: [{ source: 'smell', why: 'x' }] })).toThrow(/left out\[0\], source/);
    expect(() => validateEpisodeRecord({ ...episodeRecord(), contributed: ['context', 'context'] })).toThrow(/lists a sense twice/);
  });
});
