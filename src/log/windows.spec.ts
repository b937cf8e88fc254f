import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { addWindows, sessionWindows } from './windows.ts';
import { addEpisode } from './episodes.ts';
import type { WindowRecord } from './types.ts';
import { episodeRecord, freshHistoryDb } from '../../tests/unit/history-fixtures.ts';

function windowsAt(times: number[], sessionId = 's1'): WindowRecord[] {
  return times.map((time) => ({ sessionId, profileId: 'baby-1', time, cryProbability: 0.5, needProbabilities: null }));
}

describe('addWindows', () => {
  it('keeps at most the newest N windows and never touches episodes', async () => {
    const db = await freshHistoryDb();
    await addEpisode(db, 'baby-1', episodeRecord(), 0);
    await addWindows(db, windowsAt([1, 2, 3, 4]), 5);
    await addWindows(db, windowsAt([5, 6, 7]), 5);
    expect((await db.windows.orderBy('id').toArray()).map((w) => w.time)).toEqual([3, 4, 5, 6, 7]);
    expect(await db.episodes.count()).toBe(1);
  });

  it('reads one session in time order', async () => {
    const db = await freshHistoryDb();
    await addWindows(db, [...windowsAt([30, 10], 'a'), ...windowsAt([20], 'b')], 100);
    expect((await sessionWindows(db, 'a')).map((w) => w.time)).toEqual([10, 30]);
  });
});
