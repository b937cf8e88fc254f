import { describe, expect, it } from 'vitest';
import { EpisodeLogger } from '../log/episode-logger.ts';
import type { HistoryDb } from '../log/db.ts';
import { realCries } from '../log/patterns.ts';
import type { PredictionEvent, ShippedThresholds } from '../protocol/audio-worker-messages.ts';
import { SILENCE_DBFS } from '../features/dsp/index.ts';
import { freshHistoryDb } from '../../tests/unit/history-fixtures.ts';
import { CryCorrectionsSession } from './cry-corrections-session.ts';
import { Emitter } from './emitter.ts';
import { MonitorSession, type EpisodeStart } from './monitor-session.ts';
import type { CameraSnapshot, ListeningSnapshot } from './session-snapshot.ts';
import type { CameraSource, ListeningSource } from './sources.ts';

const HOP = 0.5;
const EPOCH = Date.UTC(2026, 11, 2, 3);
const THRESHOLDS: ShippedThresholds = { cryThreshold: 0.73, notSureThreshold: 0.6 };

class FakeListening implements ListeningSource {
  snapshot: ListeningSnapshot = { status: 'idle', models: { kind: 'loading', fraction: 0 }, problem: null, workerNotice: null, levelDbfs: SILENCE_DBFS, framesReceived: 0, sessionMeanDb: null };
  readonly changes = new Emitter<ListeningSnapshot>();
  readonly predictions = new Emitter<PredictionEvent>();
  readonly thresholds = new Emitter<ShippedThresholds>();
  subscribe = (l: (s: ListeningSnapshot) => void): (() => void) => this.changes.on(l);
  onPrediction = (l: (p: PredictionEvent) => void): (() => void) => this.predictions.on(l);
  onThresholds = (l: (t: ShippedThresholds) => void): (() => void) => this.thresholds.on(l);
  set(patch: Partial<ListeningSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    this.changes.emit(this.snapshot);
  }
}

class NoCamera implements CameraSource {
  snapshot: CameraSnapshot = { status: 'off', facing: 'user', problem: null, analysisUnavailable: null, workerNotice: null, hasNeedHead: false, resultsReceived: 0, face: null, motion: null, region: { x: 0, y: 0, width: 1, height: 1 }, regionProblem: null };
  subscribe = (): (() => void) => () => {};
  onFaceReading = (): (() => void) => () => {};
  onStop = (): (() => void) => () => {};
}

/** Deterministic pseudo-random unit noise, so each sound's windows differ a little, like real ones. */
function noise(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32 - 0.5;
  };
}

/** An embedding near a sound's direction: `base` plus a small per-window jitter. */
function around(base: readonly number[], jitter: () => number, spread = 0.05): Float32Array {
  return Float32Array.from(base, (v) => v + spread * jitter());
}

const DIM = 16;
const LAUGH = Array.from({ length: DIM }, (_, i) => (i < 4 ? 1 : 0.05));
const CRY = Array.from({ length: DIM }, (_, i) => (i >= 8 && i < 12 ? 1 : 0.05));

