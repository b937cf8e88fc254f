import { registerSW } from 'virtual:pwa-register';
import { installMessage, installStarted, INSTALL_POLL_MS, precacheCounted, retryDelayMs, type InstallPhase, type InstallProgress, type PrecacheSummary } from './offline-install.ts';

/** Workbox names its precache `workbox-precache-v2-<scope>`. */
const PRECACHE_PREFIX = 'workbox-precache';
/** Written next to index.html by the build (scripts/vite-plugin-precache-summary.ts). */
const SUMMARY_FILE = 'precache-summary.json';

async function countPrecachedFiles(): Promise<number> {
  let count = 0;
  for (const name of await caches.keys()) {
    if (name.startsWith(PRECACHE_PREFIX)) count += (await (await caches.open(name)).keys()).length;
  }
  return count;
}

async function readSummary(): Promise<PrecacheSummary | null> {
  try {
    const response = await fetch(new URL(SUMMARY_FILE, document.baseURI), { cache: 'no-store' });
    if (!response.ok) return null;
    const value: unknown = await response.json();
    if (typeof value !== 'object' || value === null) return null;
    const { files, bytes } = value as Record<string, unknown>;
    return typeof files === 'number' && typeof bytes === 'number' ? { files, bytes } : null;
  } catch {
    // Only the size line is lost; the install goes on.
    return null;
  }
}

/**
 * The service worker's news for the user: how the first install is going (files saved, the
 * size of the download, and a failed or stalled install, with retry), "ready to work offline"
 * once it is done, and "update available" later. The update is applied only when the user taps
 * Reload, never while they may be relying on the app to listen.
 */
export class OfflineState {
  offlineReady = $state(false);
  updateAvailable = $state(false);
  /** The first install: 'idle' when none is running (done, not needed, or unsupported). */
  installPhase = $state<InstallPhase>('idle');
  savedFiles = $state(0);
  summary = $state.raw<PrecacheSummary | null>(null);
  /** A failed install will be tried again without a tap. */
  retryScheduled = $state(false);
  #applyUpdate: ((reloadPage?: boolean) => Promise<void>) | null = null;
  #progress: InstallProgress | null = null;
  #poll: ReturnType<typeof setInterval> | null = null;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #retries = 0;
  #generation = 0;

  /** What to tell the parent about the install now; null when nothing. */
  get installText(): string | null {
    return installMessage(this.installPhase, this.savedFiles, this.summary, this.retryScheduled);
  }

  register(): void {
    if (this.#applyUpdate || !('serviceWorker' in navigator)) return;
    this.#register();
  }

  #register(): void {
    const generation = ++this.#generation;
    const current = (): boolean => generation === this.#generation;
    this.#applyUpdate = registerSW({
      onOfflineReady: () => {
        if (!current()) return;
        this.#endInstall('idle');
        this.offlineReady = true;
      },
      onNeedRefresh: () => {
        if (current()) this.updateAvailable = true;
      },
      // update() reloads on its own: the plugin's reload only fires for pages that were
      // controlled when they registered, not for the visit that installed the app.
      onNeedReload: () => undefined,
      onRegisteredSW: (_url, registration) => {
        if (current() && registration !== undefined) this.#watchFirstInstall(registration);
      },
      onRegisterError: (error: unknown) => {
        if (!current()) return;
        console.warn('CryDecode: the service worker could not be registered.', error);
        this.#failed();
      },
    });
  }

  /** Follows the first install only: later ones are updates, and the installed version keeps working meanwhile. */
  #watchFirstInstall(registration: ServiceWorkerRegistration): void {
    if (registration.active !== null) return;
    const worker = registration.installing ?? registration.waiting;
    if (worker === null) return;
    if (worker.state === 'installed' || worker.state === 'activating' || worker.state === 'activated') return;
    this.#progress = installStarted(performance.now());
    this.installPhase = 'installing';
    this.savedFiles = 0;
    if (this.summary === null) void readSummary().then((summary) => (this.summary = summary));
    worker.addEventListener('statechange', () => {
      if (worker.state === 'redundant' && this.#progress !== null) this.#failed();
      else if (worker.state === 'installed' || worker.state === 'activated') this.#endInstall('idle');
    });
    if (this.#poll !== null) clearInterval(this.#poll);
    this.#poll = setInterval(() => void this.#countSaved(), INSTALL_POLL_MS);
  }

  async #countSaved(): Promise<void> {
    const saved = await countPrecachedFiles().catch(() => this.savedFiles);
    if (this.#progress === null) return;
    this.#progress = precacheCounted(this.#progress, saved, performance.now());
    this.savedFiles = this.#progress.savedFiles;
    this.installPhase = this.#progress.phase;
  }

  #failed(): void {
    this.#endInstall('failed');
    const delay = retryDelayMs(this.#retries);
    this.retryScheduled = delay !== null;
    if (delay === null) return;
    this.#retries += 1;
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      void this.retryInstall();
    }, delay);
  }

  #endInstall(phase: InstallPhase): void {
    if (this.#poll !== null) clearInterval(this.#poll);
    this.#poll = null;
    this.#progress = null;
    this.installPhase = phase;
    this.retryScheduled = false;
  }

  /** Starts a failed first install over: the service worker is registered anew. */
  async retryInstall(): Promise<void> {
    if (this.#retryTimer !== null) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    this.#endInstall('installing');
    // A failed first install leaves no registration behind; one still installing cannot be
    // ended from the page (an unregister waits for it), so it is left to finish or to fail
    // (public/sw-stall-guard.js ends downloads that stop sending).
    const registration = await navigator.serviceWorker.getRegistration().catch(() => undefined);
    if (registration?.installing != null) {
      this.#watchFirstInstall(registration);
      return;
    }
    this.#register();
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
