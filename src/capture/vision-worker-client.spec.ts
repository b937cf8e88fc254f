import { describe, expect, it } from 'vitest';
import type { VisionWorkerEvent, VisionWorkerRequest } from '../protocol/vision-worker-messages.ts';
import type { WorkerLike } from './supervised-worker.ts';
import { VisionWorkerClient } from './vision-worker-client.ts';

/** A stand-in vision worker that keeps the requests it is sent; the test answers them. */
class FakeVisionWorker implements WorkerLike {
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  onmessageerror: ((event: MessageEvent) => void) | null = null;
  readonly sent: VisionWorkerRequest[] = [];
  postMessage(message: unknown): void {
    this.sent.push(message as VisionWorkerRequest);
  }
  terminate(): void {}
  say(event: VisionWorkerEvent): void {
    this.onmessage?.({ data: event } as MessageEvent);
  }
}

/** Enough of an ImageBitmap for the client, which only closes it. */
function bitmap(): ImageBitmap & { closed: boolean } {
  const image = { width: 4, height: 4, closed: false, close: () => (image.closed = true) };
  return image;
}

async function readyClient(): Promise<{ client: VisionWorkerClient; worker: FakeVisionWorker }> {
  const worker = new FakeVisionWorker();
  const client = new VisionWorkerClient({ createWorker: () => worker, heartbeatTimeoutMs: 60_000 });
  const ready = client.init('https://app.example/');
  const init = worker.sent.find((r) => r.type === 'init');
  worker.say({ type: 'ready', id: init?.id ?? -1, backend: 'wasm', hasNeedHead: false, versions: {} });
  await ready;
  return { client, worker };
}

/** The frame request, once the client has sent it (after its readiness check). */
async function sentFrame(worker: FakeVisionWorker): Promise<VisionWorkerRequest | undefined> {
  for (let tick = 0; tick < 50; tick += 1) {
    const frame = worker.sent.find((r) => r.type === 'frame');
    if (frame) return frame;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return undefined;
}

function result(id: number, cropImage: ImageBitmap | null): VisionWorkerEvent {
  return { type: 'result', id, timestampMs: 0, liveTensors: 0, faceFound: true, cropImage } as unknown as VisionWorkerEvent;
}

describe('VisionWorkerClient cancellation', () => {
  it('rejects an aborted frame at once, and frees the crop of the reply that comes late', async () => {
    const { client, worker } = await readyClient();
    const controller = new AbortController();
    const analysis = client.analyze(bitmap(), 0, { signal: controller.signal });
    const frame = await sentFrame(worker);
    expect(frame).toBeDefined();
    controller.abort();
    await expect(analysis).rejects.toMatchObject({ name: 'AbortError' });
    const crop = bitmap();
    worker.say(result(frame?.id ?? -1, crop));
    expect(crop.closed).toBe(true);
    client.terminate();
  });

  it('does not send a frame whose signal is already aborted, and closes it', async () => {
    const { client, worker } = await readyClient();
    const controller = new AbortController();
    controller.abort();
    const frame = bitmap();
    await expect(client.analyze(frame, 0, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(frame.closed).toBe(true);
    expect(worker.sent.some((r) => r.type === 'frame')).toBe(false);
    client.terminate();
  });

  it('resolves a frame that is not aborted, as before', async () => {
    const { client, worker } = await readyClient();
    const analysis = client.analyze(bitmap(), 0, { signal: new AbortController().signal });
    const frame = await sentFrame(worker);
    worker.say(result(frame?.id ?? -1, null));
    await expect(analysis).resolves.toMatchObject({ type: 'result', id: frame?.id });
    client.terminate();
  });
});
