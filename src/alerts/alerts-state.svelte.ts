import type { HistoryDb } from '../log/db.ts';
import { AlertRules, DEFAULT_ALERT_SETTINGS, type AlertObservation, type AlertSettings } from './alert-rules.ts';
import { readAlertSettings, writeAlertSettings } from './alert-settings-store.ts';
import { backgroundNotice } from './background-notice.ts';
import { loadOperatingPoints, type OperatingPoint } from './operating-points.ts';
import {
  AlertChime,
  notificationAvailability,
  requestNotificationPermission,
  showAlertNotification,
  vibrateForAlert,
  type NotificationAvailability,
} from './episode-alert.ts';
import { ScreenWakeLock, type WakeLockStatus } from './wake-lock.ts';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Everything that reaches the parent outside the screen: wake lock while monitoring, and
 * vibration / notification / chime when the alert rules (alert-rules.ts) say so, with the
 * parent's settings kept in the history database. Feature-detected; nothing throws.
 */
export class AlertsState {
  wakeLock = $state<WakeLockStatus>('off');
  notifications = $state<NotificationAvailability>(notificationAvailability());
  /** Defaults until the stored ones are read (settingsLoaded). */
  settings = $state.raw<AlertSettings>(DEFAULT_ALERT_SETTINGS);
  settingsLoaded = $state(false);
  /** Why the settings could not be read or saved, in words; null when fine. */
  settingsError = $state<string | null>(null);
  /** The sensitivities the model card measured; empty until read (or when it cannot be). */
  operatingPoints = $state.raw<readonly OperatingPoint[]>([]);
  /** A repeating alarm waits for "I'm on it". */
  ringing = $state(false);
  /** Epoch ms of the last alert or repeat in this app session; null before any. */
  lastAlertAt = $state<number | null>(null);
  /** Shown after the page came back from the background while monitoring; null otherwise. */
  backgroundWarning = $state<string | null>(null);

  #monitoring = false;
  #hiddenSinceMs: number | null = null;
  readonly #chime = new AlertChime();
  readonly #lock: ScreenWakeLock;
  readonly #rules = new AlertRules(DEFAULT_ALERT_SETTINGS);
  readonly #now: () => number;
  #changedBeforeLoad = false;
  #db: (() => Promise<HistoryDb>) | null = null;
  readonly #onVisibility = (): void => {
    if (!this.#monitoring) return;
    if (document.visibilityState === 'hidden') {
      this.#hiddenSinceMs = performance.now();
    } else {
      if (this.#hiddenSinceMs !== null) {
        const notice = backgroundNotice((performance.now() - this.#hiddenSinceMs) / 1000);
        if (notice !== null) this.backgroundWarning = notice;
      }
      this.#hiddenSinceMs = null;
    }
  };

  constructor(now: () => number = Date.now) {
    this.#now = now;
    const api = typeof navigator !== 'undefined' && 'wakeLock' in navigator ? navigator.wakeLock : undefined;
    this.#lock = new ScreenWakeLock(api, document, (status) => {
      this.wakeLock = status;
    });
  }

  /**
   * Cry threshold of the chosen sensitivity, or null for the shipped one (balanced, or a point
   * the model card does not measure): what the monitor's episode onset must use.
   */
  get cryThreshold(): number | null {
    const { sensitivity } = this.settings;
    if (sensitivity === 'balanced') return null;
    return this.operatingPoints.find((p) => p.sensitivity === sensitivity)?.cryThreshold ?? null;
  }

  /** Reads the stored settings and the model card's operating points; failures are shown, never thrown. */
  async load(db: () => Promise<HistoryDb>, modelBaseUrl: string): Promise<void> {
    const points = loadOperatingPoints(modelBaseUrl).then((p) => {
      this.operatingPoints = p;
    });
    try {
      const stored = await readAlertSettings(await db());
      if (!this.#changedBeforeLoad) this.#apply(stored);
    } catch (error) {
      this.settingsError = `Alert settings could not be read, so the defaults apply: ${messageOf(error)}`;
    } finally {
      this.settingsLoaded = true;
    }
    this.#db = db;
    // A choice made while the stored ones were still loading wins, and is saved now.
    if (this.#changedBeforeLoad) await this.update({});
    await points;
  }

  /** Changes settings now and saves them; a failed save is shown and the change still applies. */
  async update(change: Partial<AlertSettings>): Promise<void> {
    if (!this.settingsLoaded) this.#changedBeforeLoad = true;
    this.#apply({ ...this.settings, ...change });
    const db = this.#db;
    if (db === null) return;
    try {
      await writeAlertSettings(await db(), this.settings);
      this.settingsError = null;
    } catch (error) {
      this.settingsError = `Alert settings could not be saved and will be lost on reload: ${messageOf(error)}`;
    }
  }

  #apply(settings: AlertSettings): void {
    this.settings = settings;
    this.#rules.setTiming(settings);
    this.ringing = this.#rules.ringing;
  }

  /**
   * Feed after every audio window (the monitor's snapshot). `detail` makes the notification's
   * line, e.g. "Crying started. Maybe hungry."; called only when an alert fires.
   */
  observe(observation: AlertObservation, detail: () => string): void {
    const decision = this.#rules.observe(observation);
    this.ringing = this.#rules.ringing;
    if (decision === null) return;
    this.lastAlertAt = this.#now();
    const body = decision.type === 'alert' ? detail() : `Still waiting for someone to answer (alarm ${decision.count + 1}).`;
    void this.#fire(body);
  }

  /** "I'm on it": the repeating alarm stops. */
  acknowledge(): void {
    this.#rules.acknowledge();
    this.ringing = false;
  }

  /** Call from the Start button's handler: the chime's audio can only be unlocked by a gesture. */
  async startMonitoring(): Promise<void> {
    this.#monitoring = true;
    this.backgroundWarning = null;
    this.#rules.reset();
    this.ringing = false;
    this.#chime.prepare();
    document.addEventListener('visibilitychange', this.#onVisibility);
    await this.#lock.acquire();
  }

  async stopMonitoring(): Promise<void> {
    this.#monitoring = false;
    this.#hiddenSinceMs = null;
    this.acknowledge();
    document.removeEventListener('visibilitychange', this.#onVisibility);
    await this.#lock.release();
  }

  async enableNotifications(): Promise<void> {
    this.notifications = await requestNotificationPermission();
  }

  dismissBackgroundWarning(): void {
    this.backgroundWarning = null;
  }

  async #fire(body: string): Promise<void> {
    const { vibration, notification, chime } = this.settings;
    if (vibration) vibrateForAlert();
    const tasks: Promise<boolean>[] = [];
    if (notification) tasks.push(showAlertNotification('Your baby is crying', body));
    if (chime) tasks.push(this.#chime.play());
    await Promise.all(tasks);
  }
}
