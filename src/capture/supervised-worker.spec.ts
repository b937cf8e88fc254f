import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SupervisedWorker, type WorkerFailure, type WorkerLike } from './supervised-worker.ts';
import { RESTART_DELAYS_MS } from './worker-restart-policy.ts';

/** A stand-in Worker that records what it is sent and lets the test make it talk, crash or hang. */
class FakeWorker implements WorkerLike {
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  onmessageerror: ((event: MessageEvent) => void) | null = null;
  readonly sent: unknown[] = [];
  terminated = false;
  /** Answers pings like a healthy worker unless hung. */
  hung = false;

  postMessage(message: unknown): void {
    this.sent.push(message);
    if (!this.hung && message === 'ping') queueMicrotask(() => this.say('pong'));
  }

  terminate(): void {
    this.terminated = true;
  }

  say(data: unknown): void {
    this.onmessage?.({ data } as MessageEvent);
  }

  /** Fires `error` as the browser does for an uncaught exception (Node has Event but no ErrorEvent). */
  crash(message: string): void {
    const event = Object.assign(new Event('error', { cancelable: true }), { message });
    this.onerror?.(event as unknown as ErrorEvent);
    expect(event.defaultPrevented).toBe(true);
  }
}

const INTERVAL_MS = 1_000;
const TIMEOUT_MS = 3_000;

function supervise() {
  const workers: FakeWorker[] = [];
  const events: unknown[] = [];
  const starts: number[] = [];
  const failures: WorkerFailure[] = [];
  const supervisor = new SupervisedWorker<string, unknown>({
    create: () => {
      const worker = new FakeWorker();
      workers.push(worker);
      return worker;
    },
    ping: () => 'ping',
    onEvent: (event) => events.push(event),
    onStart: (restarts) => starts.push(restarts),
    onFailure: (failure) => failures.push(failure),
    heartbeatIntervalMs: INTERVAL_MS,
    heartbeatTimeoutMs: TIMEOUT_MS,
    now: () => Date.now(),
  });
  supervisor.start();
  return { supervisor, workers, events, starts, failures };
}

describe('SupervisedWorker', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('passes messages through and lets the owner set the worker up', () => {
    const { supervisor, workers, events, starts } = supervise();
    expect(starts).toEqual([0]);
    expect(supervisor.send('load')).toBe(true);
    workers[0]?.say('loaded');
    expect(workers[0]?.sent).toEqual(['load']);
    expect(events).toEqual(['loaded']);
  });

  it('replaces a crashed worker after the first back-off and ignores the old one', () => {
    const { supervisor, workers, events, starts, failures } = supervise();
    const first = workers[0];
    first?.crash('boom');
    expect(first?.terminated).toBe(true);
    expect(failures).toEqual([{ kind: 'crashed', detail: 'boom', failuresInARow: 1, restartInMs: RESTART_DELAYS_MS[0] }]);
    expect(supervisor.running).toBe(false);
    expect(supervisor.send('dropped')).toBe(false);

    vi.advanceTimersByTime(RESTART_DELAYS_MS[0] ?? 0);
    expect(workers).toHaveLength(2);
    expect(starts).toEqual([0, 1]);
    expect(supervisor.restarts).toBe(1);
    first?.say('late');
    workers[1]?.say('fresh');
    expect(events).toEqual(['fresh']);
  });

  it('gives up after the bounded number of restarts', () => {
    const { workers, failures } = supervise();
    for (let i = 0; i <= RESTART_DELAYS_MS.length; i++) {
      workers[i]?.crash('again');
      vi.advanceTimersByTime(RESTART_DELAYS_MS[i] ?? 60_000);
    }
    expect(workers).toHaveLength(RESTART_DELAYS_MS.length + 1);
    expect(failures.at(-1)?.restartInMs).toBeNull();
    expect(failures.map((failure) => failure.failuresInARow)).toEqual([1, 2, 3, 4]);
  });

  it('restarts a worker that stops answering pings, but not a healthy quiet one', async () => {
    const { workers, failures } = supervise();
    await vi.advanceTimersByTimeAsync(TIMEOUT_MS * 3);
    expect(failures).toEqual([]);
    const first = workers[0];
    if (first) first.hung = true;
    await vi.advanceTimersByTimeAsync(TIMEOUT_MS + 2 * INTERVAL_MS);
    expect(failures.map((failure) => failure.kind)).toEqual(['unresponsive']);
    expect(first?.terminated).toBe(true);
  });

  it('says when one more failure would mean giving up', () => {
    const { supervisor, workers } = supervise();
    for (let i = 0; i < RESTART_DELAYS_MS.length; i++) {
      expect(supervisor.canRestart).toBe(true);
      workers[i]?.crash('again');
      vi.advanceTimersByTime(RESTART_DELAYS_MS[i] ?? 0);
    }
    expect(supervisor.running).toBe(true);
    expect(supervisor.canRestart).toBe(false);
  });

  it('restarts on request, counting towards giving up', () => {
    const { supervisor, workers, failures } = supervise();
    supervisor.restart('model failed');
    expect(failures[0]?.kind).toBe('requested');
    vi.advanceTimersByTime(RESTART_DELAYS_MS[0] ?? 0);
    expect(workers).toHaveLength(2);
  });

  it('starts nothing after dispose, even with a restart pending', () => {
    const { supervisor, workers } = supervise();
    workers[0]?.crash('boom');
    supervisor.dispose();
    vi.advanceTimersByTime(60_000);
    expect(workers).toHaveLength(1);
  });
});
