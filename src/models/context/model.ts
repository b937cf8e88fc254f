import { NEEDS, type Need, type NeedProbabilities } from '../../domain/needs.ts';
import { agePriorFor } from './age-priors.ts';
import { lastIndexAtOrBefore, lastSleepAtOrBefore, type CareIndex } from './care-index.ts';
import { contextFeatures, type ContextFeatures } from './features.ts';

/**
 * The baby's own median replaces the age prior once this many gaps fall in the last 7 days:
 * about a day of feeds for a young baby, and enough that the median is not moved by up to two
 * gaps doubled by a forgotten entry (a median of 6 breaks down only when 3 are wrong).
 */
export const MIN_RHYTHM_GAPS = 6;
/** Weight of the age prior in each context bin, in pseudo-answers (see CONTEXT_MODEL.md). */
export const PRIOR_STRENGTH = 3;
/** A single need is named only when it is at least this likely and this far ahead of the next. */
export const NAME_MIN_PROBABILITY = 0.5;
export const NAME_MIN_MARGIN = 0.15;
/**
 * A single need is named only once the baby's own record has this many judged cries to calibrate
 * on: the same count from which the track record is shown, so "Likely hunger" never appears before
 * the parent can see how often the app has been right.
 */
export const MIN_CALIBRATION_EPISODES = 5;

/**
 * How far this baby's own record lets the probabilities be trusted: p' = weight·p + (1 − weight)/4,
 * fitted on its prequential record (see `fitCalibration`). Shrinking toward the uniform vector keeps
 * the order of the needs (so the first guess, and the track record, are unchanged) and only tempers
 * the confidence the "not sure" rule reads.
 */
export interface Calibration {
  /** Judged cries it was fitted on, each judged before its answer was known. */
  readonly episodes: number;
  /** In (0, 1]; 1 when the probabilities held up on the record. */
  readonly weight: number;
}

/** No record yet: probabilities as the model gives them, and no single need named. */
export const NO_CALIBRATION: Calibration = { episodes: 0, weight: 1 };

/** Coarse bins of "time since feed relative to the usual gap", and of "awake relative to the usual window". */
export const FEED_BINS = ['none', 'recent', 'mid', 'due', 'overdue'] as const;
export const WAKE_BINS = ['unknown', 'asleep', 'fresh', 'due', 'long'] as const;
export type FeedBin = (typeof FEED_BINS)[number];
export type WakeBin = (typeof WAKE_BINS)[number];
export type BinKey = `${FeedBin}|${WakeBin}`;

export interface Rhythm {
  feedGapMinutes: number;
  feedGapFrom: 'baby' | 'age';
  wakeWindowMinutes: number;
  wakeWindowFrom: 'baby' | 'age';
}

/** Per-baby answers counted by bin, in NEEDS order. Serializable; an empty object forgets. */
export interface ContextLearner {
  readonly counts: Readonly<Partial<Record<BinKey, NeedProbabilities>>>;
  readonly answered: number;
}

export const EMPTY_LEARNER: ContextLearner = { counts: {}, answered: 0 };

export interface ContextEstimate {
  needProbabilities: NeedProbabilities;
  /** Most likely need when one may be named, else null. */
  topNeed: Need | null;
  /** The most likely need even when not sure: the "first guess" the track record judges. */
  firstGuess: Need;
  confidence: number;
  notSure: boolean;
  /** True when no feed is logged before this instant: the estimate is the bare prior. */
  noLog: boolean;
  reason: string;
  features: ContextFeatures;
  rhythm: Rhythm;
  bin: BinKey;
  /** The calibration the probabilities went through. */
  calibration: Calibration;
}

