import { describe, expect, it } from 'vitest';
import { BenchArgumentError, parseBenchArguments } from './bench-args.ts';

const SPECS = [
  { name: 'minutes', default: 60 },
  { name: 'distDir', default: 'dist', text: true },
  { name: 'episodeCount', default: 100_000, whole: true },
] as const;

describe('parseBenchArguments', () => {
  it('takes defaults, positions and names', () => {
    expect(parseBenchArguments(SPECS, [])).toEqual([60, 'dist', 100_000]);
    expect(parseBenchArguments(SPECS, ['1.5', 'build'])).toEqual([1.5, 'build', 100_000]);
    expect(parseBenchArguments(SPECS, ['--episodeCount', '500', '2'])).toEqual([2, 'dist', 500]);
  });

  it('refuses what would make a benchmark meaningless, saying which argument', () => {
    expect(() => parseBenchArguments(SPECS, ['0'])).toThrow('minutes must be a positive number, got "0"');
    expect(() => parseBenchArguments(SPECS, ['abc'])).toThrow(BenchArgumentError);
    expect(() => parseBenchArguments(SPECS, ['1', 'dist', '2.5'])).toThrow('episodeCount must be a positive whole number, got "2.5"');
    expect(() => parseBenchArguments(SPECS, ['1', 'dist', '3', '4'])).toThrow('expected at most 3 arguments');
    expect(() => parseBenchArguments(SPECS, ['--seconds', '3'])).toThrow(BenchArgumentError);
    expect(() => parseBenchArguments(SPECS, ['5', '--minutes', '3'])).toThrow('minutes given twice');
  });
});

describe('the benchmarks\' median and percentile', () => {
  it('is nearest-rank over unsorted samples', async () => {
    const { median, percentile } = await import('../../bench/percentiles.ts');
    expect(median([5, 1, 3, 2, 4])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2);
    expect(percentile([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 95)).toBe(100);
    expect(percentile([], 50)).toBeNaN();
  });
});
