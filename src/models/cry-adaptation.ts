/**
 * Learning this home's false alarms on the device: a nearest-neighbour veto on the cry network's
 * embedding (its penultimate layer). When the parent says "That wasn't crying", the embeddings of
 * those windows are kept (never the audio); a later window whose embedding is close to one of them
 * — closer than to any window the parent confirmed as crying, by a margin — is vetoed.
 *
 * Why a veto rather than retraining a head: it needs no optimiser on the phone, cannot change the
 * detector anywhere far from what the parent marked (so recall elsewhere is untouched by
 * construction), learns from a single correction, and "Forget" is exact (clear the list).
 * Pure and synchronous; imports nothing of ours.
 */

export interface CryAdaptationOptions {
  /** Cosine similarity at or above which a window counts as "the same sound" as a marked false alarm. */
  similarity: number;
  /** A veto also needs the false alarm to be this much more similar than the nearest confirmed cry. */
  margin: number;
  /** At most this many corrections are kept (oldest dropped first), bounding memory and time per window. */
  capacity: number;
}

/**
 * From the Node replay (scripts/evaluate/evaluate-corrections.ts) on the shipped embedding (model card): of 0.9, 0.95 and 0.98,
 * 0.95 is the loosest whose recall on all cries dropped by at most 0.003 (limit 0.01); at 0.9 recall fell by up to
 * 0.34, at 0.98 little was learned. Revisit with any retrained embedding.
 */
export const DEFAULT_CRY_ADAPTATION: CryAdaptationOptions = { similarity: 0.95, margin: 0.05, capacity: 200 };

export interface AdaptationState {
  readonly dimension: number;
  readonly falseAlarms: readonly (readonly number[])[];
  readonly confirmedCries: readonly (readonly number[])[];
}

export interface AdaptedDecision {
  vetoed: boolean;
  /** Similarity to the nearest marked false alarm (−1 when none). */
  nearestFalseAlarm: number;
}

function normalized(embedding: ArrayLike<number>): Float32Array {
  let sum = 0;
  for (let i = 0; i < embedding.length; i++) sum += (embedding[i] ?? 0) ** 2;
  const norm = Math.sqrt(sum);
  if (!(norm > 0) || !Number.isFinite(norm)) throw new RangeError('cry adaptation: an embedding must be finite and not all zeros');
  return Float32Array.from(embedding, (v) => v / norm);
}

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] ?? 0) * (b[i] ?? 0);
  return sum;
}

function nearest(list: readonly Float32Array[], x: Float32Array): number {
  let best = -1;
  for (const item of list) best = Math.max(best, dot(item, x));
  return best;
}

export class CryAdaptation {
  private readonly falseAlarms: Float32Array[] = [];
  private readonly confirmedCries: Float32Array[] = [];
  private dimension: number | null = null;

  constructor(private readonly options: CryAdaptationOptions = DEFAULT_CRY_ADAPTATION) {
    if (!(options.similarity > -1 && options.similarity <= 1)) throw new RangeError(`cry adaptation: similarity must be in (−1, 1], got ${options.similarity}`);
    if (!(options.margin >= 0)) throw new RangeError(`cry adaptation: margin must be ≥ 0, got ${options.margin}`);
    if (!Number.isInteger(options.capacity) || options.capacity < 1) throw new RangeError(`cry adaptation: capacity must be a positive integer, got ${options.capacity}`);
  }

  /** How many corrections it has learned from ("It learned from 3 corrections"). */
  get correctionCount(): number {
    return this.falseAlarms.length + this.confirmedCries.length;
  }

  get falseAlarmCount(): number {
    return this.falseAlarms.length;
  }

  /** "That wasn't crying" for one window's embedding. */
  markFalseAlarm(embedding: ArrayLike<number>): void {
    this.push(this.falseAlarms, embedding);
  }

  /** "Yes, crying": protects similar cries from any veto. */
  confirmCry(embedding: ArrayLike<number>): void {
    this.push(this.confirmedCries, embedding);
  }

  /** Whether a window the detector called crying should be vetoed as this home's known false alarm. */
  decide(embedding: ArrayLike<number>): AdaptedDecision {
    if (this.falseAlarms.length === 0) return { vetoed: false, nearestFalseAlarm: -1 };
    const x = this.checked(embedding);
    const toFalseAlarm = nearest(this.falseAlarms, x);
    const toCry = nearest(this.confirmedCries, x);
    return { vetoed: toFalseAlarm >= this.options.similarity && toFalseAlarm - toCry >= this.options.margin, nearestFalseAlarm: toFalseAlarm };
  }

  /** "Forget what it learned": back to the shipped detector exactly. */
  reset(): void {
    this.falseAlarms.length = 0;
    this.confirmedCries.length = 0;
    this.dimension = null;
  }

  /** Plain numbers for storage (embeddings only, never audio). */
  toState(): AdaptationState {
    return { dimension: this.dimension ?? 0, falseAlarms: this.falseAlarms.map((x) => Array.from(x)), confirmedCries: this.confirmedCries.map((x) => Array.from(x)) };
  }

  static fromState(state: AdaptationState, options: CryAdaptationOptions = DEFAULT_CRY_ADAPTATION): CryAdaptation {
    const adaptation = new CryAdaptation(options);
    for (const x of state.falseAlarms) adaptation.markFalseAlarm(x);
    for (const x of state.confirmedCries) adaptation.confirmCry(x);
    return adaptation;
  }

  private checked(embedding: ArrayLike<number>): Float32Array {
    if (this.dimension !== null && embedding.length !== this.dimension) {
      throw new RangeError(`cry adaptation: embedding has ${embedding.length} values, the stored corrections have ${this.dimension} (a different model?)`);
    }
    return normalized(embedding);
  }

  private push(list: Float32Array[], embedding: ArrayLike<number>): void {
    const x = this.checked(embedding);
    this.dimension = x.length;
    list.push(x);
    while (this.falseAlarms.length + this.confirmedCries.length > this.options.capacity) (this.falseAlarms.length > 0 ? this.falseAlarms : this.confirmedCries).shift();
  }
}
