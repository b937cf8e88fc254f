import { describe, expect, it } from 'vitest';
import type { EpochRecord, ReliabilityBin } from './metrics-report.ts';
import { confusionMatrixSvg, escapeXml, learningCurvesSvg, niceTicks, reliabilityDiagramSvg, rocCurveSvg } from './plots-svg.ts';

/** Minimal well-formedness check: tags nest and close, no attribute repeats within a tag, no NaN. */
function expectWellFormedSvg(svg: string): void {
  expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  expect(svg).not.toMatch(/NaN|undefined|Infinity/);
  const stack: string[] = [];
  for (const match of svg.matchAll(/<(\/?)([a-zA-Z]+)([^>]*?)(\/?)>/g)) {
    const [, closing, name = '', attributes = '', selfClosing] = match;
    const names = [...attributes.matchAll(/\s([a-zA-Z-:]+)="/g)].map((m) => m[1]);
    expect(new Set(names).size, `duplicate attribute in <${name}${attributes}>`).toBe(names.length);
    if (closing === '/') expect(stack.pop()).toBe(name);
    else if (selfClosing !== '/') stack.push(name);
  }
  expect(stack).toEqual([]);
  // Text content may not hold raw markup characters.
  for (const m of svg.matchAll(/>([^<]*)</g)) expect(m[1]).not.toMatch(/[<>]|&(?!amp;|lt;|gt;|quot;|#39;)/);
}

describe('helpers', () => {
  it('escapes markup', () => {
    expect(escapeXml(`a<b & "c" 'd'>`)).toBe('a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;');
  });

  it('chooses nice ticks', () => {
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(1, 30, 5)).toEqual([10, 20, 30]);
    expect(niceTicks(-0.3, 0.25, 5)).toEqual([-0.2, 0, 0.2]);
    expect(niceTicks(3, 3)).toEqual([3]);
  });
});

describe('confusionMatrixSvg', () => {
  const svg = confusionMatrixSvg(
    [
      [5, 1, 0, 0],
      [3, 70, 2, 1],
      [0, 0, 0, 0],
      [1, 1, 1, 2],
    ],
    ['discomfort', 'hunger', 'pain <rare>', 'tired'],
    'Need classifier — pooled out-of-fold',
  );

  it('is well-formed and shows counts and row shares', () => {
    expectWellFormedSvg(svg);
    expect(svg).toContain('>70<');
    // Row "hunger": 70 of 76 = 92%; an empty row shows 0%, not NaN.
    expect(svg).toContain('>92%<');
    expect(svg).toContain('>0%<');
    expect(svg).toContain('pain &lt;rare&gt;');
    expect(svg.match(/<rect [^>]*width="\d+" height="\d+" fill="rgba/g)).toHaveLength(32);
  });
});

describe('learningCurvesSvg', () => {
  const history = (offset: number): EpochRecord[] =>
    Array.from({ length: 12 }, (_, i) => ({ epoch: i + 1, trainLoss: 1.4 - 0.08 * i + offset, trainAccuracy: 0.3 + 0.04 * i, valLoss: 1.4 - 0.03 * i + offset, valAccuracy: 0.3 + 0.02 * i }));

  it('draws a solid training and a dashed validation line per fold, for loss and accuracy', () => {
    const svg = learningCurvesSvg(
      [
        { name: 'fold 1', history: history(0) },
        { name: 'fold 2', history: history(0.1) },
      ],
      'Learning curves',
    );
    expectWellFormedSvg(svg);
    expect(svg.match(/<polyline /g)).toHaveLength(8);
    expect(svg.match(/<polyline [^>]*stroke-dasharray/g)).toHaveLength(4);
    expect(svg).toContain('fold 2');
  });

  it('survives empty and non-finite histories', () => {
    expectWellFormedSvg(learningCurvesSvg([{ name: 'x', history: [{ epoch: 1, trainLoss: Number.NaN, trainAccuracy: 0.5, valLoss: 1, valAccuracy: 0.5 }] }], 't'));
    expectWellFormedSvg(learningCurvesSvg([], 'empty'));
  });
});

describe('reliabilityDiagramSvg and rocCurveSvg', () => {
  it('draws a bar per non-empty bin with its count and the ECE', () => {
    const bins: ReliabilityBin[] = Array.from({ length: 15 }, (_, b) => ({ low: b / 15, high: (b + 1) / 15, count: b % 3 === 0 ? 0 : b * 2, meanConfidence: (b + 0.5) / 15, accuracy: b / 20 }));
    const svg = reliabilityDiagramSvg(bins, 'Reliability', 0.0423);
    expectWellFormedSvg(svg);
    expect(svg.match(/fill-opacity="0.75"/g)).toHaveLength(10);
    expect(svg).toContain('ECE = 0.042');
  });

  it('maps (0,0) and (1,1) to the plot corners and marks the operating point', () => {
    const svg = rocCurveSvg(
      [
        { falsePositiveRate: 0, truePositiveRate: 0, threshold: Number.POSITIVE_INFINITY },
        { falsePositiveRate: 0.1, truePositiveRate: 0.8, threshold: 0.6 },
        { falsePositiveRate: 1, truePositiveRate: 1, threshold: 0 },
      ],
      'Cry detector ROC',
      0.95,
      { falsePositiveRate: 0.1, truePositiveRate: 0.8, threshold: 0.6 },
    );
    expectWellFormedSvg(svg);
    // Plot area: x from 56 to 376, y from 36 (top) to 356 (bottom).
    expect(svg).toContain('points="56,356 88,100 376,36"');
    expect(svg).toContain('<circle cx="88" cy="100"');
    expect(svg).toContain('AUC = 0.950');
  });
});
