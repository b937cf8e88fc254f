import { backgroundNotice } from './background-notice.ts';
import {
  AlertChime,
  notificationAvailability,
  requestNotificationPermission,
  showAlertNotification,
  vibrateForAlert,
  type NotificationAvailability,
} from './episode-alert.ts';
import { ScreenWakeLock, type WakeLockStatus } from './wake-lock.ts';

/**
 * Everything that reaches the parent outside the screen: wake lock while monitoring, and
 * vibration / notification / chime when an episode starts. Feature-detected; nothing throws.
 */
export class AlertsState {
  wakeLock = $state<WakeLockStatus>('off');
  notifications = $state<NotificationAvailability>(notificationAvailability());
  soundOn = $state(true);
  /** Shown after the page came back from the background while monitoring; null otherwise. */
  backgroundWarning = $state<string | null>(null);

  #monitoring = false;
  #hiddenSinceMs: number | null = null;
  readonly #chime = new AlertChime();
  readonly #lock: ScreenWakeLock;
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

  constructor() {
    const api = typeof navigator !== 'undefined' && 'wakeLock' in navigator ? navigator.wakeLock : undefined;
    this.#lock = new ScreenWakeLock(api, document, (status) => {
      this.wakeLock = status;
    });
  }

  /** Call from the Start button's handler: the chime's audio can only be unlocked by a gesture. */
  async startMonitoring(): Promise<void> {
    this.#monitoring = true;
    this.backgroundWarning = null;
    this.#chime.prepare();
    document.addEventListener('visibilitychange', this.#onVisibility);
    await this.#lock.acquire();
  }

  async stopMonitoring(): Promise<void> {
    this.#monitoring = false;
    this.#hiddenSinceMs = null;
    document.removeEventListener('visibilitychange', this.#onVisibility);
    await this.#lock.release();
  }

  async enableNotifications(): Promise<void> {
    this.notifications = await requestNotificationPermission();
  }

  dismissBackgroundWarning(): void {
    this.backgroundWarning = null;
  }

  /** Alerts that crying started; `detail` is a short line such as "Crying for a few seconds". */
  async episodeStarted(detail: string): Promise<void> {
    vibrateForAlert();
    const tasks: Promise<boolean>[] = [showAlertNotification('Your baby is crying', detail)];
    if (this.soundOn) tasks.push(this.#chime.play());
    await Promise.all(tasks);
  }
}
