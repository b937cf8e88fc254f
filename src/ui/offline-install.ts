/**
 * The first install of the service worker, seen from the page: it downloads every file the app
 * needs offline (the precache) and only then says "ready". That can fail (a file that does not
 * download: the install ends and the worker becomes redundant) or stall (a download that never
 * finishes: no error comes, possibly for minutes). The page counts the files saved so far in the
 * precache cache, which it shares with the service worker, and calls the install stalled when
 * that count has not moved for INSTALL_STALL_MS.
 */

/**
 * No new file saved for this long while installing counts as stalled, in milliseconds. Longer
 * than the service worker's own guard (public/sw-stall-guard.js ends a download after 20 s
 * without data, which fails the install and so retries it): what is left to see here is a large
 * file still downloading slowly, or a stall the guard cannot see.
 */
export const INSTALL_STALL_MS = 60_000;

/** How often the page looks at the precache while installing, in milliseconds. */
export const INSTALL_POLL_MS = 1_000;

/** Waits before trying a failed install again by itself, in milliseconds; then it leaves it to the Retry button. */
export const INSTALL_RETRY_DELAYS_MS: readonly number[] = [5_000, 30_000, 120_000];

/** What the build says the first visit downloads to work offline (dist/precache-summary.json). */
export interface PrecacheSummary {
  files: number;
  bytes: number;
}

export type InstallPhase = 'idle' | 'installing' | 'stalled' | 'failed';

export interface InstallProgress {
  phase: InstallPhase;
  /** Files in the precache so far. */
  savedFiles: number;
  /** When `savedFiles` last grew (or the install started), ms on the page's clock. */
  lastProgressAtMs: number;
}

export function installStarted(nowMs: number): InstallProgress {
  return { phase: 'installing', savedFiles: 0, lastProgressAtMs: nowMs };
}

/** The state after counting `savedFiles` in the precache at `nowMs`. */
export function precacheCounted(state: InstallProgress, savedFiles: number, nowMs: number, stallMs: number = INSTALL_STALL_MS): InstallProgress {
  if (state.phase !== 'installing' && state.phase !== 'stalled') return state;
  if (savedFiles > state.savedFiles) return { phase: 'installing', savedFiles, lastProgressAtMs: nowMs };
  const stalled = nowMs - state.lastProgressAtMs >= stallMs;
  return { ...state, phase: stalled ? 'stalled' : state.phase };
}

/** The delay before automatic retry number `attempt` (0-based), or null when the button is left to do it. */
export function retryDelayMs(attempt: number): number | null {
  return INSTALL_RETRY_DELAYS_MS[attempt] ?? null;
}

/** "16.3 MB": sizes as the parent would read them on a data plan. */
export function formatMegabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** The line shown while installing, stalled or failed; null when there is nothing to say. */
export function installMessage(phase: InstallPhase, savedFiles: number, summary: PrecacheSummary | null, retryScheduled: boolean): string | null {
  const count = summary === null ? `${savedFiles} files saved` : `${Math.min(savedFiles, summary.files)} of ${summary.files} files saved`;
  const sofar = summary === null ? count : `${count}, ${formatMegabytes(summary.bytes)} in all`;
  switch (phase) {
    case 'idle':
      return null;
    case 'installing':
      return `Saving CryDecode for offline use${summary === null ? '' : ` (${formatMegabytes(summary.bytes)}, downloaded once)`}: ${count}…`;
    case 'stalled':
      return `Saving CryDecode for offline use has saved no new file for a minute (${sofar}). A large file may still be coming; if the download has stopped, it is tried again by itself. The app works while you are online.`;
    case 'failed': {
      const next = retryScheduled ? ' Trying again shortly (or tap Retry).' : ' Tap Retry to try again.';
      return `Saving CryDecode for offline use failed: a file could not be downloaded (${sofar}). The app works while you are online.${next}`;
    }
  }
}
