import { describe, expect, it } from 'vitest';
import { ScreenWakeLock, type VisibilitySource, type WakeLockApi, type WakeLockSentinelLike, type WakeLockStatus } from './wake-lock.ts';

/** A minimal stand-in for the browser's wake lock, which drops locks when the page is hidden. */
class FakeBrowser implements WakeLockApi, VisibilitySource {
  visibilityState: DocumentVisibilityState = 'visible';
  requests = 0;
  refuse = false;
  held: { released: boolean; fire: () => void } | null = null;
  #visibilityListeners: (() => void)[] = [];

  request(): Promise<WakeLockSentinelLike> {
    this.requests += 1;
    if (this.refuse) return Promise.reject(new DOMException('battery saver', 'NotAllowedError'));
    const releaseListeners: (() => void)[] = [];
    const state = { released: false, fire: () => releaseListeners.forEach((l) => l()) };
    this.held = state;
    return Promise.resolve({
      get released() {
        return state.released;
      },
      release: () => {
        state.released = true;
        state.fire();
        return Promise.resolve();
      },
      addEventListener: (_type: 'release', listener: () => void) => releaseListeners.push(listener),
    });
  }
  addEventListener(_type: 'visibilitychange', listener: () => void): void {
    this.#visibilityListeners.push(listener);
  }
  removeEventListener(_type: 'visibilitychange', listener: () => void): void {
    this.#visibilityListeners = this.#visibilityListeners.filter((l) => l !== listener);
  }
  async setVisibility(state: DocumentVisibilityState): Promise<void> {
    this.visibilityState = state;
    if (state === 'hidden' && this.held && !this.held.released) {
      this.held.released = true;
      this.held.fire();
    }
    this.#visibilityListeners.forEach((l) => l());
    await Promise.resolve();
    await Promise.resolve();
  }
  get listenerCount(): number {
    return this.#visibilityListeners.length;
  }
}

describe('ScreenWakeLock', () => {
  it('holds the lock, re-acquires it when the page is visible again, and releases on stop', async () => {
    const browser = new FakeBrowser();
    const statuses: WakeLockStatus[] = [];
    const lock = new ScreenWakeLock(browser, browser, (s) => statuses.push(s));
    await lock.acquire();
    expect(statuses.at(-1)).toBe('held');
    await browser.setVisibility('hidden');
    expect(statuses.at(-1)).toBe('waiting-for-visible');
    await browser.setVisibility('visible');
    expect(browser.requests).toBe(2);
    expect(statuses.at(-1)).toBe('held');
    await lock.release();
    expect(browser.held?.released).toBe(true);
    expect(statuses.at(-1)).toBe('off');
    expect(browser.listenerCount).toBe(0);
    await browser.setVisibility('visible');
    expect(browser.requests).toBe(2);
  });

  it('reports unsupported and refused without throwing', async () => {
    const unsupported: WakeLockStatus[] = [];
    await new ScreenWakeLock(undefined, new FakeBrowser(), (s) => unsupported.push(s)).acquire();
    expect(unsupported).toEqual(['unsupported']);
    const browser = new FakeBrowser();
    browser.refuse = true;
    const refused: WakeLockStatus[] = [];
    await new ScreenWakeLock(browser, browser, (s) => refused.push(s)).acquire();
    expect(refused).toEqual(['refused']);
  });

  it('waits for visibility when started in the background', async () => {
    const browser = new FakeBrowser();
    browser.visibilityState = 'hidden';
    const statuses: WakeLockStatus[] = [];
    const lock = new ScreenWakeLock(browser, browser, (s) => statuses.push(s));
    await lock.acquire();
    expect(browser.requests).toBe(0);
    await browser.setVisibility('visible');
    expect(browser.requests).toBe(1);
    expect(statuses.at(-1)).toBe('held');
  });
});
