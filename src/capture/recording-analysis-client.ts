import RecordingWorker from '../../workers/recording.worker.ts?worker';
import type {
  RecordingAnalysisStage,
  RecordingErrorCode,
  RecordingResultEvent,
  RecordingWorkerEvent,
  RecordingWorkerRequest,
} from '../protocol/recording-worker-messages.ts';

/** A failure reported by the recording worker, with a message written for the parent. */
export class RecordingAnalysisError extends Error {
  readonly code: RecordingErrorCode | 'cancelled';
  constructor(code: RecordingErrorCode | 'cancelled', message: string) {
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

export interface AnalysisCallOptions {
  onProgress: (stage: RecordingAnalysisStage, fraction: number) => void;
  signal?: AbortSignal;
}

/**
 * The main thread's handle on workers/recording.worker.ts: one analysis at a time; a new call or
 * an abort supersedes the previous one, and its late replies are dropped by id.
 */
export class RecordingAnalysisClient {
  #worker: Worker | null = null;
  #lastId = 0;
  #pending: { id: number; resolve: (r: RecordingResultEvent) => void; reject: (e: RecordingAnalysisError) => void; options: AnalysisCallOptions } | null = null;
  /** Ends the worker unless it confirms the cancelled analysis in time; null when none is awaited. */
  #cancelWatchdog: ReturnType<typeof setTimeout> | null = null;
  /** The analysis whose cancel the worker has yet to confirm. */
  #cancelledId: number | null = null;

  analyse(samples: Float32Array, sampleRateHz: number, modelBaseUrl: string, options: AnalysisCallOptions): Promise<RecordingResultEvent> {
    this.#rejectPending(new RecordingAnalysisError('cancelled', 'Replaced by a newer analysis.'));
    // Never queue behind a cancel the worker has not confirmed: it may be stuck. A fresh worker costs a model load.
    if (this.#cancelWatchdog !== null) this.#endWorker();
    this.#ensureWorker();
    const id = ++this.#lastId;
    if (options.signal?.aborted) return Promise.reject(new RecordingAnalysisError('cancelled', 'Analysis cancelled.'));
    return new Promise<RecordingResultEvent>((resolve, reject) => {
      this.#pending = { id, resolve, reject, options };
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

  #endWorker(): void {
    if (this.#cancelWatchdog !== null) clearTimeout(this.#cancelWatchdog);
    this.#cancelWatchdog = null;
    this.#cancelledId = null;
    this.#worker?.terminate();
    this.#worker = null;
  }

  #ensureWorker(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new RecordingWorker();
    worker.onmessage = (event: MessageEvent<RecordingWorkerEvent>) => this.#onEvent(event.data);
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      this.#endWorker();
      this.#rejectPending(new RecordingAnalysisError('failed', `The analysis stopped unexpectedly (${event.message || 'worker error'}). Try again.`));
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
    }
  }

  #rejectPending(error: RecordingAnalysisError): void {
    const pending = this.#pending;
    this.#pending = null;
    pending?.reject(error);
  }
}
