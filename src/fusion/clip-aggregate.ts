/**
 * One answer for a whole clip from its per-window predictions. Shared by the Node evaluation
 * script and the app's "analyse a recording", so the numbers in the model card and the answer a
 * parent sees for a file are computed the same way.
 *
 * - Cry probability of the clip: the maximum over the clip of the cry probability smoothed by a
 *   trailing moving average of CLIP_CRY_SMOOTHING_SECONDS (the live monitor's smoothing span), so
 *   one loud window (a cough, a door) does not make a clip a cry, but a cry anywhere in a long
 *   recording does.
 * - Need probabilities: the mean over windows whose smoothed cry probability reaches the cry
 *   threshold (the need is only meaningful while crying); when no window does, the mean over all
 *   windows, flagged, so an evaluation on clips labelled "cry" still gets an answer.
 */
import type { NeedProbabilities } from '../domain/needs.ts';
import { windowSpanSeconds } from '../features/audio-config.ts';

/** Smoothing span in seconds; equals the live monitor's CRY_SMOOTHING_SECONDS (src/fusion/smoothing.ts). */
export const CLIP_CRY_SMOOTHING_SECONDS = windowSpanSeconds(3);

export interface WindowPrediction {
  /** Probability (0–1) that the window holds infant crying. */
  readonly cryProbability: number;
  /** Need probabilities of the window, or null when the need model gave none. */
  readonly needProbabilities: NeedProbabilities | null;
}

export interface ClipPrediction {
  /** Max over the clip of the smoothed cry probability (0–1). */
  cryProbability: number;
  /** cryProbability ≥ the cry threshold. */
  isCry: boolean;
  /** Mean need probabilities (see `needSource`), or null when no window had any. */
  needProbabilities: NeedProbabilities | null;
  /** 'crying-windows': averaged over windows judged crying; 'all-windows': none was, so over all. */
  needSource: 'crying-windows' | 'all-windows' | 'none';
  /** Number of windows the need probabilities were averaged over. */
  needWindows: number;
  windows: number;
}

/**
 * Number of windows in the smoothing span at a given hop (at least 1): as the live monitor
 * counts them, the window ends newer than `spanSeconds` before the current one, the current
 * one included (src/fusion/smoothing.ts).
 */
export function smoothingWindowCount(hopSeconds: number, spanSeconds: number = CLIP_CRY_SMOOTHING_SECONDS): number {
  if (!(hopSeconds > 0)) throw new RangeError(`window hop must be positive, got ${hopSeconds}`);
  // The small tolerance keeps a span of exactly k hops at k windows despite rounding.
  return Math.max(1, Math.ceil(spanSeconds / hopSeconds - 1e-9));
}

/** Trailing moving average: entry i is the mean of entries max(0, i − span + 1) … i. */
export function trailingMovingAverage(values: readonly number[], span: number): number[] {
  const out: number[] = [];
  let sum = 0;
  values.forEach((value, i) => {
    sum += value;
    if (i >= span) sum -= values[i - span] ?? 0;
    out.push(sum / Math.min(i + 1, span));
  });
  return out;
}

function meanOf(vectors: readonly NeedProbabilities[]): NeedProbabilities {
  const sum = [0, 0, 0, 0];
  for (const v of vectors) for (let k = 0; k < 4; k++) sum[k] = (sum[k] ?? 0) + (v[k] ?? 0);
  const total = sum.reduce((s, v) => s + v, 0);
  // Renormalise: a mean of probability vectors sums to 1 up to rounding; keep it exact.
  const scale = total > 0 ? 1 / total : 0;
  return [(sum[0] ?? 0) * scale, (sum[1] ?? 0) * scale, (sum[2] ?? 0) * scale, (sum[3] ?? 0) * scale];
}

/**
 * Aggregates the windows of one clip, in time order.
 * @param cryThreshold smoothed cry probability at or above which a window counts as crying
 * @param hopSeconds time between window starts (AUDIO_FEATURES.windowHopSeconds)
 * @throws RangeError when there are no windows
 */
export function aggregateClip(windows: readonly WindowPrediction[], cryThreshold: number, hopSeconds: number): ClipPrediction {
  if (windows.length === 0) throw new RangeError('aggregateClip: a clip needs at least one window');
  const smoothed = trailingMovingAverage(
    windows.map((w) => w.cryProbability),
    smoothingWindowCount(hopSeconds),
  );
  const cryProbability = Math.max(...smoothed);
  const withNeeds = windows.flatMap((w, i) => (w.needProbabilities === null ? [] : [{ needs: w.needProbabilities, crying: (smoothed[i] ?? 0) >= cryThreshold }]));
  const crying = withNeeds.filter((w) => w.crying);
  const used = crying.length > 0 ? crying : withNeeds;
  return {
    cryProbability,
    isCry: cryProbability >= cryThreshold,
    needProbabilities: used.length === 0 ? null : meanOf(used.map((w) => w.needs)),
    needSource: used.length === 0 ? 'none' : crying.length > 0 ? 'crying-windows' : 'all-windows',
    needWindows: used.length,
    windows: windows.length,
  };
}
