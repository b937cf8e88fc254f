import type { SessionSnapshot } from './session-snapshot.ts';

/**
 * What the baby unit tells the parent unit in each `session-snapshot` message: the whole session
 * snapshot (the type the monitor screen renders, so the parent sees the same thing) plus the baby
 * phone's battery where the browser reports it.
 */
export interface BabyUnitReport {
  readonly session: SessionSnapshot;
  /** Null where the browser has no Battery Status API (Safari, Firefox). */
  readonly battery: BatteryReport | null;
}

export interface BatteryReport {
  /** 0–1. */
  readonly level: number;
  readonly charging: boolean;
}

type Fields = Record<string, unknown>;

function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

const LISTENING_STATUSES: readonly string[] = ['idle', 'starting', 'listening', 'suspended', 'stopping'];
const MODEL_KINDS: readonly string[] = ['loading', 'ready', 'unavailable'];

function problemShapeWrong(value: unknown): boolean {
  return value !== null && !(isRecord(value) && typeof value.message === 'string' && typeof value.action === 'string');
}

function readingProblem(reading: unknown): string | null {
  if (reading === null) return null;
  if (!isRecord(reading)) return 'reading is not an object';
  if (!isNumber(reading.timeSeconds) || !isNumber(reading.cryProbability) || !isNumber(reading.smoothedCryProbability)) return 'reading without its numbers';
  if (typeof reading.crying !== 'boolean') return 'reading without crying';
  if (!Array.isArray(reading.contributed)) return 'reading without contributed senses';
  // The parent unit shows the reason and the left-out sources as words: anything else is not rendered.
  if (reading.reason !== null && typeof reading.reason !== 'string') return 'reading with a reason that is not words';
  if (!Array.isArray(reading.leftOut)) return 'reading without its left-out sources';
  const episode = reading.episode;
  if (episode !== null && !(isRecord(episode) && isNumber(episode.startSeconds) && isNumber(episode.durationSeconds) && Array.isArray(episode.candidates))) {
    return 'reading with a malformed episode';
  }
  const assessment = reading.assessment;
  if (assessment !== null && !(isRecord(assessment) && typeof assessment.notSure === 'boolean' && Array.isArray(assessment.candidates))) {
    return 'reading with a malformed need assessment';
  }
  return null;
}

/**
 * Why `value` is not a BabyUnitReport the parent unit can render, or null. Checks what the parent
 * unit's screen and alerts read; the sender is the phone whose DTLS fingerprint was pinned at pairing.
 */
export function babyUnitReportProblem(value: unknown): string | null {
  if (!isRecord(value)) return 'report is not an object';
  const { session, battery } = value;
  if (battery !== null && !(isRecord(battery) && isNumber(battery.level) && battery.level >= 0 && battery.level <= 1 && typeof battery.charging === 'boolean')) {
    return 'report with a malformed battery';
  }
  if (!isRecord(session)) return 'report without a session';
  const { listening, monitor, logging, camera } = session;
  if (!isRecord(listening) || !LISTENING_STATUSES.includes(String(listening.status))) return 'session without a listening status';
  if (!isRecord(listening.models) || !MODEL_KINDS.includes(String(listening.models.kind))) return 'session without a model status';
  if (!isNumber(listening.levelDbfs)) return 'session without a sound level';
  if (problemShapeWrong(listening.problem)) return 'session with a malformed microphone problem';
  if (!isRecord(monitor) || typeof monitor.active !== 'boolean') return 'session without a monitor';
  if (monitor.lastEnded !== null && !isRecord(monitor.lastEnded)) return 'session with a malformed last episode';
  if (!isRecord(monitor.thresholds)) return 'session without thresholds';
  const reading = readingProblem(monitor.reading);
  if (reading !== null) return reading;
  if (!isRecord(logging) || typeof logging.enabled !== 'boolean' || !isNumber(logging.savedCount)) return 'session without logging state';
  if (!isRecord(camera) || typeof camera.status !== 'string') return 'session without camera state';
  return null;
}

/**
 * The part of a snapshot whose change must reach the parent at once: a cry starting or stopping,
 * an episode opening, the microphone or the models failing, saving stopping. Everything else (the
 * sound level, probabilities moving) waits for the throttle.
 */
export function urgentKey(report: BabyUnitReport): string {
  const { listening, monitor, logging } = report.session;
  return JSON.stringify([
    listening.status,
    listening.models.kind,
    listening.problem?.code ?? null,
    monitor.active,
    monitor.reading?.crying ?? null,
    monitor.reading?.episode?.startSeconds ?? null,
    monitor.lastEnded?.startSeconds ?? null,
    logging.enabled,
  ]);
}

/** The least time between two non-urgent snapshots, in milliseconds: about one a second is plenty for a level meter. */
export const SNAPSHOT_MIN_INTERVAL_MS = 1000;

export type ThrottleDecision = 'send' | 'later' | 'skip';

/**
 * When to send the baby unit's snapshot. Pure and clock-injected:
 * - an urgent change (urgentKey) goes at once;
 * - an identical text is never sent twice (the heartbeat already says "still here");
 * - other changes go at most every `minIntervalMs`; 'later' means call `due()` again after `retryInMs`.
 */
export class SnapshotThrottle {
  private lastText: string | null = null;
  private lastKey: string | null = null;
  private lastSentAt: number | null = null;

  constructor(
    private readonly now: () => number,
    private readonly minIntervalMs = SNAPSHOT_MIN_INTERVAL_MS,
  ) {}

  decide(report: BabyUnitReport, text: string): ThrottleDecision {
    if (text === this.lastText) return 'skip';
    const key = urgentKey(report);
    const now = this.now();
    if (key !== this.lastKey || this.lastSentAt === null || now - this.lastSentAt >= this.minIntervalMs) return 'send';
    return 'later';
  }

  /** Milliseconds until a 'later' snapshot may go. */
  retryInMs(): number {
    return this.lastSentAt === null ? 0 : Math.max(0, this.minIntervalMs - (this.now() - this.lastSentAt));
  }

  sent(report: BabyUnitReport, text: string): void {
    this.lastText = text;
    this.lastKey = urgentKey(report);
    this.lastSentAt = this.now();
  }

  /** A new connection: the other side knows nothing yet. */
  reset(): void {
    this.lastText = null;
    this.lastKey = null;
    this.lastSentAt = null;
  }
}
