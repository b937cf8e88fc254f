import { describe, expect, it } from 'vitest';
import { CryAdaptation } from './cry-adaptation.ts';

/** A scripted embedding: a direction plus small seeded jitter, so "the same sound" repeats but never exactly. */
function embedding(direction: readonly number[], seed: number, jitter = 0.05): number[] {
  let state = seed * 2654435761;
  const next = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) - 0.5;
  return direction.map((v) => v + jitter * next());
}

const LAUGH = [1, 0.2, 0, 0, 0.1, 0];
const CRY = [0.1, 1, 0.3, 0, 0, 0.2];
const TV = [0, 0, 0, 1, 0.5, 0];

describe('CryAdaptation', () => {
  it('suppresses a repeated negative after one correction, and leaves cries and other sounds alone', () => {
    const adaptation = new CryAdaptation();
    const sequence = Array.from({ length: 10 }, (_, i) => embedding(LAUGH, i + 1));
    expect(sequence.every((x) => !adaptation.decide(x).vetoed)).toBe(true);
    adaptation.markFalseAlarm(sequence[0] ?? []);
    expect(adaptation.correctionCount).toBe(1);
    expect(sequence.slice(1).every((x) => adaptation.decide(x).vetoed)).toBe(true);
    for (let i = 0; i < 10; i++) {
      expect(adaptation.decide(embedding(CRY, 100 + i)).vetoed).toBe(false);
      expect(adaptation.decide(embedding(TV, 200 + i)).vetoed).toBe(false);
    }
  });

  it('never vetoes a sound closer to a confirmed cry than to the false alarm by the margin', () => {
    const adaptation = new CryAdaptation({ similarity: 0.5, margin: 0.05, capacity: 10 });
    const between = LAUGH.map((v, i) => v + (CRY[i] ?? 0));
    adaptation.markFalseAlarm(LAUGH);
    expect(adaptation.decide(between).vetoed).toBe(true);
    adaptation.confirmCry(CRY);
    expect(adaptation.decide(between).vetoed).toBe(false);
    expect(adaptation.correctionCount).toBe(2);
  });

  it('forgets on reset and round-trips through its stored state', () => {
    const adaptation = new CryAdaptation();
    adaptation.markFalseAlarm(embedding(LAUGH, 1));
    const restored = CryAdaptation.fromState(JSON.parse(JSON.stringify(adaptation.toState())) as ReturnType<CryAdaptation['toState']>);
    expect(restored.decide(embedding(LAUGH, 2)).vetoed).toBe(true);
    adaptation.reset();
    expect(adaptation.correctionCount).toBe(0);
    expect(adaptation.decide(embedding(LAUGH, 2))).toEqual({ vetoed: false, nearestFalseAlarm: -1 });
    // After a reset another model's embedding size is accepted.
    adaptation.markFalseAlarm([1, 2, 3]);
    expect(adaptation.decide([1, 2, 3.1]).vetoed).toBe(true);
  });

  it('keeps only the newest corrections up to its capacity', () => {
    const adaptation = new CryAdaptation({ similarity: 0.9, margin: 0, capacity: 2 });
    adaptation.markFalseAlarm(LAUGH);
    adaptation.markFalseAlarm(TV);
    adaptation.markFalseAlarm(TV.map((v) => v * 2));
    expect(adaptation.correctionCount).toBe(2);
    expect(adaptation.decide(LAUGH).vetoed).toBe(false);
    expect(adaptation.decide(TV).vetoed).toBe(true);
  });

  it('rejects bad embeddings and options with a clear error', () => {
    const adaptation = new CryAdaptation();
    expect(() => adaptation.markFalseAlarm([0, 0, 0])).toThrow(/not all zeros/);
    expect(() => adaptation.markFalseAlarm([1, Number.NaN])).toThrow(/finite/);
    adaptation.markFalseAlarm([1, 0, 0]);
    expect(() => adaptation.decide([1, 0])).toThrow(/different model/);
    expect(() => new CryAdaptation({ similarity: 2, margin: 0, capacity: 1 })).toThrow(/similarity/);
    expect(() => new CryAdaptation({ similarity: 0.9, margin: -1, capacity: 1 })).toThrow(/margin/);
    expect(() => new CryAdaptation({ similarity: 0.9, margin: 0, capacity: 0 })).toThrow(/capacity/);
  });
});
