/**
 * Asleep or awake, proposed to the parent, from what the camera and the microphone can honestly
 * tell over minutes: stillness in the cot, the eyes when a face is visible, and crying. Pure: one
 * observation per camera frame (or per audio window) in, the camera's view and at most one
 * proposal out. Nothing is ever logged from here; the parent confirms a proposal.
 *
 *  - "Looks asleep since 21:40": still (no movement above breathing size, no crying, eyes not
 *    seen open) for `asleepAfterMs`; "since" is when the stillness began.
 *  - "Looks awake since 05:10": after the camera saw sleep, or while the care log has a sleep
 *    open, activity (movement, crying or open eyes, with pauses shorter than `activityGapMs`)
 *    for `awakeAfterMs`; "since" is when that activity began. Only proposed when a sleep is open
 *    in the log, since a wake-up ends a logged sleep.
 * Frames the camera cannot read (off, too dark, starting) neither extend nor break a stretch;
 * a gap longer than `maxGapMs` without any reading starts afresh.
 */
import type { MotionState } from '../features/motion.ts';

export interface SleepWatchSettings {
  /** Stillness before "looks asleep". */
  asleepAfterMs: number;
  /** Activity before "looks awake". */
  awakeAfterMs: number;
  /** Pauses in activity shorter than this keep one stretch of activity going. */
  activityGapMs: number;
  /** Longer without any readable observation, and the watch starts afresh. */
  maxGapMs: number;
}

const MINUTE_MS = 60_000;

/** Defaults: infants often lie still for 10–20 min after falling asleep; a wake-up is a couple of minutes of activity. */
export const DEFAULT_SLEEP_WATCH: SleepWatchSettings = {
  asleepAfterMs: 15 * MINUTE_MS,
  awakeAfterMs: 2 * MINUTE_MS,
  activityGapMs: 30_000,
  maxGapMs: 5 * MINUTE_MS,
};

/** Settings scaled to `asleepAfterMinutes` (for the test-only URL parameter; see README). */
export function sleepWatchSettings(asleepAfterMinutes: number, awakeAfterMinutes: number): SleepWatchSettings {
  if (!(asleepAfterMinutes > 0 && awakeAfterMinutes > 0)) throw new Error('Sleep-watch minutes must be more than zero.');
  const asleepAfterMs = asleepAfterMinutes * MINUTE_MS;
  const awakeAfterMs = awakeAfterMinutes * MINUTE_MS;
  // The gaps scale with the shorter duration, so a shortened watch behaves like the real one.
  const scale = Math.min(1, awakeAfterMs / DEFAULT_SLEEP_WATCH.awakeAfterMs);
  return { asleepAfterMs, awakeAfterMs, activityGapMs: DEFAULT_SLEEP_WATCH.activityGapMs * scale, maxGapMs: Math.max(DEFAULT_SLEEP_WATCH.maxGapMs * scale, asleepAfterMs / 2) };
}

export interface SleepObservation {
  /** Epoch milliseconds. */
  timeMs: number;
  /** The camera's motion state; null when the camera is off. */
  motion: MotionState | null;
  /** Eyes of a visible face; null when not seen (no face, too dark, not measured). */
  eyes: 'open' | 'closed' | null;
  crying: boolean;
}

export interface SleepProposal {
  kind: 'asleep' | 'awake';
  /** Epoch milliseconds the proposal dates the change at. */
  sinceMs: number;
}

export interface SleepWatchState {
  /** What the camera makes of it: 'asleep' since `sinceMs`, 'awake', or 'unknown' (not enough seen). */
  camera: 'asleep' | 'awake' | 'unknown';
  /** For 'asleep': since when; null otherwise. */
  sinceMs: number | null;
  /** What to ask the parent now; null when nothing. */
  proposal: SleepProposal | null;
}

type Reading = 'active' | 'quiet' | 'unreadable';

function readingOf(o: SleepObservation): Reading {
  if (o.crying || o.motion === 'moving' || o.eyes === 'open') return 'active';
  if (o.motion === 'still') return 'quiet';
  return 'unreadable';
}

