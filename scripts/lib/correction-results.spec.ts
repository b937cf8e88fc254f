import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORRECTIONS_FILE, knownGaps, parseCorrectionResults, renderCorrectionSections, replayCorrections, type CorrectionResults, type ReplaySource, type ReplayWindow } from './correction-results.ts';

/** A window near one of a few orthogonal directions (0: laugh-like, 1: cry, 2: noise). */
function w(direction: number, probability: number, wobble = 0): ReplayWindow {
  const e = new Float32Array(8).fill(0.01);
  e[direction] = 1;
  e[7] = wobble;
  return { probability, embedding: e };
}

const OPTIONS = { similarity: 0.95, margin: 0.05, capacity: 200 };
const THRESHOLD = 0.7;

describe('replayCorrections', () => {
  const laugh: ReplaySource = { source: 'generated infant-laugh', kind: 'generated', inTraining: false, heldOut: true, windows: [w(0, 0.9), w(0, 0.2), w(0, 0.9, 0.1), w(0, 0.95, 0.05), w(0, 0.9), w(0, 0.8), w(0, 0.9), w(0, 0.1)] };
  const quiet: ReplaySource = { source: 'ESC-50 rain', kind: 'esc-noise', inTraining: true, heldOut: false, windows: [w(2, 0.1), w(2, 0.2)] };
  const cries = [w(1, 0.9), w(1, 0.95), w(1, 0.5), w(1, 0.8)];
  const result = replayCorrections([laugh, quiet], cries, THRESHOLD, OPTIONS);

  it('measures the rest of a source after k marked windows, and recall on every cry', () => {
    expect(result.baseRecall).toBe(0.75);
    expect(result.worstRecall).toBe(0.75);
    expect(result.cryWindows).toBe(4);
    // A source that never fires has nothing to correct.
    expect(result.rows.map((r) => r.source)).toEqual(['generated infant-laugh']);
    const [row] = result.rows;
    expect(row?.baseRate).toBe(6 / 8);
    // After one marked window every later laugh-like window is vetoed; cries stay found.
    expect(row?.cells[0]).toEqual({ k: 1, falseAlarmRate: 0, recall: 0.75 });
    // Six alarms: k = 5 is still measurable on what follows the fifth.
    expect(row?.cells[3]?.k).toBe(5);
    expect(row?.cells.every((c) => c !== null)).toBe(true);
  });

  it('shows a similarity loose enough to swallow cries as lost recall', () => {
    const blurry = { probability: 0.9, embedding: Float32Array.from([1, 1, 0.01, 0.01, 0.01, 0.01, 0.01, 0]) };
    const loose = replayCorrections([{ ...laugh, windows: [blurry, ...laugh.windows] }], cries, THRESHOLD, { ...OPTIONS, similarity: 0.5 });
    expect(loose.worstRecall).toBe(0);
  });

  it('is deterministic', () => {
    expect(replayCorrections([laugh, quiet], cries, THRESHOLD, OPTIONS)).toEqual(result);
  });
});

function results(overrides: Partial<CorrectionResults> = {}): CorrectionResults {
  const laughSource: ReplaySource = { source: 'generated infant-laugh', kind: 'generated', inTraining: false, heldOut: true, windows: [w(0, 0.9), w(0, 0.9), w(0, 0.9), w(0, 0.9), w(0, 0.9), w(0, 0.9), w(0, 0.9)] };
  // Babble windows all differ from each other (no two within the similarity): corrections do not carry over.
  const spread = (i: number): ReplayWindow => ({ probability: 0.9, embedding: Float32Array.from({ length: 8 }, (_, d) => Math.sin((i + 1) * (d + 1) * 1.7)) });
  const babble: ReplaySource = { source: 'generated infant-babble', kind: 'generated', inTraining: true, heldOut: false, windows: Array.from({ length: 12 }, (_, i) => spread(i)) };
  const cries = [w(1, 0.9), w(1, 0.4)];
  return {
    schemaVersion: 1,
    generatedAt: '2026-12-02T15:00:00.000Z',
    command: 'node --import tsx scripts/evaluate-corrections.ts',
    modelVersion: 'audio@1',
    threshold: THRESHOLD,
    generation: { seed: 4242, perFamily: 20, seconds: 5 },
    families: [
      { family: 'infant-laugh', heldOut: true, inTraining: false, clips: 20, windows: 160, windowFalseAlarmRate: 0.7, clipsCalledCrying: 19 },
      { family: 'infant-fuss', heldOut: false, inTraining: true, clips: 20, windows: 160, windowFalseAlarmRate: 0, clipsCalledCrying: 0 },
    ],
    replays: [replayCorrections([laughSource, babble], cries, THRESHOLD, OPTIONS), replayCorrections([laughSource, babble], cries, THRESHOLD, { ...OPTIONS, similarity: 0.98 })],
    shippedSimilarity: 0.95,
    ...overrides,
  };
}

describe('renderCorrectionSections', () => {
  it('renders the proxy, every family, the replay per source and k, and the known gaps', () => {
    const markdown = renderCorrectionSections(results(), 'audio@1').join('\n\n');
    expect(markdown).toContain('**proxy test: held out of training**');
    expect(markdown).toContain('| infant-laugh | **proxy test: held out of training** | 20 | 19 (95 %) | 160 | 0.700 |');
    expect(markdown).toContain('| infant-fuss | training negative | 20 | 0 (0 %) | 160 | 0.000 |');
    expect(markdown).toMatch(/\| held-out source \| windows \| false alarms, k = 0 \| k = 1 \| k = 2 \| k = 3 \| k = 5 \|/);
    expect(markdown).toContain('generated infant-laugh (proxy, never trained on) | 7 | 1.000 | 0.000 (recall 0.500)');
    expect(markdown).toContain('generated infant-babble (in training: base rate in-sample)');
    expect(markdown).toContain('#### Other similarities tried');
    expect(markdown).toContain('## Known gaps');
    expect(markdown).not.toContain('Stale');
    expect(markdown).not.toMatch(/NaN|undefined/);
  });

  it('says the numbers are stale when they were measured on another model', () => {
    expect(renderCorrectionSections(results(), 'audio@2').join('\n')).toMatch(/\*\*Stale:\*\* these numbers were measured on `audio@1`/);
  });

  it('says how to measure when there is no results file', () => {
    expect(renderCorrectionSections(null, 'audio@1').join('\n')).toMatch(/No corrections\.json next to the model: run `node --import tsx scripts\/evaluate-corrections\.ts/);
  });

  it('names in the gaps the families corrections do not fix and those the model still calls crying', () => {
    const gaps = knownGaps(results()).join('\n');
    expect(gaps).toMatch(/generated infant-babble 1\.000 after k = 5/);
    expect(gaps).toMatch(/infant-laugh 95 %/);
    expect(gaps).not.toMatch(/infant-fuss/);
  });

  it('round-trips through corrections.json and refuses a file of another shape', () => {
    const dir = mkdtempSync(join(tmpdir(), 'crydecode-corrections-'));
    try {
      const file = join(dir, CORRECTIONS_FILE);
      writeFileSync(file, JSON.stringify(results()));
      expect(parseCorrectionResults(readFileSync(file, 'utf8'))).toEqual(JSON.parse(JSON.stringify(results())));
      expect(() => parseCorrectionResults('{"schemaVersion":2}')).toThrow(/not a version-1 corrections file/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
