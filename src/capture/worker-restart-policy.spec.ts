import { describe, expect, it } from 'vitest';
import { failuresAfter, HEALTHY_RUN_MS, RESTART_DELAYS_MS, restartDelayMs } from './worker-restart-policy.ts';
import { heardFromWorker, isHung, pingSent } from './heartbeat.ts';

describe('restartDelayMs', () => {
  it('backs off with each failure in a row, then gives up', () => {
    const delays = RESTART_DELAYS_MS.map((_, i) => restartDelayMs(i + 1));
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThan(delays[i - 1] ?? Infinity);
    expect(restartDelayMs(RESTART_DELAYS_MS.length + 1)).toBeNull();
  });

  it('rejects counts that are not failures', () => {
    expect(restartDelayMs(0)).toBeNull();
    expect(restartDelayMs(1.5)).toBeNull();
  });
});

describe('failuresAfter', () => {
  it('counts failures of a worker that fails soon after starting', () => {
    expect(failuresAfter(2, 1_000)).toBe(3);
  });

  it('starts counting again after a healthy run', () => {
    expect(failuresAfter(2, HEALTHY_RUN_MS)).toBe(1);
  });
});

describe('heartbeat', () => {
  it('calls a worker hung only when a ping stays unanswered past the timeout', () => {
    const sent = pingSent(heardFromWorker(), 1_000);
    expect(isHung(sent, 1_000 + 500, 1_000)).toBe(false);
    expect(isHung(sent, 1_000 + 1_001, 1_000)).toBe(true);
  });

  it('measures from the oldest unanswered ping, not the latest', () => {
    const twice = pingSent(pingSent(heardFromWorker(), 0), 900);
    expect(isHung(twice, 1_001, 1_000)).toBe(true);
  });

  it('is never hung with no ping pending, however long the silence (throttled timers)', () => {
    expect(isHung(heardFromWorker(), 10 * 60_000, 1_000)).toBe(false);
  });
});