export function rhythmAt(index: CareIndex, features: ContextFeatures, t: number): Rhythm {
  const prior = agePriorFor(features.ageDays);
  const feedIdx = lastIndexAtOrBefore(index.feedTimes, t);
  const feedMedian = feedIdx >= 0 ? index.feedGapMedianAt[feedIdx] : null;
  const feedCount = feedIdx >= 0 ? (index.feedGapCountAt[feedIdx] ?? 0) : 0;
  const sleepIdx = lastSleepAtOrBefore(index, t);
  const wakeMedian = sleepIdx >= 0 ? index.wakeMedianAt[sleepIdx] : null;
  const wakeCount = sleepIdx >= 0 ? (index.wakeCountAt[sleepIdx] ?? 0) : 0;
  const ownFeed = feedMedian !== null && feedMedian !== undefined && feedCount >= MIN_RHYTHM_GAPS;
  const ownWake = wakeMedian !== null && wakeMedian !== undefined && wakeCount >= MIN_RHYTHM_GAPS;
  return {
    feedGapMinutes: ownFeed ? feedMedian : prior.feedIntervalMinutes,
    feedGapFrom: ownFeed ? 'baby' : 'age',
    wakeWindowMinutes: ownWake ? wakeMedian : prior.wakeWindowMinutes,
    wakeWindowFrom: ownWake ? 'baby' : 'age',
  };
}

export function binOf(features: ContextFeatures, rhythm: Rhythm): BinKey {
  let feed: FeedBin = 'none';
  if (features.minutesSinceFeed !== null) {
    const ratio = features.minutesSinceFeed / rhythm.feedGapMinutes;
    feed = ratio < 0.5 ? 'recent' : ratio < 0.85 ? 'mid' : ratio < 1.25 ? 'due' : 'overdue';
  }
  let wake: WakeBin = 'unknown';
  if (features.asleep === true) wake = 'asleep';
  else if (features.minutesAwake !== null) {
    const ratio = features.minutesAwake / rhythm.wakeWindowMinutes;
    wake = ratio < 0.7 ? 'fresh' : ratio < 1.15 ? 'due' : 'long';
  }
  return `${feed}|${wake}`;
}

/**
 * The age prior: how needs follow the bins before any answer. Hunger grows as the usual feed
 * gap runs out, tiredness as the usual wake window does; discomfort and pain keep a floor.
 * Weights, not probabilities: normalized below.
 */
const FEED_WEIGHT: Readonly<Record<FeedBin, NeedProbabilities>> = {
  none: [1, 1, 0.5, 1],
  recent: [1.4, 0.3, 0.6, 1],
  mid: [1, 1, 0.5, 1],
  due: [0.8, 2.6, 0.4, 0.9],
  overdue: [0.6, 4, 0.4, 0.9],
};
const WAKE_WEIGHT: Readonly<Record<WakeBin, NeedProbabilities>> = {
  unknown: [1, 1, 1, 1],
  asleep: [1.3, 1, 1.2, 0.6],
  fresh: [1.1, 1, 1, 0.5],
  due: [0.9, 1, 1, 1.8],
  long: [0.8, 1, 1, 3],
};

export function priorFor(bin: BinKey): NeedProbabilities {
  const [feed, wake] = bin.split('|') as [FeedBin, WakeBin];
  const raw = NEEDS.map((_, i) => (FEED_WEIGHT[feed][i] as number) * (WAKE_WEIGHT[wake][i] as number));
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((v) => v / total) as unknown as NeedProbabilities;
}

/** Dirichlet posterior mean in one bin: PRIOR_STRENGTH pseudo-answers of the age prior plus this baby's answers. */
export function binProbabilities(learner: ContextLearner, bin: BinKey, priorStrength = PRIOR_STRENGTH): NeedProbabilities {
  const prior = priorFor(bin);
  const counts = learner.counts[bin] ?? [0, 0, 0, 0];
  const total = priorStrength + counts.reduce((a, b) => a + b, 0);
  return prior.map((p, i) => (priorStrength * p + (counts[i] as number)) / total) as unknown as NeedProbabilities;
}

