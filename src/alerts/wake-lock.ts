/** The part of the Screen Wake Lock API used here (navigator.wakeLock). */
export interface WakeLockApi {
  request(type: 'screen'): Promise<WakeLockSentinelLike>;
}

export interface WakeLockSentinelLike {
  readonly released: boolean;
  release(): Promise<void>;
  addEventListener(type: 'release', listener: () => void): void;
}

/** The part of `document` used to follow visibility. */
export interface VisibilitySource {
  readonly visibilityState: DocumentVisibilityState;
  addEventListener(type: 'visibilitychange', listener: () => void): void;
  removeEventListener(type: 'visibilitychange', listener: () => void): void;
}

export type WakeLockStatus = 'off' | 'held' | 'waiting-for-visible' | 'unsupported' | 'refused';

/**
 * Keeps the screen awake while monitoring. The browser drops the lock whenever the page is
 * hidden, so it is requested again when the page becomes visible. Never throws: an unsupported
 * API or a refusal (battery saver, no user gesture) is reported through `onStatus`.
 */
export class ScreenWakeLock {
  #sentinel: WakeLockSentinelLike | null = null;
  #wanted = false;
  readonly #api: WakeLockApi | undefined;
  readonly #visibility: VisibilitySource;
  readonly #onStatus: (status: WakeLockStatus) => void;
  readonly #onVisibilityChange = (): void => {
    if (this.#wanted && this.#visibility.visibilityState === 'visible') void this.#request();
  };

  constructor(api: WakeLockApi | undefined, visibility: VisibilitySource, onStatus: (status: WakeLockStatus) => void) {
    this.#api = api;
    this.#visibility = visibility;
    this.#onStatus = onStatus;
  }

  async acquire(): Promise<void> {
    if (this.#api === undefined) {
      this.#onStatus('unsupported');
      return;
    }
    if (!this.#wanted) this.#visibility.addEventListener('visibilitychange', this.#onVisibilityChange);
    this.#wanted = true;
    await this.#request();
  }

  async release(): Promise<void> {
    if (this.#wanted) this.#visibility.removeEventListener('visibilitychange', this.#onVisibilityChange);
    this.#wanted = false;
    const sentinel = this.#sentinel;
    this.#sentinel = null;
    if (sentinel !== null && !sentinel.released) {
      try {
        await sentinel.release();
      } catch {
        // Already released by the browser: nothing left to do.
      }
    }
    if (this.#api !== undefined) this.#onStatus('off');
  }

  async #request(): Promise<void> {
    if (this.#api === undefined || (this.#sentinel !== null && !this.#sentinel.released)) return;
    if (this.#visibility.visibilityState !== 'visible') {
      this.#onStatus('waiting-for-visible');
      return;
    }
    try {
      const sentinel = await this.#api.request('screen');
      if (!this.#wanted) {
        await sentinel.release();
        return;
      }
      this.#sentinel = sentinel;
      sentinel.addEventListener('release', () => {
        if (this.#sentinel === sentinel) this.#onStatus(this.#wanted ? 'waiting-for-visible' : 'off');
      });
      this.#onStatus('held');
    } catch {
      this.#onStatus('refused');
    }
  }
}
