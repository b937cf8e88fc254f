import AudioWorker from '../../workers/audio.worker.ts?worker';
import type { AudioWorkerEvent, AudioWorkerRequest } from '../protocol/audio-worker-messages.ts';

/** The main thread's typed handle on workers/audio.worker.ts. */
export interface AudioWorkerClient {
  /** Sends a request; ids come from nextId() so replies can be matched and stale ones dropped. */
  send(request: AudioWorkerRequest, transfer?: Transferable[]): void;
  nextId(): number;
  terminate(): void;
}

export function createAudioWorkerClient(onEvent: (event: AudioWorkerEvent) => void, onCrash: (message: string) => void): AudioWorkerClient {
  const worker = new AudioWorker();
  let lastId = 0;
  worker.onmessage = (event: MessageEvent<AudioWorkerEvent>) => onEvent(event.data);
  worker.onerror = (event: ErrorEvent) => {
    event.preventDefault();
    onCrash(event.message || 'the audio worker stopped');
  };
  return {
    send: (request, transfer = []) => worker.postMessage(request, transfer),
    nextId: () => ++lastId,
    terminate: () => worker.terminate(),
  };
}
