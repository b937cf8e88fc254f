import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { operatingPointsFromMetrics } from './operating-points.ts';

const SHIPPED = JSON.parse(readFileSync(new URL('../../public/models/audio/metrics.json', import.meta.url), 'utf8')) as {
  quantized: { cry: { threshold: { value: number }; perRecording: { pooled: { recall: number } } } };
};

/** A small card: 100 cries and 100 non-cries per window, ROC points with thresholds. */
function card(extra: Record<string, unknown> = {}): unknown {
  return {
    quantized: {
      cry: {
        threshold: { value: 0.7 },
        pooled: { precision: 0.9, recall: 0.8, truePositives: 80, falseNegatives: 20, falsePositives: 10, trueNegatives: 90 },
        perRecording: { pooled: { precision: 0.95, recall: 0.96 } },
        roc: [
          { threshold: null, falsePositiveRate: 0, truePositiveRate: 0 },
          { threshold: 0.9, falsePositiveRate: 0.05, truePositiveRate: 0.6 },
          { threshold: 0.7, falsePositiveRate: 0.1, truePositiveRate: 0.8 },
          { threshold: 0.5, falsePositiveRate: 0.2, truePositiveRate: 0.9 },
          { threshold: 0.3, falsePositiveRate: 0.4, truePositiveRate: 0.97 },
        ],
        ...extra,
      },
    },
  };
}

describe('sensitivity operating points', () => {
  it('picks half and twice the shipped false-alarm rate off the ROC and computes their precision', () => {
    const points = operatingPointsFromMetrics(card());
    expect(points.map((p) => p.sensitivity)).toEqual(['fewer-false-alarms', 'balanced', 'catch-every-cry']);
    const [fewer, balanced, more] = points;
    expect(fewer?.cryThreshold).toBe(0.9);
    expect(fewer?.perWindow.recall).toBe(0.6);
    expect(fewer?.perWindow.precision).toBeCloseTo(60 / 65, 10);
    expect(fewer?.perRecording).toBeNull();
    expect(balanced).toEqual({ sensitivity: 'balanced', cryThreshold: 0.7, perWindow: { precision: 0.9, recall: 0.8 }, perRecording: { precision: 0.95, recall: 0.96 } });
    expect(more?.cryThreshold).toBe(0.5);
    expect(more?.perWindow.precision).toBeCloseTo(90 / 110, 10);
  });

  it('offers only the measured point when there is no ROC, and nothing for an unusable card', () => {
    expect(operatingPointsFromMetrics(card({ roc: undefined })).map((p) => p.sensitivity)).toEqual(['balanced']);
    expect(operatingPointsFromMetrics({ quantized: { cry: { threshold: { value: 2 } } } })).toEqual([]);
    expect(operatingPointsFromMetrics('nonsense')).toEqual([]);
  });

  it('on the shipped card: balanced is the shipped threshold, the others sit either side of it', () => {
    const points = operatingPointsFromMetrics(SHIPPED);
    expect(points).toHaveLength(3);
    const [fewer, balanced, more] = points;
    // Read from the card itself, so a retrained model's numbers are checked, not an old model's.
    expect(balanced?.cryThreshold).toBe(SHIPPED.quantized.cry.threshold.value);
    expect(balanced?.perRecording?.recall).toBe(SHIPPED.quantized.cry.perRecording.pooled.recall);
    expect(fewer?.cryThreshold).toBeGreaterThan(balanced?.cryThreshold ?? 1);
    expect(more?.cryThreshold).toBeLessThan(balanced?.cryThreshold ?? 0);
    expect(fewer?.perWindow.precision).toBeGreaterThan(balanced?.perWindow.precision ?? 1);
    expect(more?.perWindow.recall).toBeGreaterThan(balanced?.perWindow.recall ?? 1);
  });
});
