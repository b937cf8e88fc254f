/**
 * When to alert, decided from the monitor's readings and the parent's settings. Pure: no DOM,
 * no clock of its own; time is the monitor's stream time (seconds of audio analysed), so a
 * scripted timeline in a unit test behaves exactly like a live session.
 */

export const SENSITIVITIES = ['fewer-false-alarms', 'balanced', 'catch-every-cry'] as const;
export type Sensitivity = (typeof SENSITIVITIES)[number];

/** "Alert only after N seconds of crying": sleep training needs a delay, a newborn none. */
export const ALERT_DELAYS_SECONDS = [0, 10, 30, 60] as const;
export type AlertDelaySeconds = (typeof ALERT_DELAYS_SECONDS)[number];

/** Quiet time after an alert during which a new episode does not alert again. */
export const ALERT_COOLDOWNS_MINUTES = [0, 2, 5, 10] as const;
export type AlertCooldownMinutes = (typeof ALERT_COOLDOWNS_MINUTES)[number];

/** A repeating alarm rings again this often until the parent taps "I'm on it": one beep gets slept through. */
export const REPEAT_INTERVAL_SECONDS = 30;

export interface AlertSettings {
  readonly chime: boolean;
  readonly vibration: boolean;
  readonly notification: boolean;
  readonly sensitivity: Sensitivity;
  readonly delaySeconds: AlertDelaySeconds;
  readonly cooldownMinutes: AlertCooldownMinutes;
  readonly repeatUntilAcknowledged: boolean;
}

/** What the app did before these settings existed, except nothing rings twice on its own. */
export const DEFAULT_ALERT_SETTINGS: AlertSettings = {
  chime: true,
  vibration: true,
  notification: true,
  sensitivity: 'balanced',
  delaySeconds: 0,
  cooldownMinutes: 0,
  repeatUntilAcknowledged: false,
};

function oneOf<T>(allowed: readonly T[], value: unknown): value is T {
  return allowed.includes(value as T);
}

const BOOLEANS: readonly boolean[] = [true, false];

const FIELD_CHOICES: { readonly [K in keyof AlertSettings]: readonly AlertSettings[K][] } = {
  chime: BOOLEANS,
  vibration: BOOLEANS,
  notification: BOOLEANS,
  sensitivity: SENSITIVITIES,
  delaySeconds: ALERT_DELAYS_SECONDS,
  cooldownMinutes: ALERT_COOLDOWNS_MINUTES,
  repeatUntilAcknowledged: BOOLEANS,
};

/**
 * Reads stored settings field by field: a missing field takes its default quietly (an older
 * app version did not store it); a malformed one takes its default with a warning. Never throws.
 */
export function parseAlertSettings(stored: unknown, warn: (message: string) => void = console.warn): AlertSettings {
  if (stored === undefined || stored === null) return DEFAULT_ALERT_SETTINGS;
  if (typeof stored !== 'object' || Array.isArray(stored)) {
    warn(`Stored alert settings are not an object (${JSON.stringify(stored)}); using the defaults.`);
    return DEFAULT_ALERT_SETTINGS;
  }
  const record = stored as Record<string, unknown>;
  const result: Record<string, unknown> = { ...DEFAULT_ALERT_SETTINGS };
  for (const key of Object.keys(FIELD_CHOICES) as (keyof AlertSettings)[]) {
    if (!Object.hasOwn(record, key)) continue;
    const value = record[key];
    if (oneOf<unknown>(FIELD_CHOICES[key], value)) result[key] = value;
    else warn(`Stored alert setting "${key}" has an unusable value (${JSON.stringify(value)}); using ${JSON.stringify(DEFAULT_ALERT_SETTINGS[key])}.`);
  }
  return result as unknown as AlertSettings;
}

/** The part of a monitor snapshot the rules read. */
export interface AlertObservation {
  /** Stream time in seconds of the latest audio window. */
  readonly timeSeconds: number;
  /** The open episode, or null. */
  readonly episode: { readonly startSeconds: number; readonly durationSeconds: number } | null;
}

export type AlertDecision =
  /** First alert for an episode. */
  | { readonly type: 'alert' }
  /** The repeating alarm rings again; `count` is 1 for the first repeat. */
  | { readonly type: 'repeat'; readonly count: number };

export type AlertTiming = Pick<AlertSettings, 'delaySeconds' | 'cooldownMinutes' | 'repeatUntilAcknowledged'>;

/**
 * One listening session's alert decisions. Call `observe` after every audio window; it returns
 * what to do now, or null.
 * - An episode alerts once, when its crying has lasted `delaySeconds` (its own stream-time
 *   duration, so pauses for breath count but the quiet after it does not).
 * - After an alert, a new episode alerts only once `cooldownMinutes` have passed; if it is still
 *   crying then, it alerts at that moment.
 * - With `repeatUntilAcknowledged`, the alarm rings again every REPEAT_INTERVAL_SECONDS until
 *   `acknowledge()`, even after the crying stops: the parent has not yet said they heard it.
 */
export class AlertRules {
  #timing: AlertTiming;
  #lastAlertSeconds: number | null = null;
  #alertedEpisodeStart: number | null = null;
  #ringingSince: number | null = null;
  #repeats = 0;

  constructor(timing: AlertTiming) {
    this.#timing = timing;
  }

  /** New settings take effect from the next observation. */
  setTiming(timing: AlertTiming): void {
    this.#timing = timing;
    if (!timing.repeatUntilAcknowledged) this.#ringingSince = null;
  }

  /** True while a repeating alarm waits for "I'm on it". */
  get ringing(): boolean {
    return this.#ringingSince !== null;
  }

  acknowledge(): void {
    this.#ringingSince = null;
    this.#repeats = 0;
  }

  /** A new session: stream time starts again at zero. */
  reset(): void {
    this.#lastAlertSeconds = null;
    this.#alertedEpisodeStart = null;
    this.acknowledge();
  }

  observe(observation: AlertObservation): AlertDecision | null {
    const { timeSeconds, episode } = observation;
    if (episode !== null && episode.startSeconds !== this.#alertedEpisodeStart && this.#mayAlert(episode.durationSeconds, timeSeconds)) {
      this.#alertedEpisodeStart = episode.startSeconds;
      this.#lastAlertSeconds = timeSeconds;
      this.#repeats = 0;
      this.#ringingSince = this.#timing.repeatUntilAcknowledged ? timeSeconds : null;
      return { type: 'alert' };
    }
    if (this.#ringingSince !== null && timeSeconds - this.#ringingSince >= (this.#repeats + 1) * REPEAT_INTERVAL_SECONDS) {
      this.#repeats += 1;
      return { type: 'repeat', count: this.#repeats };
    }
    return null;
  }

  #mayAlert(cryingSeconds: number, timeSeconds: number): boolean {
    if (cryingSeconds < this.#timing.delaySeconds) return false;
    if (this.#lastAlertSeconds === null) return true;
    return timeSeconds - this.#lastAlertSeconds >= this.#timing.cooldownMinutes * 60;
  }
}
