import { registerSW } from 'virtual:pwa-register';

/**
 * The service worker's news for the user: "ready to work offline" after the first install, and
 * "update available" later. The update is applied only when the user taps Reload, never while
 * they may be relying on the app to listen.
 */
export class OfflineState {
  offlineReady = $state(false);
  updateAvailable = $state(false);
  #applyUpdate: ((reloadPage?: boolean) => Promise<void>) | null = null;

  register(): void {
    if (this.#applyUpdate || !('serviceWorker' in navigator)) return;
    this.#applyUpdate = registerSW({
      onOfflineReady: () => {
        this.offlineReady = true;
      },
      onNeedRefresh: () => {
        this.updateAvailable = true;
      },
      // update() reloads on its own: the plugin's reload only fires for pages that were
      // controlled when they registered, not for the visit that installed the app.
      onNeedReload: () => undefined,
    });
  }

  /** Activates the waiting service worker; the page reloads once it takes control. */
  async update(): Promise<void> {
    if (!this.#applyUpdate) return;
    navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), { once: true });
    await this.#applyUpdate(true);
  }

  dismiss(): void {
    this.offlineReady = false;
    this.updateAvailable = false;
  }
}
