import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBackup } from '../../src/log/backup.ts';
import { replayBackup } from './context-replay.ts';

const backup = parseBackup(readFileSync('tests/fixtures/context-backup.json', 'utf8'));

describe('context replay of a backup', () => {
  it('judges every answered episode once, beside three baselines on the same episodes', () => {
    const report = replayBackup(backup, 1, 200);
    const answered = backup.episodes.filter((e) => e.actualReason !== null && e.actualReason !== 'other');
    expect(report.answeredEpisodes).toBe(answered.length);
    expect(report.careEntries).toBe(backup.careEntries?.length);
    expect(report.predictors).not.toBeNull();
    const p = report.predictors!;
    // Repeat-last, recomputed here by hand from the answers in time order.
    const answers = [...answered].sort((a, b) => a.startedAt - b.startedAt).map((e) => e.actualReason);
    const repeatHits = answers.filter((a, i) => i > 0 && answers[i - 1] === a).length;
    expect(p.repeatLast.hits).toBe(repeatHits);
    for (const r of Object.values(p)) {
      expect(r.accuracy.value).toBeCloseTo(r.hits / answered.length, 12);
      for (const m of [r.accuracy, r.balancedAccuracy, r.macroF1]) {
        expect(m.ci.low).toBeLessThanOrEqual(m.value + 1e-12);
        expect(m.ci.high).toBeGreaterThanOrEqual(m.value - 1e-12);
      }
    }
    // The synthetic family answers by the feed gap: context must beat remembering the last answer.
    expect(p.context.hits).toBeGreaterThan(p.repeatLast.hits);
  });

  it('reports no predictors for a backup without answers', () => {
    const report = replayBackup({ ...backup, episodes: [] });
    expect(report.answeredEpisodes).toBe(0);
    expect(report.predictors).toBeNull();
  });
});
