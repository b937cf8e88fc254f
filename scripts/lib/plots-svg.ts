/**
 * Dependency-free SVG plots for the model card: confusion matrices, learning curves, reliability
 * diagrams and ROC curves. Plain SVG 1.1 text that any browser or Markdown viewer shows; colours
 * from the Okabe–Ito palette, which stays distinguishable with colour-vision deficiencies.
 */
import type { EpochRecord, ReliabilityBin, RocPoint } from './metrics-report.ts';

/** Okabe–Ito colours (black first is reserved for axes). */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000'] as const;
const FONT = 'font-family="system-ui, -apple-system, Segoe UI, sans-serif"';
const AXIS_COLOUR = '#333333';
const GRID_COLOUR = '#e5e5e5';
/** Margins around a plot area in pixels: room for tick labels and axis titles. */
const MARGIN = { left: 56, right: 16, top: 36, bottom: 48 } as const;

/** Escapes text for use inside SVG elements and attributes. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Rounds a coordinate for compact output; never emits NaN. */
function n(value: number): string {
  if (!Number.isFinite(value)) return '0';
  return String(Math.round(value * 10) / 10);
}

function text(x: number, y: number, content: string, attributes = '', fill: string = AXIS_COLOUR): string {
  // Attributes after the defaults: a later font-size would be a duplicate attribute, so callers pass sizes only here.
  const size = /font-size=/.test(attributes) ? '' : ' font-size="12"';
  return `<text x="${n(x)}" y="${n(y)}" ${FONT}${size} fill="${fill}" ${attributes}>${escapeXml(content)}</text>`;
}

function svgDocument(width: number, height: number, title: string, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(title)}">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    text(width / 2, 20, title, 'text-anchor="middle" font-size="14" font-weight="600"'),
    ...body,
    '</svg>',
    '',
  ].join('\n');
}

/** "Nice" tick values (steps of 1, 2 or 5 × 10^k) covering [min, max]. */
export function niceTicks(min: number, max: number, approximateCount = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  if (max <= min) return [min];
  const rough = (max - min) / approximateCount;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude;
  const ticks: number[] = [];
  for (let t = Math.ceil(min / step - 1e-9) * step; t <= max + step * 1e-9; t += step) ticks.push(Number((Math.round(t / step) * step).toPrecision(12)) + 0);
  return ticks;
}

