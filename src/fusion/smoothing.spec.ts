import { describe, expect, it } from 'vitest';
import { keepRecent, Smoother } from './smoothing.ts';

describe('keepRecent', () => {
  it('keeps entries strictly newer than now − span', () => {
    const history = [0, 0.5, 1, 1.5, 2].map((t) => ({ timeSeconds: t, value: t }));
    expect(keepRecent(history, 2, 1.5).map((e) => e.timeSeconds)).toEqual([1, 1.5, 2]);
  });
});

describe('Smoother', () => {
  it('averages cry probability over the last 1.5 s (3 windows at 0.5 s)', () => {
    const s = new Smoother({ crySeconds: 1.5, needSeconds: 3 });
    expect(s.pushCryProbability(0, 0)).toBe(0);
    expect(s.pushCryProbability(0.5, 0)).toBe(0);
    expect(s.pushCryProbability(1, 0.9)).toBeCloseTo(0.3, 12);
    expect(s.pushCryProbability(1.5, 0.9)).toBeCloseTo(0.6, 12);
    expect(s.pushCryProbability(2, 0.9)).toBeCloseTo(0.9, 12);
  });

  it('keeps a single loud window below a 0.5 threshold', () => {
    const s = new Smoother();
    const values = [0, 0, 1, 0, 0].map((p, i) => s.pushCryProbability(i * 0.5, p));
    expect(Math.max(...values)).toBeLessThan(0.5);
  });

  it('does not flicker when the raw estimate alternates', () => {
    const s = new Smoother({ crySeconds: 1.5, needSeconds: 3 });
    const a = [0.6, 0.1, 0.2, 0.1] as const;
    const b = [0.1, 0.5, 0.3, 0.1] as const;
    const tops: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      const v = s.pushNeedProbabilities(i * 0.5, i % 2 === 0 ? a : b);
      if (v === null) throw new Error('expected a vector');
      tops.push(v.indexOf(Math.max(...v)));
    }
    expect(new Set(tops.slice(2))).toEqual(new Set([0]));
  });

  it('forgets needs older than the span and returns null without recent estimates', () => {
    const s = new Smoother({ crySeconds: 1.5, needSeconds: 3 });
    s.pushNeedProbabilities(0, [1, 0, 0, 0]);
    expect(s.pushNeedProbabilities(2.5, null)).toEqual([1, 0, 0, 0]);
    expect(s.pushNeedProbabilities(3, null)).toBeNull();
  });

  it('ignores a cry window older than the newest and resets', () => {
    const s = new Smoother();
    s.pushCryProbability(2, 1);
    expect(s.pushCryProbability(1, 0)).toBe(1);
    s.reset();
    expect(s.cryProbability()).toBe(0);
    expect(s.needProbabilities()).toBeNull();
  });
});
