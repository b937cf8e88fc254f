import { HEARTBEAT_INTERVAL_MS, HEARTBEAT_TIMEOUT_MS, heardFromWorker, isHung, pingSent, type HeartbeatState } from './heartbeat.ts';
import { failuresAfter, restartDelayMs } from './worker-restart-policy.ts';

/** The part of a Worker the supervisor uses (a fake stands in for it in unit tests). */
export interface WorkerLike {
  postMessage(message: unknown, transfer: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror: ((event: MessageEvent) => void) | null;
}

/** Stops a worker so that nothing it had in flight can reach its owner afterwards. */
export function terminateWorker(worker: WorkerLike | null): void {
  if (worker === null) return;
  worker.onmessage = null;
  worker.onerror = null;
  worker.onmessageerror = null;
  worker.terminate();
}

/**
 * Why a worker was restarted: it threw or failed to load (`crashed`), sent something that could
 * not be read (`unreadable-message`), stopped answering pings (`unresponsive`), or its owner asked
 * (`requested`, e.g. its model failed to load).
 */
export type WorkerFailureKind = 'crashed' | 'unreadable-message' | 'unresponsive' | 'requested';

export interface WorkerFailure {
  kind: WorkerFailureKind;
  /** What the browser or the owner said, for the console; not for people. */
  detail: string;
  /** Failures in a row, this one included. */
  failuresInARow: number;
  /** Milliseconds until the new worker starts, or null: the supervisor gave up. */
  restartInMs: number | null;
}

export interface SupervisedWorkerOptions<Event> {
  create(): WorkerLike;
  /** Builds the heartbeat request; the worker must answer it (any message counts as an answer). */
  ping(): unknown;
  onEvent(event: Event): void;
  /**
   * Called after each start of a worker, the first (`restarts` 0) and every restart: send the
   * init/load requests and resume whatever was running.
   */
  onStart(restarts: number): void;
  onFailure(failure: WorkerFailure): void;
  heartbeatIntervalMs?: number;
  heartbeatTimeoutMs?: number;
  /** Monotonic clock in milliseconds. */
  now?: () => number;
}

/**
 * Runs a worker and keeps it running: on an `error` or `messageerror` event, a missed heartbeat
 * or the owner's request, it terminates the worker and starts a new one after a back-off
 * (worker-restart-policy.ts), then lets the owner re-send its set-up through `onStart`.
 * Messages from a worker that was replaced are ignored.
 */
export class SupervisedWorker<Request, Event> {
  readonly #options: SupervisedWorkerOptions<Event>;
  readonly #now: () => number;
  #worker: WorkerLike | null = null;
  #generation = 0;
  #restarts = 0;
  #failuresInARow = 0;
  #startedAtMs = 0;
  #heartbeat: HeartbeatState = heardFromWorker();
  #heartbeatTimer: ReturnType<typeof setInterval> | null = null;
  #restartTimer: ReturnType<typeof setTimeout> | null = null;
  #disposed = false;

  constructor(options: SupervisedWorkerOptions<Event>) {
    this.#options = options;
    this.#now = options.now ?? (() => performance.now());
  }

  /** True while a worker is running (false while waiting to restart, after giving up or disposing). */
  get running(): boolean {
    return this.#worker !== null;
  }

  /** How many times a worker was started again since the first. */
  get restarts(): number {
    return this.#restarts;
  }

  start(): void {
    if (this.#disposed || this.#worker !== null || this.#restartTimer !== null) return;
    this.#launch();
  }

  /** Posts to the current worker; dropped (returns false) while none is running. */
  send(request: Request, transfer: Transferable[] = []): boolean {
    if (this.#worker === null) return false;
    this.#worker.postMessage(request, transfer);
    return true;
  }

  /** Whether a failure now would still be followed by a restart (false: the next one gives up). */
  get canRestart(): boolean {
    return restartDelayMs(failuresAfter(this.#failuresInARow, this.#now() - this.#startedAtMs)) !== null;
  }

  /** Replaces the worker, as after a crash (counts towards giving up). */
  restart(detail: string): void {
    if (this.#worker === null) return;
    this.#fail('requested', detail);
  }

  dispose(): void {
    this.#disposed = true;
    this.#stop();
    if (this.#restartTimer !== null) clearTimeout(this.#restartTimer);
    this.#restartTimer = null;
  }

  #launch(): void {
    const generation = ++this.#generation;
    const worker = this.#options.create();
    const current = (): boolean => generation === this.#generation && this.#worker === worker;
    worker.onmessage = (message: MessageEvent) => {
      if (!current()) return;
      this.#heartbeat = heardFromWorker();
      this.#options.onEvent(message.data as Event);
    };
    worker.onerror = (event: ErrorEvent) => {
      // Handled here: the page should not also report it as an uncaught error.
      event.preventDefault();
      if (current()) this.#fail('crashed', event.message || 'the worker failed to start or threw');
    };
    worker.onmessageerror = () => {
      if (current()) this.#fail('unreadable-message', 'a message from the worker could not be read');
    };
    this.#worker = worker;
    this.#startedAtMs = this.#now();
    this.#heartbeat = heardFromWorker();
    this.#heartbeatTimer = setInterval(() => this.#checkHeartbeat(), this.#options.heartbeatIntervalMs ?? HEARTBEAT_INTERVAL_MS);
    this.#options.onStart(this.#restarts);
  }

  #checkHeartbeat(): void {
    const worker = this.#worker;
    if (worker === null) return;
    const now = this.#now();
    if (isHung(this.#heartbeat, now, this.#options.heartbeatTimeoutMs ?? HEARTBEAT_TIMEOUT_MS)) {
      this.#fail('unresponsive', 'the worker stopped answering');
      return;
    }
    this.#heartbeat = pingSent(this.#heartbeat, now);
    worker.postMessage(this.#options.ping(), []);
  }

  #fail(kind: WorkerFailureKind, detail: string): void {
    this.#failuresInARow = failuresAfter(this.#failuresInARow, this.#now() - this.#startedAtMs);
    this.#stop();
    const restartInMs = restartDelayMs(this.#failuresInARow);
    if (restartInMs !== null) {
      this.#restartTimer = setTimeout(() => {
        this.#restartTimer = null;
        if (this.#disposed) return;
        this.#restarts += 1;
        this.#launch();
      }, restartInMs);
    }
    this.#options.onFailure({ kind, detail, failuresInARow: this.#failuresInARow, restartInMs });
  }

  #stop(): void {
    if (this.#heartbeatTimer !== null) clearInterval(this.#heartbeatTimer);
    this.#heartbeatTimer = null;
    terminateWorker(this.#worker);
    this.#worker = null;
  }
}
