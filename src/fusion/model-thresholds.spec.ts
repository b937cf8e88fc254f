import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, thresholdsFromModel } from './model-thresholds.ts';

describe('thresholdsFromModel', () => {
  it('uses the loaded model\'s numbers and says where they came from', () => {
    const t = thresholdsFromModel({ cryThreshold: 0.73, notSureThreshold: 1 });
    expect(t).toMatchObject({ cryThreshold: 0.73, notSureThreshold: 1, source: 'model' });
    expect(t.rationale).toContain('0.73');
    expect(DEFAULT_THRESHOLDS.source).toBe('defaults');
  });
});