interface Panel {
  x: number;
  y: number;
  width: number;
  height: number;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

function px(panel: Panel, x: number): number {
  return panel.x + ((x - panel.xMin) / (panel.xMax - panel.xMin || 1)) * panel.width;
}

function py(panel: Panel, y: number): number {
  return panel.y + panel.height - ((y - panel.yMin) / (panel.yMax - panel.yMin || 1)) * panel.height;
}

function formatTick(value: number): string {
  return Math.abs(value) >= 100 || Number.isInteger(value) ? String(value) : value.toFixed(2).replace(/0+$/, '').replace(/\.$/, '');
}

/** Axes, grid, ticks and axis titles of a panel. */
function axes(panel: Panel, xTitle: string, yTitle: string, xTicks = niceTicks(panel.xMin, panel.xMax), yTicks = niceTicks(panel.yMin, panel.yMax)): string[] {
  const out: string[] = [];
  for (const t of yTicks) {
    const y = py(panel, t);
    out.push(`<line x1="${n(panel.x)}" y1="${n(y)}" x2="${n(panel.x + panel.width)}" y2="${n(y)}" stroke="${GRID_COLOUR}"/>`);
    out.push(text(panel.x - 6, y + 4, formatTick(t), 'text-anchor="end" font-size="11"'));
  }
  for (const t of xTicks) {
    const x = px(panel, t);
    out.push(`<line x1="${n(x)}" y1="${n(panel.y + panel.height)}" x2="${n(x)}" y2="${n(panel.y + panel.height + 4)}" stroke="${AXIS_COLOUR}"/>`);
    out.push(text(x, panel.y + panel.height + 17, formatTick(t), 'text-anchor="middle" font-size="11"'));
  }
  out.push(`<rect x="${n(panel.x)}" y="${n(panel.y)}" width="${n(panel.width)}" height="${n(panel.height)}" fill="none" stroke="${AXIS_COLOUR}"/>`);
  out.push(text(panel.x + panel.width / 2, panel.y + panel.height + 36, xTitle, 'text-anchor="middle"'));
  const cy = panel.y + panel.height / 2;
  out.push(text(panel.x - 42, cy, yTitle, `text-anchor="middle" transform="rotate(-90 ${n(panel.x - 42)} ${n(cy)})"`));
  return out;
}

function polyline(panel: Panel, points: ReadonlyArray<readonly [number, number]>, colour: string, dashed = false, width = 2): string {
  const coordinates = points.map(([x, y]) => `${n(px(panel, x))},${n(py(panel, y))}`).join(' ');
  return `<polyline points="${coordinates}" fill="none" stroke="${colour}" stroke-width="${width}"${dashed ? ' stroke-dasharray="6 4"' : ''}/>`;
}

function legend(x: number, y: number, entries: ReadonlyArray<{ label: string; colour: string; dashed?: boolean }>): string[] {
  return entries.flatMap((entry, i) => {
    const ly = y + i * 16;
    return [
      `<line x1="${n(x)}" y1="${n(ly)}" x2="${n(x + 22)}" y2="${n(ly)}" stroke="${entry.colour}" stroke-width="2"${entry.dashed === true ? ' stroke-dasharray="6 4"' : ''}/>`,
      text(x + 28, ly + 4, entry.label, 'font-size="11"'),
    ];
  });
}

/** Blue with opacity by share: readable in print and for colour-blind readers. */
function cellFill(share: number): string {
  return `rgba(0,114,178,${n(Math.max(0, Math.min(1, share)) * 0.85 + 0.03)})`;
}

/**
 * Confusion matrix as two panels: raw counts, and each row divided by its total (so the diagonal
 * reads as per-class recall, which matters when one class dominates).
 * @param confusion confusion[true][predicted]
 */
export function confusionMatrixSvg(confusion: readonly (readonly number[])[], labels: readonly string[], title: string): string {
  const k = labels.length;
  const cell = Math.max(44, Math.min(72, Math.floor(360 / Math.max(1, k))));
  const labelSpace = 96;
  const panelWidth = labelSpace + k * cell + 24;
  const width = 2 * panelWidth + 16;
  const height = 70 + k * cell + 70;
  const body: string[] = [];
  const rowTotals = confusion.map((row) => row.reduce((s, v) => s + v, 0));
  (['Counts', 'Share of each true class (row)'] as const).forEach((panelTitle, p) => {
    const x0 = 8 + p * panelWidth + labelSpace;
    const y0 = 70;
    body.push(text(x0 + (k * cell) / 2, 44, panelTitle, 'text-anchor="middle" font-weight="600"'));
    labels.forEach((label, i) => {
      body.push(text(x0 - 6, y0 + i * cell + cell / 2 + 4, label, 'text-anchor="end"'));
      body.push(text(x0 + i * cell + cell / 2, y0 + k * cell + 16, label, 'text-anchor="middle" font-size="11"'));
      labels.forEach((_, j) => {
        const count = confusion[i]?.[j] ?? 0;
        const share = (rowTotals[i] ?? 0) === 0 ? 0 : count / (rowTotals[i] ?? 1);
        const shade = p === 0 ? count / Math.max(1, ...rowTotals) : share;
        const x = x0 + j * cell;
        const y = y0 + i * cell;
        body.push(`<rect x="${n(x)}" y="${n(y)}" width="${cell}" height="${cell}" fill="${cellFill(shade)}" stroke="#ffffff"/>`);
        const value = p === 0 ? String(count) : `${Math.round(share * 100)}%`;
        body.push(text(x + cell / 2, y + cell / 2 + 4, value, 'text-anchor="middle"', shade > 0.55 ? '#ffffff' : AXIS_COLOUR));
      });
    });
    body.push(text(x0 + (k * cell) / 2, y0 + k * cell + 36, 'predicted', 'text-anchor="middle"'));
    const cy = y0 + (k * cell) / 2;
    body.push(text(x0 - labelSpace + 4, cy, 'true', `text-anchor="middle" transform="rotate(-90 ${n(x0 - labelSpace + 4)} ${n(cy)})"`));
  });
  return svgDocument(width, height, title, body);
}

export interface CurveSeries {
  /** e.g. "fold 1". */
  name: string;
  history: readonly EpochRecord[];
}

/**
 * Learning curves: loss (left) and accuracy (right) per epoch for several runs; training solid,
 * validation dashed, one colour per run.
 */
export function learningCurvesSvg(series: readonly CurveSeries[], title: string): string {
  const panelWidth = 340;
  const panelHeight = 220;
  const width = 2 * (MARGIN.left + panelWidth + MARGIN.right);
  const legendRows = series.length + 2;
  const height = MARGIN.top + panelHeight + MARGIN.bottom + 16 * legendRows + 12;
  const epochs = series.flatMap((s) => s.history.map((h) => h.epoch));
  const maxEpoch = Math.max(1, ...epochs);
  const losses = series.flatMap((s) => s.history.flatMap((h) => [h.trainLoss, h.valLoss])).filter(Number.isFinite);
  const maxLoss = Math.max(0.1, ...losses);
  const body: string[] = [];
  const panels: Array<{ panel: Panel; pick: (h: EpochRecord, validation: boolean) => number; yTitle: string }> = [
    { panel: { x: MARGIN.left, y: MARGIN.top, width: panelWidth, height: panelHeight, xMin: 1, xMax: maxEpoch, yMin: 0, yMax: maxLoss * 1.05 }, pick: (h, v) => (v ? h.valLoss : h.trainLoss), yTitle: 'loss' },
    { panel: { x: MARGIN.left * 2 + panelWidth + MARGIN.right, y: MARGIN.top, width: panelWidth, height: panelHeight, xMin: 1, xMax: maxEpoch, yMin: 0, yMax: 1 }, pick: (h, v) => (v ? h.valAccuracy : h.trainAccuracy), yTitle: 'accuracy' },
  ];
  for (const { panel, pick, yTitle } of panels) {
    body.push(...axes(panel, 'epoch', yTitle, niceTicks(1, maxEpoch, Math.min(8, maxEpoch))));
    series.forEach((s, i) => {
      const colour = PALETTE[i % PALETTE.length] ?? '#000000';
      for (const validation of [false, true]) {
        const points = s.history.map((h) => [h.epoch, pick(h, validation)] as const).filter(([, y]) => Number.isFinite(y));
        if (points.length > 0) body.push(polyline(panel, points, colour, validation));
      }
    });
  }
  const legendY = MARGIN.top + panelHeight + MARGIN.bottom + 8;
  body.push(
    ...legend(MARGIN.left, legendY, [
      { label: 'training', colour: AXIS_COLOUR },
      { label: 'validation (dashed)', colour: AXIS_COLOUR, dashed: true },
      ...series.map((s, i) => ({ label: s.name, colour: PALETTE[i % PALETTE.length] ?? '#000000' })),
    ]),
  );
  return svgDocument(width, height, title, body);
}

/**
 * Reliability diagram: for each confidence bin, the accuracy of the examples in it (bars) against
 * the diagonal of perfect calibration; bin counts printed above the bars.
 */
export function reliabilityDiagramSvg(bins: readonly ReliabilityBin[], title: string, ece: number): string {
  const size = 320;
  const width = MARGIN.left + size + MARGIN.right + 150;
  const height = MARGIN.top + size + MARGIN.bottom;
  const panel: Panel = { x: MARGIN.left, y: MARGIN.top, width: size, height: size, xMin: 0, xMax: 1, yMin: 0, yMax: 1 };
  const body = axes(panel, 'confidence (top probability)', 'accuracy');
  body.push(polyline(panel, [[0, 0], [1, 1]], '#999999', true, 1));
  for (const bin of bins) {
    if (bin.count === 0) continue;
    const x = px(panel, bin.low);
    const w = px(panel, bin.high) - x;
    const top = py(panel, bin.accuracy);
    body.push(`<rect x="${n(x + 1)}" y="${n(top)}" width="${n(Math.max(1, w - 2))}" height="${n(py(panel, 0) - top)}" fill="${PALETTE[0]}" fill-opacity="0.75"/>`);
    body.push(`<line x1="${n(x + 1)}" y1="${n(py(panel, bin.meanConfidence))}" x2="${n(x + w - 1)}" y2="${n(py(panel, bin.meanConfidence))}" stroke="${PALETTE[3]}" stroke-width="2"/>`);
    body.push(text(x + w / 2, top - 4, String(bin.count), 'text-anchor="middle" font-size="9"'));
  }
  const lx = MARGIN.left + size + 24;
  body.push(
    ...legend(lx, MARGIN.top + 10, [
      { label: 'accuracy in bin', colour: PALETTE[0] },
      { label: 'mean confidence', colour: PALETTE[3] },
      { label: 'perfect calibration', colour: '#999999', dashed: true },
    ]),
  );
  body.push(text(lx, MARGIN.top + 70, `ECE = ${ece.toFixed(3)}`, 'font-weight="600"'));
  body.push(text(lx, MARGIN.top + 88, 'numbers: examples per bin', 'font-size="10"'));
  return svgDocument(width, height, title, body);
}

/** ROC curve with the chance diagonal, the AUC and (optionally) the operating point of the shipped threshold. */
export function rocCurveSvg(points: readonly RocPoint[], title: string, auc: number, operatingPoint?: { falsePositiveRate: number; truePositiveRate: number; threshold: number }): string {
  const size = 320;
  const width = MARGIN.left + size + MARGIN.right + 170;
  const height = MARGIN.top + size + MARGIN.bottom;
  const panel: Panel = { x: MARGIN.left, y: MARGIN.top, width: size, height: size, xMin: 0, xMax: 1, yMin: 0, yMax: 1 };
  const body = axes(panel, 'false positive rate', 'true positive rate');
  body.push(polyline(panel, [[0, 0], [1, 1]], '#999999', true, 1));
  body.push(polyline(panel, points.map((p) => [p.falsePositiveRate, p.truePositiveRate] as const), PALETTE[0]));
  const lx = MARGIN.left + size + 24;
  body.push(text(lx, MARGIN.top + 14, `AUC = ${auc.toFixed(3)}`, 'font-weight="600"'));
  if (operatingPoint !== undefined) {
    body.push(`<circle cx="${n(px(panel, operatingPoint.falsePositiveRate))}" cy="${n(py(panel, operatingPoint.truePositiveRate))}" r="5" fill="${PALETTE[3]}"/>`);
    body.push(text(lx, MARGIN.top + 34, `● threshold ${operatingPoint.threshold.toFixed(2)}`, '', PALETTE[3]));
    body.push(text(lx, MARGIN.top + 52, `TPR ${operatingPoint.truePositiveRate.toFixed(3)}, FPR ${operatingPoint.falsePositiveRate.toFixed(3)}`, 'font-size="11"'));
  }
  return svgDocument(width, height, title, body);
}
