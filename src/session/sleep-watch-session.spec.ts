import { describe, expect, it } from 'vitest';
import { Emitter } from './emitter.ts';
import type { CareAction, CareSnapshot } from './care-session.ts';
import type { CameraSnapshot, SessionSnapshot, Subscribable } from './session-snapshot.ts';
import { SleepWatchSession, sleepWatchSettingsFromSearch, type CareLogTarget } from './sleep-watch-session.ts';
import { DEFAULT_SLEEP_WATCH } from '../fusion/sleep-watch.ts';

class Fake<T> implements Subscribable<T> {
  readonly #emitter = new Emitter<T>();
  constructor(public snapshot: T) {}
  subscribe(listener: (snapshot: T) => void): () => void {
    return this.#emitter.on(listener);
  }
  set(next: T): void {
    this.snapshot = next;
    this.#emitter.emit(next);
  }
}

type Eyes = 'open' | 'closed' | 'too-dark' | null;

const faceWith = (eyes: Eyes): CameraSnapshot['face'] =>
  eyes === null ? null : { status: 'face-visible', distressScore: null, needProbabilities: null, eyes: { state: eyes, openness: eyes === 'open' ? 0.35 : eyes === 'closed' ? 0.1 : null } };

const camera = (results: number, state: 'moving' | 'still', eyes: Eyes = null): CameraSnapshot => ({
  status: 'on', facing: 'user', problem: null, analysisUnavailable: null, workerNotice: null, hasNeedHead: false, resultsReceived: results, face: faceWith(eyes),
  motion: { state, changedFraction: 0 }, region: { x: 0, y: 0, width: 1, height: 1 }, regionProblem: null,
});

class FakeCare extends Fake<CareSnapshot> implements CareLogTarget {
  readonly logged: { action: CareAction; minutesAgo: number }[] = [];
  log(action: CareAction, minutesAgo = 0): Promise<boolean> {
    this.logged.push({ action, minutesAgo });
    this.set({ ...this.snapshot, asleep: action.kind === 'sleep-start' });
    return Promise.resolve(true);
  }
}

function setUp() {
  let now = Date.UTC(2026, 0, 1, 21, 0);
  const cam = new Fake<CameraSnapshot>(camera(0, 'still'));
  const monitor = new Fake({ monitor: { reading: null } } as unknown as SessionSnapshot);
  const care = new FakeCare({ status: 'ready', babyName: 'Mia', birthDate: null, entries: [], asleep: false, lastAction: null, error: null, busy: false, answersLearned: 0, trackRecord: null, stillAsleepQuestion: null, lastAddedId: null });
  const watch = new SleepWatchSession(cam, monitor, care, DEFAULT_SLEEP_WATCH, () => now);
  let results = 0;
  const frames = (minutes: number, state: 'moving' | 'still', eyes: Eyes = null): void => {
    for (let i = 0; i < minutes * 3; i++) {
      now += 20_000;
      cam.set(camera(++results, state, eyes));
    }
  };
  return { watch, care, frames, nowMs: () => now };
}

describe('SleepWatchSession', () => {
  it('proposes, writes nothing until confirmed, then logs the sleep at the proposed time', async () => {
    const { watch, care, frames, nowMs } = setUp();
    frames(5, 'moving');
    frames(20, 'still');
    expect(watch.snapshot.proposal?.kind).toBe('asleep');
    expect(watch.snapshot.camera).toBe('asleep');
    expect(care.logged).toEqual([]);
    const since = watch.snapshot.proposal?.sinceMs ?? 0;
    expect(await watch.confirm()).toBe(true);
    expect(care.logged).toHaveLength(1);
    expect(care.logged[0]?.action).toEqual({ kind: 'sleep-start' });
    expect(care.logged[0]?.minutesAgo).toBeCloseTo((nowMs() - since) / 60_000);
    expect(watch.snapshot.proposal).toBeNull();
    // Then a wake-up: proposed against the now open sleep, logged as a wake.
    frames(3, 'moving');
    expect(watch.snapshot.proposal?.kind).toBe('awake');
    await watch.confirm();
    expect(care.logged[1]?.action).toEqual({ kind: 'wake' });
  });

  it('a still baby with open eyes is not proposed asleep; once the camera sees them shut, it is', () => {
    const { watch, frames } = setUp();
    frames(5, 'moving');
    frames(30, 'still', 'open');
    expect(watch.snapshot.proposal).toBeNull();
    expect(watch.snapshot.camera).not.toBe('asleep');
    frames(20, 'still', 'closed');
    expect(watch.snapshot.proposal?.kind).toBe('asleep');
  });

  it('eyes the camera cannot tell (too dark) leave the decision to stillness, as with no face', () => {
    const { watch, frames } = setUp();
    frames(5, 'moving');
    frames(20, 'still', 'too-dark');
    expect(watch.snapshot.proposal?.kind).toBe('asleep');
  });

  it('a dismissed proposal is gone and nothing is logged', () => {
    const { watch, care, frames } = setUp();
    frames(20, 'still');
    watch.dismiss();
    frames(2, 'still');
    expect(watch.snapshot.proposal).toBeNull();
    expect(care.logged).toEqual([]);
  });

  it('reads the test-only minutes from the URL, and ignores nonsense', () => {
    expect(sleepWatchSettingsFromSearch('?sleepWatchMinutes=0.2,0.1').asleepAfterMs).toBe(12_000);
    expect(sleepWatchSettingsFromSearch('')).toBe(DEFAULT_SLEEP_WATCH);
    expect(sleepWatchSettingsFromSearch('?sleepWatchMinutes=soon')).toBe(DEFAULT_SLEEP_WATCH);
  });
});
