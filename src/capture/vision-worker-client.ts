/**
 * The main thread's side of the vision worker: starts it, sends frames (transferred), and
 * matches replies to requests by id so a late answer for an old frame is dropped. The worker is
 * supervised (supervised-worker.ts): if it crashes or hangs it is replaced and loaded again with
 * the same settings, and calls made meanwhile wait for it or fail with VisionRestartingError.
 */
import type { VisionBenchEvent, VisionReadyEvent, VisionResultEvent, VisionWorkerEvent, VisionWorkerRequest } from '../protocol/vision-worker-messages.ts';
import visionWorkerUrl from '../../workers/vision.worker.ts?worker&url';
import { startModuleWorker } from './start-worker.ts';
import { SupervisedWorker, type WorkerFailure, type WorkerLike } from './supervised-worker.ts';
import type { Region } from '../features/motion.ts';

/** The worker went away with this request in hand; a new one is starting (try the next frame). */
export class VisionRestartingError extends Error {
  override readonly name = 'VisionRestartingError';
  constructor() {
    super('Face analysis hit a problem and is restarting…');
  }
}

const GAVE_UP_MESSAGE = 'Face analysis keeps failing and was stopped. The camera picture still shows; reload the page to try again.';

export interface VisionWorkerCallbacks {
  /** A replacement worker has loaded its models and analyses frames again. */
  onRestarted?(): void;
  /** The worker crashed or hung; `restartInMs` null means no more tries. */
  onFailure?(failure: WorkerFailure): void;
  /**
   * How long a ping may go unanswered before the worker counts as hung, in milliseconds (default
   * HEARTBEAT_TIMEOUT_MS). The benchmark raises it: a timed run keeps the worker busy on purpose.
   */
  heartbeatTimeoutMs?: number;
  /** Starts the worker (a stand-in in unit tests); default: the vision worker under the page's CSP. */
  createWorker?: () => WorkerLike;
}

/** Options of a call that can be cancelled. */
export interface VisionCallOptions {
  /**
   * Aborting rejects the call at once (with the signal's reason) and forgets it: the worker still
   * finishes the frame it holds, and its late reply is dropped and its crop closed.
   */
  signal?: AbortSignal;
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new DOMException('Face analysis cancelled.', 'AbortError');
}

