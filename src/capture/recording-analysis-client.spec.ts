import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RecordingResultEvent, RecordingWorkerRequest } from '../protocol/recording-worker-messages.ts';
import { RecordingAnalysisClient, RecordingAnalysisError, WORKER_STOPPED_MESSAGE } from './recording-analysis-client.ts';
import type { WorkerLike } from './supervised-worker.ts';

/** A stand-in recording worker: answers pings unless dead, and lets the test report progress or a result. */
class FakeRecordingWorker implements WorkerLike {
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  onmessageerror: ((event: MessageEvent) => void) | null = null;
  readonly sent: RecordingWorkerRequest[] = [];
  terminated = false;
  dead = false;

  postMessage(message: unknown): void {
    const request = message as RecordingWorkerRequest;
    this.sent.push(request);
    if (!this.dead && request.type === 'ping') queueMicrotask(() => this.say({ type: 'pong', id: request.id }));
  }

  terminate(): void {
    this.terminated = true;
  }

  say(data: unknown): void {
    if (!this.dead) this.onmessage?.({ data } as MessageEvent);
  }

  analyseId(): number {
    const request = this.sent.find((r) => r.type === 'analyse');
    if (request === undefined) throw new Error('no analyse request was sent');
    return request.id;
  }
}

const INTERVAL_MS = 1_000;
const TIMEOUT_MS = 5_000;
const SLOW_TIMEOUT_MS = 15_000;

function client() {
  const workers: FakeRecordingWorker[] = [];
  const analysis = new RecordingAnalysisClient({
    createWorker: () => {
      const worker = new FakeRecordingWorker();
      workers.push(worker);
      return worker;
    },
    heartbeatIntervalMs: INTERVAL_MS,
    heartbeatTimeoutMs: TIMEOUT_MS,
    slowStageTimeoutMs: SLOW_TIMEOUT_MS,
    now: () => Date.now(),
  });
  return { analysis, workers };
}

function start(analysis: RecordingAnalysisClient): { outcome: Promise<RecordingResultEvent | RecordingAnalysisError> } {
  const outcome = analysis
    .analyse(new Float32Array(48_000), 48_000, 'https://app.example/models/audio/', { onProgress: () => undefined })
    .catch((error: unknown) => {
      if (error instanceof RecordingAnalysisError) return error;
      throw error;
    });
  return { outcome };
}

describe('RecordingAnalysisClient heartbeat', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('rejects with "stopped" within seconds once a worker that was resampling goes silent, and ends it', async () => {
    const { analysis, workers } = client();
    const { outcome } = start(analysis);
    const worker = workers[0]!;
    worker.say({ type: 'progress', id: worker.analyseId(), stage: 'resampling', fraction: 0.1 });
    worker.dead = true;
    await vi.advanceTimersByTimeAsync(TIMEOUT_MS + 2 * INTERVAL_MS);
    const error = await outcome;
    expect(error).toBeInstanceOf(RecordingAnalysisError);
    expect((error as RecordingAnalysisError).code).toBe('stopped');
    expect((error as RecordingAnalysisError).message).toBe(WORKER_STOPPED_MESSAGE);
    expect(worker.terminated).toBe(true);
  });

  it('keeps a slow but answering worker: a long analysis is never cut short', async () => {
    const { analysis, workers } = client();
    const { outcome } = start(analysis);
    const worker = workers[0]!;
    const id = worker.analyseId();
    for (let step = 0; step < 60; step += 1) {
      worker.say({ type: 'progress', id, stage: 'analysing', fraction: step / 60 });
      await vi.advanceTimersByTimeAsync(INTERVAL_MS);
    }
    worker.say({ type: 'result', id, durationSeconds: 1, windows: [], modelVersions: {}, thresholds: { cryThreshold: 0.5, notSureThreshold: 0.5 } });
    const result = await outcome;
    expect(result).not.toBeInstanceOf(RecordingAnalysisError);
    expect(worker.terminated).toBe(false);
  });

  it('gives a worker that is loading the models the longer timeout, then still notices it died', async () => {
    const { analysis, workers } = client();
    const { outcome } = start(analysis);
    const worker = workers[0]!;
    worker.say({ type: 'progress', id: worker.analyseId(), stage: 'loading-models', fraction: 0 });
    worker.dead = true;
    let settled = false;
    void outcome.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(TIMEOUT_MS + 2 * INTERVAL_MS);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(SLOW_TIMEOUT_MS);
    expect(((await outcome) as RecordingAnalysisError).code).toBe('stopped');
  });

  it('stops pinging once no analysis is pending, and the next analysis gets a fresh worker after a death', async () => {
    const { analysis, workers } = client();
    const first = start(analysis);
    const worker = workers[0]!;
    worker.say({ type: 'progress', id: worker.analyseId(), stage: 'resampling', fraction: 0.5 });
    worker.dead = true;
    await vi.advanceTimersByTimeAsync(TIMEOUT_MS + 2 * INTERVAL_MS);
    await first.outcome;
    const pingsAfter = worker.sent.filter((r) => r.type === 'ping').length;
    await vi.advanceTimersByTimeAsync(10 * INTERVAL_MS);
    expect(worker.sent.filter((r) => r.type === 'ping').length).toBe(pingsAfter);
    start(analysis);
    expect(workers).toHaveLength(2);
  });

  it('reports a worker that crashes as "stopped"', async () => {
    const { analysis, workers } = client();
    const { outcome } = start(analysis);
    const event = Object.assign(new Event('error', { cancelable: true }), { message: 'boom' });
    workers[0]!.onerror?.(event as unknown as ErrorEvent);
    expect(((await outcome) as RecordingAnalysisError).code).toBe('stopped');
    expect(event.defaultPrevented).toBe(true);
  });
});