export class SleepWatch {
  #stillSinceMs: number | null = null;
  #activeSinceMs: number | null = null;
  #lastActiveMs: number | null = null;
  #lastReadableMs: number | null = null;
  #asleepSinceMs: number | null = null;
  /** When the activity that counted as waking began; null unless the camera saw a wake-up. */
  #awakeSinceMs: number | null = null;
  /** The proposal the parent waved away: not shown again for the same stretch. */
  #dismissed: string | null = null;
  #state: SleepWatchState = { camera: 'unknown', sinceMs: null, proposal: null };

  constructor(private readonly settings: SleepWatchSettings = DEFAULT_SLEEP_WATCH) {}

  get state(): SleepWatchState {
    return this.#state;
  }

  /** One observation; `logAsleep` is whether the care log has a sleep open now. */
  observe(o: SleepObservation, logAsleep: boolean): SleepWatchState {
    const reading = readingOf(o);
    const s = this.settings;
    if (this.#lastReadableMs !== null && o.timeMs - this.#lastReadableMs > s.maxGapMs) this.#restart();
    if (reading !== 'unreadable') this.#lastReadableMs = o.timeMs;

    if (reading === 'active') {
      if (this.#activeSinceMs === null || this.#lastActiveMs === null || o.timeMs - this.#lastActiveMs > s.activityGapMs) this.#activeSinceMs = o.timeMs;
      this.#lastActiveMs = o.timeMs;
      if (this.#asleepSinceMs === null) this.#stillSinceMs = null;
    } else if (reading === 'quiet') {
      if (this.#lastActiveMs !== null && o.timeMs - this.#lastActiveMs > s.activityGapMs) {
        // The activity has died down: stillness counts from its end.
        this.#activeSinceMs = null;
        this.#stillSinceMs ??= this.#lastActiveMs;
        this.#lastActiveMs = null;
      }
      if (this.#activeSinceMs === null) this.#stillSinceMs ??= o.timeMs;
    }

    const activeFor = this.#activeSinceMs !== null && this.#lastActiveMs !== null ? this.#lastActiveMs - this.#activeSinceMs : 0;
    if (this.#asleepSinceMs === null && this.#stillSinceMs !== null && o.timeMs - this.#stillSinceMs >= s.asleepAfterMs) {
      this.#asleepSinceMs = this.#stillSinceMs;
      this.#awakeSinceMs = null;
    }
    if (activeFor >= s.awakeAfterMs && this.#activeSinceMs !== null) {
      // A wake-up only counts against a sleep: one the camera saw, or one open in the log.
      if ((this.#asleepSinceMs !== null || logAsleep) && this.#awakeSinceMs === null) this.#awakeSinceMs = this.#activeSinceMs;
      this.#asleepSinceMs = null;
      this.#stillSinceMs = null;
    }

    let proposal: SleepProposal | null = null;
    if (this.#asleepSinceMs !== null && !logAsleep) proposal = { kind: 'asleep', sinceMs: this.#asleepSinceMs };
    else if (this.#awakeSinceMs !== null && logAsleep) proposal = { kind: 'awake', sinceMs: this.#awakeSinceMs };
    if (proposal !== null && `${proposal.kind}@${proposal.sinceMs}` === this.#dismissed) proposal = null;

    const camera = this.#asleepSinceMs !== null ? 'asleep' : this.#awakeSinceMs !== null || activeFor > 0 ? 'awake' : 'unknown';
    this.#state = { camera, sinceMs: this.#asleepSinceMs, proposal };
    return this.#state;
  }

  /** The parent said no (or logged it another way): this proposal is not shown again. */
  dismiss(): void {
    const p = this.#state.proposal;
    if (p !== null) this.#dismissed = `${p.kind}@${p.sinceMs}`;
    this.#state = { ...this.#state, proposal: null };
  }

  #restart(): void {
    this.#stillSinceMs = null;
    this.#activeSinceMs = null;
    this.#lastActiveMs = null;
    this.#asleepSinceMs = null;
    this.#awakeSinceMs = null;
  }
}
