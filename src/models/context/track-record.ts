import { NEEDS, type Need } from '../../domain/needs.ts';
import { fitCalibration } from './calibration.ts';
import type { CareIndex } from './care-index.ts';
import { binProbabilities, EMPTY_LEARNER, estimateContext, learn, type Calibration, type ContextEstimate, type ContextLearner, type EstimateOptions } from './model.ts';

/** The track record is shown from this many answered episodes on (issue 11). */
export const MIN_TRACK_RECORD_EPISODES = 5;

/** One cry episode the parent answered with a need. */
export interface AnsweredEpisode {
  id: string;
  /** Epoch ms of the cry: the context is read at this instant. */
  startedAt: number;
  answer: Need;
}

export interface JudgedEpisode {
  id: string;
  startedAt: number;
  answer: Need;
  /** The estimate made before this answer was known. */
  estimate: ContextEstimate;
  /** How many answers the learner had seen when it judged this episode. */
  answersSeenBefore: number;
  modelHit: boolean;
  /** Repeat-the-last-answer baseline; null for the first episode (no last answer). */
  repeatLast: Need | null;
  repeatLastHit: boolean;
}

export interface TrackRecord {
  episodes: number;
  modelHits: number;
  repeatLastHits: number;
  /** True once there are enough episodes to show it. */
  shown: boolean;
  judged: JudgedEpisode[];
  /** The learner after every answer: what the app uses for the next cry. */
  learner: ContextLearner;
  /** Fitted on every judged cry: what the app uses for the next cry's confidence. */
  calibration: Calibration;
}

/**
 * Prequential replay: episodes in time order; each is judged by the estimate made from the
 * answers strictly before it (its counts and its calibration), and only then is its own answer
 * learned. Episodes, not windows, are the unit, since answers within one episode barely differ.
 */
export function trackRecord(index: CareIndex, episodes: readonly AnsweredEpisode[], options: EstimateOptions): TrackRecord {
  const ordered = [...episodes].sort((a, b) => a.startedAt - b.startedAt || a.id.localeCompare(b.id));
  let learner = EMPTY_LEARNER;
  let last: Need | null = null;
  const judged: JudgedEpisode[] = [];
  const answerProbabilities: number[] = [];
  for (const episode of ordered) {
    const estimate = estimateContext(index, learner, episode.startedAt, { ...options, calibration: fitCalibration(answerProbabilities) });
    const raw = binProbabilities(learner, estimate.bin, options.priorStrength);
    answerProbabilities.push(raw[NEEDS.indexOf(episode.answer)] as number);
    judged.push({
      id: episode.id,
      startedAt: episode.startedAt,
      answer: episode.answer,
      estimate,
      answersSeenBefore: learner.answered,
      modelHit: estimate.firstGuess === episode.answer,
      repeatLast: last,
      repeatLastHit: last === episode.answer,
    });
    learner = learn(learner, estimate.bin, episode.answer);
    last = episode.answer;
  }
  return {
    episodes: judged.length,
    modelHits: judged.filter((j) => j.modelHit).length,
    repeatLastHits: judged.filter((j) => j.repeatLastHit).length,
    shown: judged.length >= MIN_TRACK_RECORD_EPISODES,
    judged,
    learner,
    calibration: fitCalibration(answerProbabilities),
  };
}

/** "For Mia, the first guess matched your answer 7 of the last 10 times; …", or null when too few. */
export function trackRecordSentence(record: TrackRecord, babyName: string, lastN = 10): string | null {
  if (!record.shown) return null;
  const recent = record.judged.slice(-lastN);
  const hits = recent.filter((j) => j.modelHit).length;
  const repeat = recent.filter((j) => j.repeatLastHit).length;
  return `For ${babyName}, the first guess matched your answer ${hits} of the last ${recent.length} times; simply repeating your last answer would have matched ${repeat}.`;
}
