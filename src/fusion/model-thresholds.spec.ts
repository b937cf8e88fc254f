import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, thresholdsFromMetrics } from './model-thresholds.ts';

const variant = (cry: unknown, notSure: unknown) => ({
  cry: { threshold: { value: cry, rationale: 'max F1 on held-out sources' } },
  need: { calibration: { notSureThreshold: notSure, notSureRationale: 'accuracy ≥ 0.6 above it' } },
});

describe('thresholdsFromMetrics', () => {
  it('reads the quantized variant first', () => {
    const t = thresholdsFromMetrics({ quantized: variant(0.62, 0.55), float: variant(0.4, 0.7) });
    expect(t).toMatchObject({ cryThreshold: 0.62, notSureThreshold: 0.55, source: 'model-card' });
    expect(t.rationale).toContain('max F1');
  });

  it('falls back to the float variant, then to defaults, field by field', () => {
    expect(thresholdsFromMetrics({ quantized: variant('x', null), float: variant(0.3, 1.01) })).toMatchObject({ cryThreshold: 0.3, notSureThreshold: 1.01 });
    const partial = thresholdsFromMetrics({ quantized: variant(0.7, -1) });
    expect(partial).toMatchObject({ cryThreshold: 0.7, notSureThreshold: DEFAULT_THRESHOLDS.notSureThreshold, source: 'model-card' });
    expect(partial.rationale).toContain('default');
  });

  it('uses the defaults for anything that is not a metrics report', () => {
    for (const junk of [null, 42, 'metrics', [], {}, { quantized: { cry: { threshold: { value: 2 } } } }, JSON.parse('{"__proto__": {"cry": 1}}') as unknown]) {
      expect(thresholdsFromMetrics(junk)).toBe(DEFAULT_THRESHOLDS);
    }
  });
});
