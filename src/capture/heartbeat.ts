/**
 * A worker stuck in a loop never fires `error`; only silence gives it away. The main thread pings
 * it now and then, and calls it hung when a ping has gone unanswered (no message of any kind
 * since) for longer than the timeout.
 *
 * Measured from the unanswered ping, not from the last message: a background tab may run the
 * ping timer only once a minute, and a quiet but healthy worker must not look hung for that.
 */

/** How often the main thread pings a worker, in milliseconds. */
export const HEARTBEAT_INTERVAL_MS = 2_000;

/**
 * How long a ping may go unanswered before the worker counts as hung, in milliseconds. Generous:
 * loading and warming up the models can keep a worker busy for seconds on a slow phone.
 */
export const HEARTBEAT_TIMEOUT_MS = 15_000;

export interface HeartbeatState {
  /** When the oldest unanswered ping was sent (ms on the supervisor's clock); null when none is pending. */
  pendingPingSentAtMs: number | null;
}

/** The state after any message from the worker: it is alive, nothing is pending. */
export function heardFromWorker(): HeartbeatState {
  return { pendingPingSentAtMs: null };
}

/** The state after sending a ping at `nowMs`: an older pending ping keeps its time. */
export function pingSent(state: HeartbeatState, nowMs: number): HeartbeatState {
  return { pendingPingSentAtMs: state.pendingPingSentAtMs ?? nowMs };
}

export function isHung(state: HeartbeatState, nowMs: number, timeoutMs: number = HEARTBEAT_TIMEOUT_MS): boolean {
  return state.pendingPingSentAtMs !== null && nowMs - state.pendingPingSentAtMs > timeoutMs;
}