/** Returns a new learner with one answered episode counted in the bin of its context. */
export function learn(learner: ContextLearner, bin: BinKey, answer: Need): ContextLearner {
  const previous = learner.counts[bin] ?? [0, 0, 0, 0];
  const next = previous.map((c, i) => (NEEDS[i] === answer ? c + 1 : c)) as unknown as NeedProbabilities;
  return { counts: { ...learner.counts, [bin]: next }, answered: learner.answered + 1 };
}

/** "2 h 50 min", "45 min", "3 h". */
export function formatMinutes(minutes: number): string {
  const total = Math.max(0, Math.round(minutes));
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** "2 h 30" style for a usual interval, as a parent would say it. */
function formatUsual(minutes: number): string {
  const total = Math.round(minutes);
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${String(m).padStart(2, '0')}`;
}

function reasonFor(need: Need, f: ContextFeatures, r: Rhythm, babyName: string, notSure: boolean): string {
  if (f.minutesSinceFeed === null && notSure) return 'No feeds logged yet';
  const feedWho = r.feedGapFrom === 'baby' ? `${babyName} usually feeds` : 'babies this age usually feed';
  const wakeWho = r.wakeWindowFrom === 'baby' ? `${babyName}'s usual` : 'the usual for this age,';
  const feedPart =
    f.minutesSinceFeed === null
      ? 'No feeds logged yet'
      : `Last feed ${formatMinutes(f.minutesSinceFeed)} ago — ${feedWho} about every ${formatUsual(r.feedGapMinutes)}`;
  const awakePart =
    f.asleep === true
      ? 'Asleep now by the log'
      : f.minutesAwake === null
        ? null
        : `Awake ${formatMinutes(f.minutesAwake)} — ${f.minutesAwake > r.wakeWindowMinutes ? 'longer than' : 'within'} ${wakeWho} ${formatUsual(r.wakeWindowMinutes)}`;
  if (need === 'tired' && awakePart !== null) return awakePart;
  if (need === 'hunger') return feedPart;
  return awakePart === null ? feedPart : `${feedPart}; ${awakePart}`;
}

export interface EstimateOptions {
  babyName: string;
  birthDate: string | null;
  priorStrength?: number;
  /** From the baby's track record; without one no single need is named. */
  calibration?: Calibration;
}

/** The probabilities shrunk toward the uniform vector by the calibration's weight. */
export function calibrate(probabilities: NeedProbabilities, calibration: Calibration): NeedProbabilities {
  const w = calibration.weight;
  return probabilities.map((p) => w * p + (1 - w) / NEEDS.length) as unknown as NeedProbabilities;
}

/** The context estimate at instant t. Cost: a few binary searches on the prebuilt index. */
export function estimateContext(index: CareIndex, learner: ContextLearner, t: number, options: EstimateOptions): ContextEstimate {
  const features = contextFeatures(index, options.birthDate, t);
  const rhythm = rhythmAt(index, features, t);
  const bin = binOf(features, rhythm);
  const calibration = options.calibration ?? NO_CALIBRATION;
  const probabilities = calibrate(binProbabilities(learner, bin, options.priorStrength), calibration);
  const order = NEEDS.map((need, i) => ({ need, p: probabilities[i] as number })).sort((a, b) => b.p - a.p);
  const best = order[0] as { need: Need; p: number };
  const second = order[1] as { need: Need; p: number };
  const noLog = index.entryCount === 0 || features.minutesSinceFeed === null;
  const uncalibrated = calibration.episodes < MIN_CALIBRATION_EPISODES;
  const notSure = noLog || uncalibrated || best.p < NAME_MIN_PROBABILITY || best.p - second.p < NAME_MIN_MARGIN;
  return {
    needProbabilities: probabilities,
    topNeed: notSure ? null : best.need,
    firstGuess: best.need,
    confidence: best.p,
    notSure,
    noLog,
    reason: reasonFor(best.need, features, rhythm, options.babyName, notSure),
    features,
    rhythm,
    bin,
    calibration,
  };
}