const settle = async (): Promise<void> => {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

async function harness() {
  const db = await freshHistoryDb();
  const connect = (): Promise<HistoryDb> => Promise.resolve(db);
  let clockMs = EPOCH;
  const corrections = new CryCorrectionsSession({ connect, now: () => clockMs });
  const listening = new FakeListening();
  const monitor = new MonitorSession(listening, new NoCamera(), {
    createSink: (onStatus) => new EpisodeLogger(connect, onStatus, () => clockMs),
    now: () => clockMs,
    perfNow: () => clockMs - EPOCH,
    corrections,
  });
  const starts: EpisodeStart[] = [];
  monitor.onEpisodeStart((s) => starts.push(s));
  listening.thresholds.emit(THRESHOLDS);
  listening.set({ models: { kind: 'ready', backend: 'cpu', versions: { audio: 'audio@test' } } });
  listening.set({ status: 'listening' });
  let t = 0;
  /** `seconds` of one sound: probability `p`, embeddings around `base` (null: no embedding). */
  const play = (seconds: number, p: number, base: readonly number[] | null, seed = 1): void => {
    const jitter = noise(seed);
    for (let end = t + seconds; t < end; t += HOP) {
      clockMs = EPOCH + t * 1000;
      listening.predictions.emit({ type: 'prediction', id: 1, timeSeconds: t, cryProbability: p, needProbabilities: [0.1, 0.7, 0.1, 0.1], embedding: base === null ? null : around(base, jitter) });
    }
  };
  const quiet = (): void => play(15, 0.02, null);
  await settle();
  return { db, corrections, monitor, starts, play, quiet };
}

describe('CryCorrectionsSession with the monitor', () => {
  it('after "That wasn\'t crying" on an episode, the same sound opens no episode; cries still do; Forget undoes it', async () => {
    const { db, corrections, starts, play, quiet } = await harness();
    play(6, 0.9, LAUGH, 1);
    quiet();
    await settle();
    expect(starts).toHaveLength(1);
    const [laugh] = await db.episodes.toArray();
    expect(laugh).toBeDefined();
    expect((await db.cryEmbeddings.get(laugh?.id ?? ''))?.embeddings.length).toBeGreaterThan(0);
    expect(corrections.snapshot.lastEpisode?.id).toBe(laugh?.id);

    await corrections.correctEpisode(laugh?.id ?? '', 'false-alarm');
    expect(corrections.snapshot.learnedFrom).toBe(1);
    // The false alarm stays in the log, flagged, and out of the counts.
    const stored = await db.episodes.toArray();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.cryCorrection).toBe('false-alarm');
    expect(realCries(stored)).toHaveLength(0);

    play(6, 0.9, LAUGH, 2); // the same kind of sound again, other windows
    quiet();
    expect(starts).toHaveLength(1);
    play(6, 0.9, CRY, 3); // a cry is not like it: still an episode
    quiet();
    expect(starts).toHaveLength(2);

    expect(await corrections.forget()).toBe(true);
    expect(corrections.snapshot.learnedFrom).toBe(0);
    play(6, 0.9, LAUGH, 4);
    quiet();
    expect(starts).toHaveLength(3);
    // Forget resets the learning, not the parent's flag in the log.
    expect((await db.episodes.get(laugh?.id ?? ''))?.cryCorrection).toBe('false-alarm');
  });

  it('marking the open episode stops the rest of that sound at once and saves the episode flagged', async () => {
    const { db, corrections, monitor, starts, play, quiet } = await harness();
    play(4, 0.9, LAUGH, 1);
    expect(starts).toHaveLength(1);
    expect(monitor.correctOpenEpisode('false-alarm')).toBe(true);
    expect(corrections.snapshot.openEpisode).toBe('false-alarm');
    expect(corrections.snapshot.learnedFrom).toBe(1);
    play(20, 0.9, LAUGH, 2);
    // Vetoed windows count as no cry: the episode closes after the quiet gap although the sound goes on.
    expect(monitor.snapshot.monitor.reading?.episode).toBeNull();
    quiet();
    await settle();
    expect(starts).toHaveLength(1);
    const episodes = await db.episodes.toArray();
    expect(episodes.map((e) => e.cryCorrection)).toEqual(['false-alarm']);
    expect(corrections.snapshot.learnedFrom).toBe(1);
    expect(corrections.snapshot.lastEpisode).toEqual({ id: episodes[0]?.id, correction: 'false-alarm' });
  });

  it('what it learned survives a new session on the same database (a reload), for the same model only', async () => {
    const first = await harness();
    first.play(6, 0.9, LAUGH, 1);
    first.quiet();
    await settle();
    const [episode] = await first.db.episodes.toArray();
    await first.corrections.correctEpisode(episode?.id ?? '', 'false-alarm');

    const again = new CryCorrectionsSession({ connect: () => Promise.resolve(first.db) });
    await again.setModelVersion('audio@test');
    expect(again.snapshot.learnedFrom).toBe(1);
    expect(again.vetoes(around(LAUGH, noise(9)))).toBe(true);
    expect(again.vetoes(around(CRY, noise(9)))).toBe(false);
    // Another model's embeddings are not used.
    const other = new CryCorrectionsSession({ connect: () => Promise.resolve(first.db) });
    await other.setModelVersion('audio@other');
    expect(other.snapshot.learnedFrom).toBe(0);
    expect(other.vetoes(around(LAUGH, noise(9)))).toBe(false);
  });

  it('says so when a correction cannot be saved', async () => {
    const { corrections } = await harness();
    expect(await corrections.correctEpisode('no-such-episode', 'false-alarm')).toBeNull();
    expect(corrections.snapshot.error).toMatch(/deleted/);
  });
});
