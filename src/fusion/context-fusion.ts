import { NEED_SOURCES, type NeedSource } from '../domain/modality.ts';
import type { LeftOutSource } from '../domain/episode.ts';
import type { Need, NeedProbabilities } from '../domain/needs.ts';
import { assessNeeds, rankNeeds, type NeedAssessment, type RankedNeed } from './confidence.ts';
import type { ModalityVote } from './types.ts';
import { isValidNeedProbabilities, meanNeedProbabilities } from './vectors.ts';

export { NEED_SOURCES, type NeedSource };

/** Chance balanced accuracy over the four needs. */
export const CHANCE_BALANCED_ACCURACY = 0.25;
/**
 * Answered episodes before the context source is judged by its own record. Until then it stands on
 * the published age guidance it starts from; a Wilson interval on fewer episodes is too wide to
 * exclude chance even for a model that is right 4 times in 5.
 */
export const CONTEXT_WARMUP_EPISODES = 10;

/** Whether a source may enter the need, and why, in words for the about screen and the record. */
export interface Informedness {
  readonly informed: boolean;
  readonly why: string;
}

function field(value: unknown, key: string): unknown {
  if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
  return (value as Record<string, unknown>)[key];
}

function finite(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/**
 * The audio need head is informed only when its by-baby balanced-accuracy CI
 * (`<variant>.need.pooledCi.balancedAccuracy.ci` in metrics.json, bootstrap over installs ≈
 * babies) lies wholly above chance; the quantized variant is what the app runs, float the
 * fallback. A better future model enters by itself; a missing field keeps it out.
 */
export function audioNeedInformedness(metrics: unknown): Informedness {
  for (const variant of ['quantized', 'float']) {
    const ba = field(field(field(field(metrics, variant), 'need'), 'pooledCi'), 'balancedAccuracy');
    const low = finite(field(field(ba, 'ci'), 'low'));
    const high = finite(field(field(ba, 'ci'), 'high'));
    const value = finite(field(ba, 'value'));
    if (low === null || high === null || value === null) continue;
    const range = `${value.toFixed(3)} (95% CI ${low.toFixed(3)}–${high.toFixed(3)}) by baby`;
    return low > CHANCE_BALANCED_ACCURACY
      ? { informed: true, why: `Cry sound: balanced accuracy ${range}, above chance (0.25).` }
      : { informed: false, why: `Cry sound left out of the need: balanced accuracy ${range} includes chance (0.25).` };
  }
  return { informed: false, why: 'Cry sound left out of the need: its model card gives no by-baby accuracy.' };
}

/** Wilson score interval for k successes in n trials (95%). */
export function wilsonInterval(k: number, n: number, z = 1.96): { low: number; high: number } {
  if (n === 0) return { low: 0, high: 1 };
  const p = k / n;
  const denom = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denom;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * The context source by its own prequential record (first guess vs the parent's answer, judged
 * before the answer was known): after the warm-up it stays in only while the Wilson interval of
 * its hit rate lies above chance.
 */
export function contextInformedness(record: { episodes: number; modelHits: number }): Informedness {
  if (record.episodes < CONTEXT_WARMUP_EPISODES) {
    return { informed: true, why: `Care log: ${record.episodes} answered cries so far; using typical rhythms for the baby's age and log.` };
  }
  const { low } = wilsonInterval(record.modelHits, record.episodes);
  const said = `first guess matched ${record.modelHits} of ${record.episodes} answers (95% CI from ${(low * 100).toFixed(0)}%)`;
  return low > CHANCE_BALANCED_ACCURACY
    ? { informed: true, why: `Care log: ${said}.` }
    : { informed: false, why: `Care log left out of the need: ${said}, not better than chance (25%).` };
}

/** The context estimate as a vote: present whenever the log gave an estimate, uninformed while "not sure" from an empty log. */
export function contextVote(estimate: { needProbabilities: NeedProbabilities; noLog: boolean } | null): ModalityVote {
  if (estimate === null) return { present: false, needProbabilities: null };
  return { present: true, needProbabilities: estimate.noLog ? null : estimate.needProbabilities };
}

export type SourcedFusion =
  | { readonly status: 'listening'; readonly contributed: readonly NeedSource[]; readonly leftOut: readonly LeftOutSource[] }
  | {
      readonly status: 'estimate';
      readonly needProbabilities: NeedProbabilities;
      readonly contributed: readonly NeedSource[];
      readonly perSource: Readonly<Partial<Record<NeedSource, NeedProbabilities>>>;
      /** Sources that had something to say but were kept out, with the reason. */
      readonly leftOut: readonly LeftOutSource[];
    };

/**
 * Late fusion over audio, face and context: the mean of the present, informed, valid votes. An
 * uninformed source is recorded in `leftOut` with its reason, so the episode says why.
 */
export function fuseSources(
  votes: Readonly<Partial<Record<NeedSource, ModalityVote>>>,
  informedness: Readonly<Partial<Record<NeedSource, Informedness>>>,
  silentWhy: Readonly<Partial<Record<NeedSource, string>>> = {},
): SourcedFusion {
  const contributed: NeedSource[] = [];
  const perSource: Partial<Record<NeedSource, NeedProbabilities>> = {};
  const leftOut: LeftOutSource[] = [];
  for (const source of NEED_SOURCES) {
    const vote = votes[source];
    if (!vote?.present) continue;
    if (vote.needProbabilities === null) {
      // Present but with nothing to say (no face need head, an empty log): said when a reason is given.
      const why = silentWhy[source];
      if (why !== undefined) leftOut.push({ source, why });
      continue;
    }
    const judged = informedness[source];
    if (judged !== undefined && !judged.informed) {
      leftOut.push({ source, why: judged.why });
      continue;
    }
    if (!isValidNeedProbabilities(vote.needProbabilities)) {
      leftOut.push({ source, why: 'Its need vector was not a valid probability vector.' });
      continue;
    }
    perSource[source] = vote.needProbabilities;
    contributed.push(source);
  }
  const fused = meanNeedProbabilities(contributed.map((s) => perSource[s]).filter((v) => v !== undefined));
  if (fused === null) return { status: 'listening', contributed: [], leftOut };
  return { status: 'estimate', needProbabilities: fused, contributed, perSource, leftOut };
}

/** What fusion needs of the care-log context at the cry (a subset of the domain EpisodeContext). */
export interface ContextInput {
  readonly needProbabilities: NeedProbabilities;
  readonly firstGuess: Need;
  readonly confidence: number;
  readonly notSure: boolean;
  readonly noLog: boolean;
  readonly reason: string;
}

export interface NeedInputs {
  /** The cry sound's need vector while a cry is detected; null without a need head. */
  readonly audio: { readonly present: boolean; readonly needProbabilities: NeedProbabilities | null };
  /** The face's need vector while a face is seen; absent without a camera. */
  readonly face?: { readonly present: boolean; readonly needProbabilities: NeedProbabilities | null };
  /** The care-log context at the cry; null when no care log is loaded. */
  readonly context: ContextInput | null;
}

/** The need the monitor shows and the episode stores, with its reason and its sources. */
export interface FusedNeed {
  readonly needProbabilities: NeedProbabilities | null;
  readonly assessment: NeedAssessment | null;
  /** The reason in plain words: the care log's when it took part or had none to give; else null. */
  readonly reason: string | null;
  readonly contributed: readonly NeedSource[];
  readonly leftOut: readonly LeftOutSource[];
}

const SILENT_WHY: Readonly<Partial<Record<NeedSource, string>>> = {
  face: 'Face left out of the need: there is no face model for needs yet.',
  context: 'Care log left out of the need: no feed is logged before this cry.',
};

/**
 * Late fusion of sound, face and the baby's day, each admitted by its own evidence. When the care
 * log is the only source, its own "not sure" rule (a need named only when it is clearly ahead)
 * decides, so the monitor says what the context estimate says; with several sources the mean is
 * read with the monitor's threshold.
 */
export function fuseNeed(
  inputs: NeedInputs,
  informedness: Readonly<Partial<Record<NeedSource, Informedness>>>,
  notSureThreshold: number,
): FusedNeed {
  const { context } = inputs;
  const fused = fuseSources(
    {
      audio: inputs.audio,
      ...(inputs.face === undefined ? {} : { face: inputs.face }),
      ...(context === null ? {} : { context: contextVote(context) }),
    },
    informedness,
    SILENT_WHY,
  );
  const reasonFromContext = context !== null && (fused.contributed.includes('context') || context.noLog) ? context.reason : null;
  if (fused.status !== 'estimate') {
    return { needProbabilities: null, assessment: null, reason: reasonFromContext, contributed: [], leftOut: fused.leftOut };
  }
  const onlyContext = context !== null && fused.contributed.length === 1 && fused.contributed[0] === 'context';
  const ranked = rankNeeds(fused.needProbabilities);
  const assessment: NeedAssessment = onlyContext
    ? { topNeed: context.firstGuess, confidence: context.confidence, notSure: context.notSure, candidates: [ranked[0] as RankedNeed, ranked[1] as RankedNeed] }
    : assessNeeds(fused.needProbabilities, notSureThreshold);
  return { needProbabilities: fused.needProbabilities, assessment, reason: reasonFromContext, contributed: fused.contributed, leftOut: fused.leftOut };
}
