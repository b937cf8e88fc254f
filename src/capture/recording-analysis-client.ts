import recordingWorkerUrl from '../../workers/recording.worker.ts?worker&url';
import type {
  RecordingAnalysisStage,
  RecordingErrorCode,
  RecordingResultEvent,
  RecordingWorkerEvent,
  RecordingWorkerRequest,
} from '../protocol/recording-worker-messages.ts';
import { HEARTBEAT_TIMEOUT_MS, heardFromWorker, isHung, pingSent, type HeartbeatState } from './heartbeat.ts';
import { startModuleWorker } from './start-worker.ts';
import { terminateWorker, type WorkerLike } from './supervised-worker.ts';

/**
 * Why an analysis failed: what the worker reported, `cancelled`, or `stopped`: the worker itself
 * went away (it crashed, was killed, or stopped answering its heartbeat). Only `stopped` is worth
 * trying again as it is; the others say what is wrong with the file.
 */
export type RecordingAnalysisErrorCode = RecordingErrorCode | 'cancelled' | 'stopped';

/** A failure reported by the recording worker, with a message written for the parent. */
export class RecordingAnalysisError extends Error {
  readonly code: RecordingAnalysisErrorCode;
  constructor(code: RecordingAnalysisErrorCode, message: string) {
    super(message);
    this.name = 'RecordingAnalysisError';
    this.code = code;
  }
}

/**
 * How long a cancelled analysis may take to confirm, in milliseconds. A worker that has not
 * answered by then is stuck (in a loop, or a decoder that never returns): it is terminated and
 * the next analysis gets a fresh one.
 */
export const CANCEL_CONFIRM_TIMEOUT_MS = 3_000;

/** How often the client pings the worker while an analysis runs, in milliseconds. */
export const RECORDING_HEARTBEAT_INTERVAL_MS = 1_000;

/**
 * How long a ping may go unanswered once the worker is resampling or analysing, in milliseconds.
 * Short, so a dead worker is reported within seconds: those stages pause after every step (1 s of
 * audio resampled, or 10 windows analysed, each far under a second). Before the worker first
 * answers and while it loads the models (starting TF.js and compiling its wasm can take seconds
 * on a slow phone), the general HEARTBEAT_TIMEOUT_MS applies instead.
 */
export const RECORDING_HEARTBEAT_TIMEOUT_MS = 5_000;

export interface RecordingClientOptions {
  createWorker?: () => WorkerLike;
  heartbeatIntervalMs?: number;
  /** Timeout while resampling or analysing (RECORDING_HEARTBEAT_TIMEOUT_MS). */
  heartbeatTimeoutMs?: number;
  /** Timeout before the worker first answers and while it loads models (HEARTBEAT_TIMEOUT_MS). */
  slowStageTimeoutMs?: number;
  /** Monotonic clock in milliseconds. */
  now?: () => number;
}

/** Said when the worker went away mid-analysis; the screen offers to try again. */
export const WORKER_STOPPED_MESSAGE = 'The sound analysis stopped responding, so the recording was not analysed. Try again.';

export interface AnalysisCallOptions {
  onProgress: (stage: RecordingAnalysisStage, fraction: number) => void;
  signal?: AbortSignal;
}

/**
 * The main thread's handle on workers/recording.worker.ts: one analysis at a time; a new call or
 * an abort supersedes the previous one, and its late replies are dropped by id.
 */
