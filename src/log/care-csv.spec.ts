import { describe, expect, it } from 'vitest';
import { careCsvChunks, CARE_CSV_COLUMNS } from './care-csv.ts';
import { addCareEntry, deleteCareEntry } from './care-log.ts';
import { freshHistoryDb, profile } from '../../tests/unit/history-fixtures.ts';

const NOW = Date.UTC(2026, 10, 25, 12);
const utc = (): number => 0;

describe('care log CSV', () => {
  it('writes one typed row per live entry, oldest first, in its own file', async () => {
    const db = await freshHistoryDb();
    const baby = profile();
    await db.profiles.add(baby);
    await addCareEntry(db, { kind: 'feed', profileId: baby.id, time: NOW - 3_600_000, method: 'bottle', amountMl: 120 }, NOW);
    await addCareEntry(db, { kind: 'soothe', profileId: baby.id, time: NOW - 60_000, text: '=rocking' }, NOW);
    const gone = await addCareEntry(db, { kind: 'nappy', profileId: baby.id, time: NOW - 120_000, content: 'both' }, NOW);
    await deleteCareEntry(db, gone.id, NOW);
    let text = '';
    for await (const chunk of careCsvChunks(db, { profileId: null, fromMs: 0, toMs: NOW }, utc)) text += chunk;
    const lines = text.replace('\uFEFF', '').trimEnd().split('\r\n');
    expect(lines[0]).toBe(CARE_CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/,Ada,feed,2026-11-25T11:00:00\+00:00,,bottle,120,,,/);
    expect(lines[2]).toContain(",soothe,");
    expect(lines[2]).toContain("'=rocking"); // formula neutralized like the episodes' CSV
    db.close();
  });
});