/** `promise`, or a rejection as soon as `signal` aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

interface Pending {
  resolve(event: VisionWorkerEvent): void;
  reject(error: Error): void;
}

interface Deferred {
  promise: Promise<void>;
  resolve(): void;
  reject(error: Error): void;
}

function deferred(): Deferred {
  let resolve: () => void = () => undefined;
  let reject: (error: Error) => void = () => undefined;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Nobody may be waiting when it is rejected; that is not an unhandled error.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

export class VisionWorkerClient {
  readonly #supervisor: SupervisedWorker<VisionWorkerRequest, VisionWorkerEvent>;
  readonly #callbacks: VisionWorkerCallbacks;
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();
  #settings: { baseUrl: string; backend: 'wasm' | 'webgl' | 'cpu' | undefined } | null = null;
  #ready: Promise<VisionReadyEvent> | null = null;
  #region: Region | null = null;
  /** Settles when the next replacement worker starts (rejects if there will be none). */
  #restarted: Deferred = deferred();

  constructor(callbacks: VisionWorkerCallbacks = {}) {
    this.#callbacks = callbacks;
    this.#supervisor = new SupervisedWorker<VisionWorkerRequest, VisionWorkerEvent>({
      create: callbacks.createWorker ?? (() => startModuleWorker(visionWorkerUrl, 'vision')),
      ping: (): VisionWorkerRequest => ({ type: 'ping', id: this.#nextId++ }),
      onEvent: (event) => this.#onEvent(event),
      onStart: (restarts) => this.#onStart(restarts),
      onFailure: (failure) => this.#onFailure(failure),
      heartbeatTimeoutMs: callbacks.heartbeatTimeoutMs,
    });
    this.#supervisor.start();
  }

  /** Loads the models; resolves to the ready event or throws an Error whose message is for people. */
  init(baseUrl: string, backend?: 'wasm' | 'webgl' | 'cpu'): Promise<VisionReadyEvent> {
    this.#settings = { baseUrl, backend };
    this.#ready = this.#sendInit();
    return this.#whenReady();
  }

  /**
   * Analyses one frame (transferred: do not use it afterwards). Throws VisionRestartingError while
   * the worker is replaced, and the signal's reason once it aborts. `continuous`: the frame follows the
   * last one (tracking may carry the face box over); false for a one-off picture.
   */
  async analyze(frame: ImageBitmap, timestampMs: number, options: VisionCallOptions & { readonly continuous?: boolean } = {}): Promise<VisionResultEvent> {
    try {
      await untilAborted(this.#whenReady(), options.signal);
    } catch (error) {
      frame.close();
      throw error;
    }
    const reply = await this.#request((id) => ({ type: 'frame', id, frame, timestampMs, continuous: options.continuous ?? true }), [frame], frame, options.signal);
    if (reply.type === 'result') return reply;
    throw new Error(reply.type === 'error' ? reply.message : 'Face analysis did not answer.');
  }

  /** Sets the cot region motion is measured in; resolves to the region as the worker took it. */
  async setRegion(region: Region): Promise<Region> {
    await this.#whenReady();
    const reply = await this.#request((id) => ({ type: 'set-region', id, region }));
    if (reply.type === 'region-set') {
      // Kept, so a replacement worker measures the same cot.
      this.#region = reply.region;
      return reply.region;
    }
    throw new Error(reply.type === 'error' ? reply.message : 'Face analysis did not take the cot region.');
  }

  /** Times detect + crop + trunk on `frame` inside the worker (for the benchmark page). */
  async bench(frame: ImageBitmap, iterations: number, options: VisionCallOptions & { readonly mode?: 'follow' | 'search' } = {}): Promise<VisionBenchEvent> {
    const reply = await this.#request((id) => ({ type: 'bench', id, frame, iterations, mode: options.mode ?? 'follow' }), [frame], frame, options.signal);
    if (reply.type === 'bench-result') return reply;
    throw new Error(reply.type === 'error' ? reply.message : 'The vision benchmark did not answer.');
  }

  /** Stops the worker for good; pending requests never resolve and are forgotten. */
  terminate(): void {
    this.#supervisor.dispose();
    this.#pending.clear();
  }

  async #sendInit(): Promise<VisionReadyEvent> {
    const settings = this.#settings;
    if (settings === null) throw new Error('Face analysis was not set up.');
    const reply = await this.#request((id) => ({ type: 'init', id, baseUrl: settings.baseUrl, backend: settings.backend }));
    const region = this.#region;
    if (reply.type === 'ready' && region !== null) {
      const set = await this.#request((id) => ({ type: 'set-region', id, region }));
      if (set.type !== 'region-set') throw new Error(set.type === 'error' ? set.message : 'Face analysis did not take the cot region.');
    }
    if (reply.type === 'ready') return reply;
    throw new Error(reply.type === 'unavailable' ? reply.reason : reply.type === 'error' ? reply.message : 'Face analysis could not start.');
  }

  /** The current worker's readiness, waiting through restarts. */
  async #whenReady(): Promise<VisionReadyEvent> {
    for (;;) {
      const ready = this.#ready;
      if (ready === null) throw new Error('Face analysis was not set up.');
      try {
        return await ready;
      } catch (error) {
        if (!(error instanceof VisionRestartingError)) throw error;
        // #onStart replaces #ready with the new worker's set-up; wait for it, then look again.
        await this.#restarted.promise;
      }
    }
  }

  #request(build: (id: number) => VisionWorkerRequest, transfer: Transferable[] = [], frame?: ImageBitmap, signal?: AbortSignal): Promise<VisionWorkerEvent> {
    if (signal?.aborted) {
      frame?.close();
      return Promise.reject(abortReason(signal));
    }
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        // Forgotten here; the reply, when it comes, finds nobody waiting and is freed.
        if (this.#pending.delete(id) && signal) reject(abortReason(signal));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const settle = (): void => signal?.removeEventListener('abort', onAbort);
      this.#pending.set(id, {
        resolve: (event) => {
          settle();
          resolve(event);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      });
      if (!this.#supervisor.send(build(id), transfer)) {
        this.#pending.delete(id);
        settle();
        frame?.close();
        reject(new VisionRestartingError());
      }
    });
  }

  #onEvent(event: VisionWorkerEvent): void {
    if (event.type === 'pong') return;
    const waiting = this.#pending.get(event.id);
    if (waiting === undefined) {
      // A reply nobody waits for any more: free what it carries.
      if (event.type === 'result') event.cropImage?.close();
      return;
    }
    this.#pending.delete(event.id);
    waiting.resolve(event);
  }

  #onStart(restarts: number): void {
    if (restarts === 0) return;
    if (this.#settings !== null) {
      this.#ready = this.#sendInit();
      this.#ready.then(() => this.#callbacks.onRestarted?.(), () => undefined);
    }
    const restarted = this.#restarted;
    this.#restarted = deferred();
    restarted.resolve();
  }

  #onFailure(failure: WorkerFailure): void {
    console.warn(`CryDecode: the vision worker failed (${failure.kind}: ${failure.detail}).`);
    const gaveUp = failure.restartInMs === null;
    const error = gaveUp ? new Error(GAVE_UP_MESSAGE) : new VisionRestartingError();
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const waiting of pending) waiting.reject(error);
    if (gaveUp) {
      this.#ready = Promise.reject(error);
      this.#ready.catch(() => undefined);
      this.#restarted.reject(error);
    }
    this.#callbacks.onFailure?.(failure);
  }
}
