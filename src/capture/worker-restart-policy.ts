/**
 * When a worker that crashed, hung or could not load its model is started again. Restarts back
 * off so a worker that fails at once every time does not spin the phone's CPU, and they are
 * bounded: after the last delay the app stops trying and says so.
 */

/** Waits before the 1st, 2nd and 3rd restart in a row, in milliseconds; then the app gives up. */
export const RESTART_DELAYS_MS: readonly number[] = [500, 2_000, 8_000];

/** A worker that ran this long without failing counts as healthy: its next failure is a first one. */
export const HEALTHY_RUN_MS = 60_000;

/** Delay before restart number `failuresInARow` (1-based), or null when the app should give up. */
export function restartDelayMs(failuresInARow: number): number | null {
  if (!Number.isInteger(failuresInARow) || failuresInARow < 1) return null;
  return RESTART_DELAYS_MS[failuresInARow - 1] ?? null;
}

/** Failures in a row after one more failure of a worker that had been running `ranForMs`. */
export function failuresAfter(previousFailuresInARow: number, ranForMs: number): number {
  return ranForMs >= HEALTHY_RUN_MS ? 1 : previousFailuresInARow + 1;
}
