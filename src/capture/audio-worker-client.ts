import audioWorkerUrl from '../../workers/audio.worker.ts?worker&url';
import type { AudioWorkerEvent, AudioWorkerRequest } from '../protocol/audio-worker-messages.ts';
import { startModuleWorker } from './start-worker.ts';
import { SupervisedWorker, type WorkerFailure } from './supervised-worker.ts';

/** The main thread's typed handle on workers/audio.worker.ts, restarted when it fails. */
export interface AudioWorkerClient {
  /** Sends a request; ids come from nextId() so replies can be matched and stale ones dropped. Dropped while restarting. */
  send(request: AudioWorkerRequest, transfer?: Transferable[]): void;
  nextId(): number;
  /** Replaces the worker with a fresh one (e.g. after its models failed to load). */
  restart(reason: string): void;
  /** False when one more failure would use up the restarts: then keep the worker that runs. */
  readonly canRestart: boolean;
  /** Starts the first worker; callbacks.onStart follows at once. */
  start(): void;
  terminate(): void;
}

export interface AudioWorkerCallbacks {
  onEvent(event: AudioWorkerEvent): void;
  /**
   * A worker started: the first (`restarts` 0) or a replacement. The new worker knows nothing:
   * load the models and resume listening here.
   */
  onStart(restarts: number): void;
  /** The worker crashed, hung or was restarted on request; `restartInMs` null means no more tries. */
  onFailure(failure: WorkerFailure): void;
}

export function createAudioWorkerClient(callbacks: AudioWorkerCallbacks): AudioWorkerClient {
  let lastId = 0;
  const nextId = (): number => ++lastId;
  const supervisor = new SupervisedWorker<AudioWorkerRequest, AudioWorkerEvent>({
    create: () => startModuleWorker(audioWorkerUrl, 'audio'),
    ping: (): AudioWorkerRequest => ({ type: 'ping', id: nextId() }),
    onEvent: (event) => {
      if (event.type !== 'pong') callbacks.onEvent(event);
    },
    onStart: (restarts) => callbacks.onStart(restarts),
    onFailure: (failure) => callbacks.onFailure(failure),
  });
  return {
    start: () => supervisor.start(),
    send: (request, transfer = []) => void supervisor.send(request, transfer),
    nextId,
    restart: (reason) => supervisor.restart(reason),
    get canRestart() {
      return supervisor.canRestart;
    },
    terminate: () => supervisor.dispose(),
  };
}