export class RecordingAnalysisClient {
  #worker: WorkerLike | null = null;
  #lastId = 0;
  #pending: {
    id: number;
    resolve: (r: RecordingResultEvent) => void;
    reject: (e: RecordingAnalysisError) => void;
    options: AnalysisCallOptions;
    stage: RecordingAnalysisStage | null;
  } | null = null;
  readonly #options: RecordingClientOptions;
  readonly #now: () => number;
  #heartbeat: HeartbeatState = heardFromWorker();
  #heartbeatTimer: ReturnType<typeof setInterval> | null = null;
  /** Whether the current worker has sent anything yet (a fresh one may still be starting up). */
  #workerHasSpoken = false;
  /** Ends the worker unless it confirms the cancelled analysis in time; null when none is awaited. */
  #cancelWatchdog: ReturnType<typeof setTimeout> | null = null;
  /** The analysis whose cancel the worker has yet to confirm. */
  #cancelledId: number | null = null;

  constructor(options: RecordingClientOptions = {}) {
    this.#options = options;
    this.#now = options.now ?? (() => performance.now());
  }

  analyse(samples: Float32Array, sampleRateHz: number, modelBaseUrl: string, options: AnalysisCallOptions): Promise<RecordingResultEvent> {
    this.#rejectPending(new RecordingAnalysisError('cancelled', 'Replaced by a newer analysis.'));
    // Never queue behind a cancel the worker has not confirmed: it may be stuck. A fresh worker costs a model load.
    if (this.#cancelWatchdog !== null) this.#endWorker();
    this.#ensureWorker();
    const id = ++this.#lastId;
    if (options.signal?.aborted) return Promise.reject(new RecordingAnalysisError('cancelled', 'Analysis cancelled.'));
    return new Promise<RecordingResultEvent>((resolve, reject) => {
      this.#pending = { id, resolve, reject, options, stage: null };
      this.#startHeartbeat();
      options.signal?.addEventListener(
        'abort',
        () => {
          if (this.#pending?.id !== id) return;
          this.#send({ type: 'cancel', id });
          this.#watchCancel(id);
          this.#rejectPending(new RecordingAnalysisError('cancelled', 'Analysis cancelled.'));
        },
        { once: true },
      );
      this.#send({ type: 'analyse', id, samples, sampleRateHz, modelBaseUrl }, [samples.buffer]);
    });
  }

  dispose(): void {
    this.#rejectPending(new RecordingAnalysisError('cancelled', 'Analysis cancelled.'));
    this.#endWorker();
  }

  #watchCancel(id: number): void {
    if (this.#cancelWatchdog !== null) clearTimeout(this.#cancelWatchdog);
    this.#cancelledId = id;
    this.#cancelWatchdog = setTimeout(() => {
      this.#cancelWatchdog = null;
      console.warn('CryDecode: the recording worker did not confirm a cancel; starting a fresh one next time.');
      this.#endWorker();
    }, CANCEL_CONFIRM_TIMEOUT_MS);
  }

  /** Pings the worker while an analysis is pending; stops by itself once none is. */
  #startHeartbeat(): void {
    this.#heartbeat = heardFromWorker();
    if (this.#heartbeatTimer !== null) return;
    this.#heartbeatTimer = setInterval(() => this.#checkHeartbeat(), this.#options.heartbeatIntervalMs ?? RECORDING_HEARTBEAT_INTERVAL_MS);
  }

  #stopHeartbeat(): void {
    if (this.#heartbeatTimer !== null) clearInterval(this.#heartbeatTimer);
    this.#heartbeatTimer = null;
  }

  #checkHeartbeat(): void {
    const pending = this.#pending;
    if (pending === null || this.#worker === null) {
      this.#stopHeartbeat();
      return;
    }
    const now = this.#now();
    const slow = !this.#workerHasSpoken || pending.stage === 'loading-models';
    const timeoutMs = slow ? (this.#options.slowStageTimeoutMs ?? HEARTBEAT_TIMEOUT_MS) : (this.#options.heartbeatTimeoutMs ?? RECORDING_HEARTBEAT_TIMEOUT_MS);
    if (isHung(this.#heartbeat, now, timeoutMs)) {
      console.warn('CryDecode: the recording worker stopped answering; ending it.');
      this.#endWorker();
      this.#rejectPending(new RecordingAnalysisError('stopped', WORKER_STOPPED_MESSAGE));
      return;
    }
    this.#heartbeat = pingSent(this.#heartbeat, now);
    this.#send({ type: 'ping', id: ++this.#lastId });
  }

  #endWorker(): void {
    this.#stopHeartbeat();
    this.#workerHasSpoken = false;
    if (this.#cancelWatchdog !== null) clearTimeout(this.#cancelWatchdog);
    this.#cancelWatchdog = null;
    this.#cancelledId = null;
    terminateWorker(this.#worker);
    this.#worker = null;
  }

  #ensureWorker(): WorkerLike {
    if (this.#worker) return this.#worker;
    const worker = this.#options.createWorker?.() ?? startModuleWorker(recordingWorkerUrl, 'recording');
    worker.onmessage = (event: MessageEvent) => {
      if (this.#worker !== worker) return;
      this.#workerHasSpoken = true;
      this.#heartbeat = heardFromWorker();
      this.#onEvent(event.data as RecordingWorkerEvent);
    };
    const fail = (reason: string): void => {
      this.#endWorker();
      console.warn(`CryDecode: the recording worker failed (${reason}).`);
      this.#rejectPending(new RecordingAnalysisError('stopped', WORKER_STOPPED_MESSAGE));
    };
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      if (this.#worker === worker) fail(event.message || 'worker error');
    };
    worker.onmessageerror = () => {
      if (this.#worker === worker) fail('a message could not be read');
    };
    this.#worker = worker;
    return worker;
  }

  #send(request: RecordingWorkerRequest, transfer: Transferable[] = []): void {
    this.#worker?.postMessage(request, transfer);
  }

  #onEvent(event: RecordingWorkerEvent): void {
    // The cancelled analysis ended (confirmed, or it finished first): the worker is free again.
    if (event.id === this.#cancelledId && event.type !== 'progress' && this.#cancelWatchdog !== null) {
      clearTimeout(this.#cancelWatchdog);
      this.#cancelWatchdog = null;
      this.#cancelledId = null;
    }
    const pending = this.#pending;
    if (pending === null || event.id !== pending.id) return;
    switch (event.type) {
      case 'progress':
        pending.stage = event.stage;
        pending.options.onProgress(event.stage, event.fraction);
        break;
      case 'result':
        this.#pending = null;
        pending.resolve(event);
        break;
      case 'error':
        this.#pending = null;
        pending.reject(new RecordingAnalysisError(event.code, event.message));
        break;
      case 'cancelled':
        this.#rejectPending(new RecordingAnalysisError('cancelled', 'Analysis cancelled.'));
        break;
      case 'pong':
        break;
    }
  }

  #rejectPending(error: RecordingAnalysisError): void {
    const pending = this.#pending;
    this.#pending = null;
    this.#stopHeartbeat();
    pending?.reject(error);
  }
}
