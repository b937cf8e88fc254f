/** Vibration when an episode starts, in milliseconds on/off/on: noticeable, not alarming. */
export const ALERT_VIBRATION_PATTERN_MS: readonly number[] = [300, 150, 300];

/** The chime: two soft notes (hertz), each this long (seconds), at this peak gain (0–1). */
export const CHIME_NOTES_HZ: readonly number[] = [660, 880];
export const CHIME_NOTE_SECONDS = 0.25;
export const CHIME_PEAK_GAIN = 0.2;

/** Tag shared by episode notifications so a new one replaces the last instead of stacking. */
export const NOTIFICATION_TAG = 'crydecode-episode';

/** Vibrates if the device can; returns whether it was attempted. */
export function vibrateForAlert(nav: Navigator = navigator): boolean {
  if (typeof nav.vibrate !== 'function') return false;
  try {
    return nav.vibrate([...ALERT_VIBRATION_PATTERN_MS]);
  } catch {
    return false;
  }
}

export type NotificationAvailability = NotificationPermission | 'unsupported';

export function notificationAvailability(): NotificationAvailability {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** Asks for notification permission; call only from a user action (a button press). */
export async function requestNotificationPermission(): Promise<NotificationAvailability> {
  if (typeof Notification === 'undefined') return 'unsupported';
  try {
    return await Notification.requestPermission();
  } catch {
    return Notification.permission;
  }
}

/**
 * Shows a notification when permission was granted. Goes through the service worker when one is
 * active (Android Chrome refuses `new Notification()` on the page), else the page constructor.
 */
export async function showAlertNotification(title: string, body: string): Promise<boolean> {
  if (notificationAvailability() !== 'granted') return false;
  const options: NotificationOptions = { body, tag: NOTIFICATION_TAG };
  try {
    const registration = 'serviceWorker' in navigator ? await navigator.serviceWorker.getRegistration() : undefined;
    if (registration) {
      await registration.showNotification(title, options);
      return true;
    }
    new Notification(title, options);
    return true;
  } catch {
    return false;
  }
}

/**
 * A short chime made with WebAudio (no sound file). Browsers only let audio start after a user
 * gesture, so `prepare()` belongs in the Start button's handler.
 */
export class AlertChime {
  #context: AudioContext | null = null;

  prepare(): void {
    if (this.#context !== null || typeof AudioContext === 'undefined') return;
    try {
      this.#context = new AudioContext();
    } catch {
      this.#context = null;
    }
  }

  async play(): Promise<boolean> {
    const context = this.#context;
    if (context === null) return false;
    try {
      if (context.state === 'suspended') await context.resume();
      const start = context.currentTime;
      CHIME_NOTES_HZ.forEach((frequency, index) => {
        const oscillator = context.createOscillator();
        const gain = context.createGain();
        const noteStart = start + index * CHIME_NOTE_SECONDS;
        oscillator.type = 'sine';
        oscillator.frequency.value = frequency;
        gain.gain.setValueAtTime(0, noteStart);
        gain.gain.linearRampToValueAtTime(CHIME_PEAK_GAIN, noteStart + CHIME_NOTE_SECONDS * 0.1);
        gain.gain.exponentialRampToValueAtTime(0.001, noteStart + CHIME_NOTE_SECONDS);
        oscillator.connect(gain).connect(context.destination);
        oscillator.start(noteStart);
        oscillator.stop(noteStart + CHIME_NOTE_SECONDS);
      });
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    const context = this.#context;
    this.#context = null;
    if (context === null) return;
    try {
      await context.close();
    } catch {
      // Already closed.
    }
  }
}
