import { describe, expect, it } from 'vitest';
import { formatDuration, formatPercent, formatSenses } from './format.ts';

describe('format', () => {
  it('formats durations', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(42.9)).toBe('0:42');
    expect(formatDuration(725)).toBe('12:05');
    expect(formatDuration(3723)).toBe('1:02:03');
    expect(formatDuration(-5)).toBe('0:00');
  });
  it('formats percent and senses', () => {
    expect(formatPercent(0.725)).toBe('73%');
    expect(formatPercent(0.09)).toBe('9%');
    expect(formatSenses(['audio', 'face'])).toBe('sound and face');
    expect(formatSenses([])).toBe('');
  });
});
