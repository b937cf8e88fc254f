import type { NeedProbabilities } from '../domain/needs.ts';
import { windowSpanSeconds } from '../features/audio-config.ts';
import { mean, meanNeedProbabilities } from './vectors.ts';

/**
 * Span of the moving average of cry probability, in seconds: the last 3 windows (1.24 s at the
 * 0.496 s hop). One loud window (a cough, a door) averaged with two quiet ones stays below a 0.5
 * threshold, while a real cry crosses it about a second after it starts.
 */
export const CRY_SMOOTHING_SECONDS = windowSpanSeconds(3);

/**
 * Span of the moving average of fused need vectors, in seconds: the last 6 windows (about 3 s of
 * hops): long enough that the named need does not flip every half second, short enough to follow
 * a change of cry.
 */
export const NEED_SMOOTHING_SECONDS = windowSpanSeconds(6);

export interface TimedValue<T> {
  /** Stream time in seconds. */
  readonly timeSeconds: number;
  readonly value: T;
}

/** Keeps the entries newer than `spanSeconds` before `nowSeconds` (the newest is always kept). */
export function keepRecent<T>(
  history: readonly TimedValue<T>[],
  nowSeconds: number,
  spanSeconds: number,
): TimedValue<T>[] {
  return history.filter((entry) => entry.timeSeconds > nowSeconds - spanSeconds && entry.timeSeconds <= nowSeconds);
}

export interface SmoothingSpans {
  readonly crySeconds: number;
  readonly needSeconds: number;
}

export const DEFAULT_SMOOTHING: SmoothingSpans = {
  crySeconds: CRY_SMOOTHING_SECONDS,
  needSeconds: NEED_SMOOTHING_SECONDS,
};

/**
 * Moving averages over a time span rather than a count, so a dropped or late window does not
 * stretch the memory. Cry probability and need vectors are pushed separately because whether the
 * audio need vector counts depends on the smoothed cry probability.
 */
export class Smoother {
  #cry: TimedValue<number>[] = [];
  #needs: TimedValue<NeedProbabilities>[] = [];
  readonly #spans: SmoothingSpans;

  constructor(spans: SmoothingSpans = DEFAULT_SMOOTHING) {
    this.#spans = spans;
  }

  /** Adds one window's cry probability (0–1); returns the smoothed value. Older-than-newest input is ignored. */
  pushCryProbability(timeSeconds: number, cryProbability: number): number {
    const newest = this.#cry.at(-1)?.timeSeconds ?? Number.NEGATIVE_INFINITY;
    if (timeSeconds >= newest) {
      this.#cry = keepRecent([...this.#cry, { timeSeconds, value: cryProbability }], timeSeconds, this.#spans.crySeconds);
    }
    return this.cryProbability();
  }

  /**
   * Records a step's fused need vector (null when that step had no estimate, which still ages
   * out older vectors); returns the smoothed vector or null when none is recent.
   */
  pushNeedProbabilities(timeSeconds: number, needProbabilities: NeedProbabilities | null): NeedProbabilities | null {
    const needs = needProbabilities === null ? this.#needs : [...this.#needs, { timeSeconds, value: needProbabilities }];
    this.#needs = keepRecent(needs, timeSeconds, this.#spans.needSeconds);
    return this.needProbabilities();
  }

  /** Mean cry probability over the recent span; 0 before any window. */
  cryProbability(): number {
    return this.#cry.length === 0 ? 0 : mean(this.#cry.map((e) => e.value));
  }

  needProbabilities(): NeedProbabilities | null {
    return meanNeedProbabilities(this.#needs.map((e) => e.value));
  }

  reset(): void {
    this.#cry = [];
    this.#needs = [];
  }
}
