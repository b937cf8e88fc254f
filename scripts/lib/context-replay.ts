import { NEEDS, isNeed, type Need } from '../../src/domain/needs.ts';
import type { Backup } from '../../src/log/backup.ts';
import { buildCareIndex } from '../../src/models/context/care-index.ts';
import { EMPTY_LEARNER, estimateContext } from '../../src/models/context/model.ts';
import { trackRecord, type AnsweredEpisode } from '../../src/models/context/track-record.ts';
import { wilsonInterval } from '../../src/fusion/context-fusion.ts';
import { classificationMetrics, metricWithCi } from './metrics.ts';
import type { MetricWithCi } from './metrics-report.ts';

/** A prediction slot for "no guess yet" (first episode of a memory baseline): always a miss. */
const LABELS = [...NEEDS, 'none'] as const;
const PREDICTORS = ['context', 'agePriorOnly', 'mostFrequentSoFar', 'repeatLast'] as const;
type Predictor = (typeof PREDICTORS)[number];

export interface PredictorReport {
  accuracy: MetricWithCi;
  balancedAccuracy: MetricWithCi;
  macroF1: MetricWithCi;
  hits: number;
}

/**
 * The cries where the app named one need ("Likely hunger") rather than "not sure": how often that
 * need was the parent's answer, beside the confidence it was named with. Calibrated probabilities
 * keep the two close; a hit rate well below the stated confidence would mean they do not.
 */
export interface NamedReport {
  named: number;
  hits: number;
  /** Wilson 95% interval of hits / named; null when nothing was named. */
  hitRate: { value: number; low: number; high: number } | null;
  meanConfidence: number | null;
  /** Per baby, the calibration weight after its last answer (1 = probabilities held up). */
  calibrationWeight: Record<string, number>;
}

export interface ReplayReport {
  babies: number;
  answeredEpisodes: number;
  careEntries: number;
  unit: string;
  note: string;
  predictors: Record<Predictor, PredictorReport> | null;
  named: NamedReport;
}

function mostFrequent(counts: Map<Need, number>): Need | null {
  let best: Need | null = null;
  let bestCount = 0;
  for (const need of NEEDS) {
    const c = counts.get(need) ?? 0;
    if (c > bestCount) {
      best = need;
      bestCount = c;
    }
  }
  return best;
}

/**
 * Replays a backup baby by baby in time order. Every estimate is the one the app would have made
 * before the answer was known (prequential); the baselines see the same episodes.
 */
export function replayBackup(backup: Backup, seed = 11, resamples = 1000): ReplayReport {
  const truth: number[] = [];
  const predicted: Record<Predictor, number[]> = { context: [], agePriorOnly: [], mostFrequentSoFar: [], repeatLast: [] };
  const groups: string[] = [];
  const care = backup.careEntries ?? [];
  const index = (need: Need | null): number => (need === null ? LABELS.length - 1 : NEEDS.indexOf(need));
  const namedConfidences: number[] = [];
  let namedHits = 0;
  const calibrationWeight: Record<string, number> = {};
  for (const profile of backup.profiles) {
    const careIndex = buildCareIndex(care.filter((e) => e.profileId === profile.id));
    const answered: AnsweredEpisode[] = backup.episodes.flatMap((e) =>
      e.profileId === profile.id && e.actualReason !== null && isNeed(e.actualReason) ? [{ id: e.id, startedAt: e.startedAt, answer: e.actualReason }] : [],
    );
    const options = { babyName: profile.name, birthDate: profile.birthDate };
    const record = trackRecord(careIndex, answered, options);
    calibrationWeight[profile.name] = record.calibration.weight;
    const counts = new Map<Need, number>();
    for (const judged of record.judged) {
      if (judged.estimate.topNeed !== null) {
        namedConfidences.push(judged.estimate.confidence);
        if (judged.estimate.topNeed === judged.answer) namedHits += 1;
      }
      truth.push(index(judged.answer));
      groups.push(judged.id);
      predicted.context.push(index(judged.estimate.firstGuess));
      predicted.agePriorOnly.push(index(estimateContext(careIndex, EMPTY_LEARNER, judged.startedAt, options).firstGuess));
      predicted.mostFrequentSoFar.push(index(mostFrequent(counts)));
      predicted.repeatLast.push(index(judged.repeatLast));
      counts.set(judged.answer, (counts.get(judged.answer) ?? 0) + 1);
    }
  }
  const base = {
    babies: backup.profiles.length,
    answeredEpisodes: truth.length,
    careEntries: care.filter((e) => !e.deleted).length,
    unit: 'answered episodes (resampled with replacement)',
    note: 'Prequential: each episode is judged by the estimate made before its answer was known. The answers are the parents\' own, not clinical truth; one family\'s numbers say nothing about another baby.',
  };
  const wilson = wilsonInterval(namedHits, namedConfidences.length);
  const named: NamedReport = {
    named: namedConfidences.length,
    hits: namedHits,
    hitRate: namedConfidences.length === 0 ? null : { value: namedHits / namedConfidences.length, ...wilson },
    meanConfidence: namedConfidences.length === 0 ? null : namedConfidences.reduce((a, b) => a + b, 0) / namedConfidences.length,
    calibrationWeight,
  };
  if (truth.length === 0) return { ...base, predictors: null, named };
  const report = (p: Predictor): PredictorReport => {
    const preds = predicted[p];
    const stat = (key: 'accuracy' | 'balancedAccuracy' | 'macroF1') => (ids: number[]): number =>
      classificationMetrics(ids.map((i) => truth[i] ?? 0), ids.map((i) => preds[i] ?? 0), LABELS)[key];
    const opts = { seed, resamples, unit: base.unit };
    return {
      accuracy: metricWithCi(groups, stat('accuracy'), opts),
      balancedAccuracy: metricWithCi(groups, stat('balancedAccuracy'), opts),
      macroF1: metricWithCi(groups, stat('macroF1'), opts),
      hits: preds.filter((v, i) => v === truth[i]).length,
    };
  };
  return { ...base, predictors: Object.fromEntries(PREDICTORS.map((p) => [p, report(p)])) as Record<Predictor, PredictorReport>, named };
}
