/**
 * The main thread's side of the vision worker: starts it, sends frames (transferred), and
 * matches replies to requests by id so a late answer for an old frame is dropped.
 */
import type { VisionBenchEvent, VisionReadyEvent, VisionResultEvent, VisionWorkerEvent, VisionWorkerRequest } from '../protocol/vision-worker-messages.ts';

type Pending = { resolve: (event: VisionWorkerEvent) => void };

export class VisionWorkerClient {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor() {
    this.worker = new Worker(new URL('../../workers/vision.worker.ts', import.meta.url), { type: 'module', name: 'vision' });
    this.worker.onmessage = (message: MessageEvent<VisionWorkerEvent>) => {
      const waiting = this.pending.get(message.data.id);
      if (waiting === undefined) {
        // A reply nobody waits for any more: free what it carries.
        if (message.data.type === 'result') message.data.cropImage?.close();
        return;
      }
      this.pending.delete(message.data.id);
      waiting.resolve(message.data);
    };
  }

  private request(build: (id: number) => VisionWorkerRequest, transfer: Transferable[] = []): Promise<VisionWorkerEvent> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, { resolve });
      this.worker.postMessage(build(id), transfer);
    });
  }

  /** Loads the models; resolves to the ready event or throws an Error whose message is for people. */
  async init(baseUrl: string, backend?: 'wasm' | 'webgl' | 'cpu'): Promise<VisionReadyEvent> {
    const reply = await this.request((id) => ({ type: 'init', id, baseUrl, backend }));
    if (reply.type === 'ready') return reply;
    throw new Error(reply.type === 'unavailable' || reply.type === 'error' ? ('reason' in reply ? reply.reason : reply.message) : 'Face analysis could not start.');
  }

  /** Analyses one frame (transferred: do not use it afterwards). */
  async analyze(frame: ImageBitmap, timestampMs: number): Promise<VisionResultEvent> {
    const reply = await this.request((id) => ({ type: 'frame', id, frame, timestampMs }), [frame]);
    if (reply.type === 'result') return reply;
    throw new Error(reply.type === 'error' ? reply.message : 'Face analysis did not answer.');
  }

  /** Times detect + crop + trunk on `frame` inside the worker (for the benchmark page). */
  async bench(frame: ImageBitmap, iterations: number): Promise<VisionBenchEvent> {
    const reply = await this.request((id) => ({ type: 'bench', id, frame, iterations }), [frame]);
    if (reply.type === 'bench-result') return reply;
    throw new Error(reply.type === 'error' ? reply.message : 'The vision benchmark did not answer.');
  }

  /** Stops the worker; pending requests never resolve and are forgotten. */
  terminate(): void {
    this.worker.terminate();
    this.pending.clear();
  }
}
