import { describe, expect, it } from 'vitest';
import type { NeedProbabilities } from '../domain/needs.ts';
import type { EpisodeRecord } from '../domain/episode.ts';
import { EpisodeLogger, type LoggingStatus } from '../log/episode-logger.ts';
import type { HistoryDb } from '../log/db.ts';
import type { PredictionEvent, ShippedThresholds } from '../protocol/audio-worker-messages.ts';
import { SILENCE_DBFS } from '../features/dsp/index.ts';
import { Emitter } from './emitter.ts';
import type { FaceReadingInput } from './face-reading.ts';
import type { CameraSource, ListeningSource } from './sources.ts';
import { faceStreamSeconds, MonitorSession, type ContextSource, type EpisodeSink, type EpisodeStart } from './monitor-session.ts';
import type { EpisodeContext } from '../domain/episode.ts';
import { readFileSync } from 'node:fs';
import type { CameraSnapshot, ListeningSnapshot, SessionSnapshot } from './session-snapshot.ts';

const HUNGER: NeedProbabilities = [0.1, 0.7, 0.1, 0.1];
const FACE_PAIN: NeedProbabilities = [0.05, 0.05, 0.85, 0.05];
/** Epoch ms at the first audio window. */
const EPOCH = Date.UTC(2026, 11, 2, 3, 0, 0);
const HOP_SECONDS = 0.5;

/** A scripted listening session: the test sets its status and plays prediction events. */
class FakeListening implements ListeningSource {
  snapshot: ListeningSnapshot = {
    status: 'idle',
    models: { kind: 'loading', fraction: 0 },
    problem: null,
    workerNotice: null,
    levelDbfs: SILENCE_DBFS,
    framesReceived: 0,
    sessionMeanDb: null,
  };
  readonly changes = new Emitter<ListeningSnapshot>();
  readonly predictions = new Emitter<PredictionEvent>();
  readonly thresholds = new Emitter<ShippedThresholds>();
  subscribe = (listener: (s: ListeningSnapshot) => void): (() => void) => this.changes.on(listener);
  onPrediction = (listener: (p: PredictionEvent) => void): (() => void) => this.predictions.on(listener);
  onThresholds = (listener: (t: ShippedThresholds) => void): (() => void) => this.thresholds.on(listener);

  set(patch: Partial<ListeningSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    this.changes.emit(this.snapshot);
  }

  ready(thresholds: ShippedThresholds): void {
    this.thresholds.emit(thresholds);
    this.set({ models: { kind: 'ready', backend: 'cpu', versions: { audio: 'audio@test' } } });
  }

  predict(timeSeconds: number, cryProbability: number, needProbabilities: NeedProbabilities | null = HUNGER, embedding: Float32Array | null = null): void {
    this.predictions.emit({ type: 'prediction', id: 1, timeSeconds, cryProbability, needProbabilities, embedding });
  }
}

class FakeCamera implements CameraSource {
  snapshot: CameraSnapshot = { status: 'off', facing: 'user', problem: null, analysisUnavailable: null, workerNotice: null, hasNeedHead: true, resultsReceived: 0, face: null, motion: null, region: { x: 0, y: 0, width: 1, height: 1 }, regionProblem: null };
  readonly changes = new Emitter<CameraSnapshot>();
  readonly readings = new Emitter<FaceReadingInput>();
  readonly stops = new Emitter<undefined>();
  subscribe = (listener: (s: CameraSnapshot) => void): (() => void) => this.changes.on(listener);
  onFaceReading = (listener: (r: FaceReadingInput) => void): (() => void) => this.readings.on(listener);
  onStop = (listener: () => void): (() => void) => this.stops.on(listener);

  see(capturedAtMs: number, needProbabilities: NeedProbabilities | null = FACE_PAIN): void {
    this.readings.emit({ faceVisible: true, needProbabilities, capturedAtMs, modelVersions: { 'vision-trunk': 'trunk@test' } });
  }

  stop(): void {
    this.snapshot = { ...this.snapshot, status: 'off' };
    this.changes.emit(this.snapshot);
    this.stops.emit(undefined);
  }
}

/** Records every episode it is handed. */
class RecordingSink implements EpisodeSink {
  readonly saved: EpisodeRecord[] = [];
  retries = 0;
  logEpisode(record: EpisodeRecord): Promise<unknown> {
    this.saved.push(record);
    return Promise.resolve(record);
  }
  retry(): void {
    this.retries += 1;
  }
}

/** Lets pending promise callbacks (the logger's save) run. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** A model card whose by-baby need accuracy is above chance: the sound's need takes part. */
const INFORMED_AUDIO_CARD = { quantized: { need: { pooledCi: { balancedAccuracy: { value: 0.5, ci: { low: 0.4, high: 0.6 } } } } } };

interface HarnessOptions {
  sink?: EpisodeSink;
  createSink?: (onStatus: (s: LoggingStatus) => void) => EpisodeSink;
  /** The audio model card; by default one above chance, so the sound's need is fused. */
  audioCard?: unknown;
  context?: ContextSource;
}

function harness(options: HarnessOptions = {}) {
  const listening = new FakeListening();
  const camera = new FakeCamera();
  const sink = options.sink ?? new RecordingSink();
  // The clocks follow the scripted stream: stream time t arrives at EPOCH + t and at perf 10 000 + t (ms).
  let streamSeconds = 0;
  const session = new MonitorSession(listening, camera, {
    createSink: options.createSink ?? (() => sink),
    now: () => EPOCH + streamSeconds * 1000,
    perfNow: () => 10_000 + streamSeconds * 1000,
    ...(options.context === undefined ? {} : { context: options.context }),
  });
  session.setAudioNeedMetrics(options.audioCard === undefined ? INFORMED_AUDIO_CARD : options.audioCard);
  const snapshots: SessionSnapshot[] = [];
  session.subscribe((s) => snapshots.push(s));
  const starts: EpisodeStart[] = [];
  session.onEpisodeStart((start) => starts.push(start));
  const play = (fromSeconds: number, toSeconds: number, cry: number, needs: NeedProbabilities | null = HUNGER): void => {
    for (let t = fromSeconds; t <= toSeconds + 1e-9; t += HOP_SECONDS) {
      streamSeconds = t;
      listening.predict(t, cry, needs);
    }
  };
  return { listening, camera, session, snapshots, starts, play, sink };
}

/** What must hold in every snapshot, whatever happened before. */
function assertCoherent(snapshot: SessionSnapshot): void {
  const { listening, monitor } = snapshot;
  if (listening.status === 'idle') {
    expect(monitor.active).toBe(false);
  }
  if (!monitor.active) expect(monitor.reading).toBeNull();
  const reading = monitor.reading;
  if (reading !== null) {
    if (reading.needProbabilities === null) expect(reading.assessment).toBeNull();
    if (reading.episode !== null) expect(monitor.active).toBe(true);
  }
}

/** A care log stand-in: the context it returns, and every instant it was asked about. */
class FakeContext implements ContextSource {
  readonly askedAt: number[] = [];
  contextRecord = { episodes: 0, modelHits: 0 };
  constructor(readonly context: Omit<EpisodeContext, 'atMs'> | null) {}
  contextAt(t: number): EpisodeContext | null {
    this.askedAt.push(t);
    return this.context === null ? null : { ...this.context, atMs: t };
  }
}

const FEED_DUE: Omit<EpisodeContext, 'atMs'> = {
  needProbabilities: [0.15, 0.6, 0.1, 0.15],
  firstGuess: 'hunger',
  topNeed: 'hunger',
  confidence: 0.6,
  notSure: false,
  noLog: false,
  reason: 'Last feed 3 h ago — babies this age usually feed about every 2 h 30',
  bin: 'overdue|fresh',
  minutesSinceFeed: 180,
  minutesAwake: 20,
  asleep: false,
  minutesSinceNappy: null,
  answersLearned: 0,
};
const PAIN_FLAT: NeedProbabilities = [0.2, 0.1, 0.6, 0.1];

describe('MonitorSession with the care log as a need source', () => {
  const shippedCard: unknown = JSON.parse(readFileSync('public/models/audio/metrics.json', 'utf8'));

  it('takes the need and its reason from the baby\'s day while the shipped sound head is at chance, and says why sound is out', async () => {
    const context = new FakeContext(FEED_DUE);
    const { listening, session, play, sink } = harness({ audioCard: shippedCard, context });
    listening.set({ status: 'listening' });
    play(0, 2, 0.05);
    expect(session.snapshot.monitor.reading).toMatchObject({ reason: null, context: null, leftOut: [] });
    play(2.5, 12, 0.95, PAIN_FLAT);
    const reading = session.snapshot.monitor.reading;
    expect(reading?.assessment).toMatchObject({ topNeed: 'hunger', notSure: false });
    expect(reading?.needProbabilities).toEqual(FEED_DUE.needProbabilities);
    expect(reading?.contributed).toEqual(['context']);
    expect(reading?.reason).toBe(FEED_DUE.reason);
    expect(reading?.leftOut.map((l) => l.source)).toEqual(['audio']);
    expect(reading?.leftOut[0]?.why).toContain('includes chance');
    // The context is read at the cry's start on the wall clock, every window at the same instant.
    const cryStart = reading?.context?.atMs;
    expect(cryStart).toBe(EPOCH + (reading?.episode?.startSeconds ?? NaN) * 1000);
    expect(new Set(context.askedAt)).toEqual(new Set([cryStart]));
    expect(JSON.parse(JSON.stringify(session.snapshot))).toEqual(session.snapshot);
    // The open episode (what the alert names) says the fused need, never the left-out sound's "pain".
    expect(reading?.episode).toMatchObject({ topNeed: 'hunger', notSure: false });

    play(12.5, 40, 0.05);
    await settle();
    const record = (sink as RecordingSink).saved[0];
    expect(session.snapshot.monitor.lastEnded).toMatchObject({ topNeed: 'hunger', notSure: false });
    expect(record).toMatchObject({ topNeed: 'hunger', notSure: false, contributed: ['context'], reason: FEED_DUE.reason });
    expect(record?.context).toMatchObject({ atMs: record?.startedAt, bin: 'overdue|fresh', minutesSinceFeed: 180 });
    expect(record?.leftOut?.[0]?.source).toBe('audio');
    // The sound's own vector is still kept per modality, for a future model card to judge.
    expect(record?.modalities.audio?.[2]).toBeGreaterThan(0.5);
  });

  it('an empty care log gives "not sure" with its reason, and no need vector from nowhere', () => {
    const empty = { ...FEED_DUE, noLog: true, notSure: true, topNeed: null, reason: 'No feeds logged yet', minutesSinceFeed: null };
    const { listening, session, play } = harness({ audioCard: shippedCard, context: new FakeContext(empty) });
    listening.set({ status: 'listening' });
    play(0, 8, 0.95);
    const reading = session.snapshot.monitor.reading;
    expect(reading?.crying).toBe(true);
    expect(reading?.needProbabilities).toBeNull();
    expect(reading?.assessment).toBeNull();
    expect(reading?.reason).toBe('No feeds logged yet');
    expect(reading?.leftOut.map((l) => l.source).sort()).toEqual(['audio', 'context']);
  });

  it('averages an informed sound head with the context, and keeps the care log out once its record is at chance', () => {
    const context = new FakeContext(FEED_DUE);
    const { listening, session, play } = harness({ context });
    listening.set({ status: 'listening' });
    play(0, 8, 0.95, PAIN_FLAT);
    expect(session.snapshot.monitor.reading?.contributed).toEqual(['audio', 'context']);
    expect(session.snapshot.monitor.reading?.needProbabilities?.[2]).toBeCloseTo((0.6 + 0.1) / 2, 9);
    listening.set({ status: 'idle' });
    context.contextRecord = { episodes: 30, modelHits: 6 };
    listening.set({ status: 'listening' });
    play(0, 8, 0.95, PAIN_FLAT);
    const reading = session.snapshot.monitor.reading;
    expect(reading?.contributed).toEqual(['audio']);
    expect(reading?.leftOut.find((l) => l.source === 'context')?.why).toContain('not better than chance');
  });

  it('leaves the sound out, with a reason, until its model card is read', () => {
    const { listening, session, play } = harness({ audioCard: null });
    listening.set({ status: 'listening' });
    play(0, 8, 0.95);
    expect(session.snapshot.monitor.reading?.assessment).toBeNull();
    expect(session.snapshot.monitor.reading?.leftOut[0]).toMatchObject({ source: 'audio' });
  });
});

describe('MonitorSession', () => {
  it('opens one episode on a cry, closes it after the quiet gap, and saves it once', async () => {
    const { listening, session, snapshots, starts, play, sink } = harness();
    listening.set({ status: 'starting' });
    expect(session.snapshot.monitor.active).toBe(false);
    listening.set({ status: 'listening' });
    expect(session.snapshot.monitor.active).toBe(true);

    play(0, 4, 0.05);
    expect(session.snapshot.monitor.reading).toMatchObject({ crying: false, episode: null, needProbabilities: null });
    play(4.5, 15, 0.95);
    const crying = session.snapshot.monitor.reading;
    expect(crying?.crying).toBe(true);
    expect(crying?.episode).not.toBeNull();
    expect(crying?.assessment).toMatchObject({ topNeed: 'hunger' });
    // Plain data while crying too: what a parent unit would send arrives whole.
    expect(JSON.parse(JSON.stringify(session.snapshot))).toEqual(session.snapshot);
    expect(starts).toHaveLength(1);
    // The alert's time is the episode's start on the wall clock, not the moment it was noticed.
    expect(starts[0]?.startedAtEpochMs).toBe(EPOCH + (starts[0]?.episode.startSeconds ?? NaN) * 1000);

    play(15.5, 40, 0.05);
    await settle();
    const after = session.snapshot.monitor;
    expect(after.reading?.episode).toBeNull();
    expect(after.lastEnded).not.toBeNull();
    expect(starts).toHaveLength(1);
    expect((sink as RecordingSink).saved).toHaveLength(1);
    const record = (sink as RecordingSink).saved[0];
    expect(record?.topNeed).toBe('hunger');
    expect(record?.startedAt).toBe(starts[0]?.startedAtEpochMs);
    expect(session.snapshot.logging.savedCount).toBe(1);

    // Each snapshot in order: an episode is open in one unbroken stretch, never contradicting the status.
    snapshots.forEach(assertCoherent);
    const open = snapshots.map((s) => (s.monitor.reading?.episode ? 1 : 0)).join('').replace(/0+/g, '0').replace(/1+/g, '1');
    expect(open).toBe('010');
  });

  it('closes and saves an episode still open when listening stops, and stays quiet after', async () => {
    const { listening, session, snapshots, play, sink } = harness();
    listening.set({ status: 'listening' });
    play(0, 8, 0.95);
    expect(session.snapshot.monitor.reading?.episode).not.toBeNull();
    listening.set({ status: 'stopping' });
    expect(session.snapshot.monitor.active).toBe(true);
    listening.set({ status: 'idle' });
    await settle();
    expect(session.snapshot.monitor).toMatchObject({ active: false, reading: null });
    expect(session.snapshot.monitor.lastEnded).not.toBeNull();
    expect((sink as RecordingSink).saved).toHaveLength(1);
    // A late window from the ended session changes nothing.
    play(8.5, 9, 0.95);
    listening.set({ status: 'idle' });
    await settle();
    expect((sink as RecordingSink).saved).toHaveLength(1);
    expect(session.snapshot.monitor.reading).toBeNull();
    snapshots.forEach(assertCoherent);
  });

  it('judges with the thresholds the loaded model carries', () => {
    const { listening, session, play, starts } = harness();
    expect(session.snapshot.monitor.thresholds.source).toBe('defaults');
    listening.ready({ cryThreshold: 0.9, notSureThreshold: 1 });
    expect(session.snapshot.monitor.thresholds).toEqual({ cryThreshold: 0.9, notSureThreshold: 1, source: 'model' });
    listening.set({ status: 'listening' });
    // 0.8 is crying by the default 0.5, not by the model's 0.9.
    play(0, 10, 0.8);
    expect(starts).toHaveLength(0);
    expect(session.snapshot.monitor.reading?.crying).toBe(false);
    play(10.5, 16, 0.97);
    expect(starts).toHaveLength(1);
    // A "never sure" threshold above every probability: the need is shown as not sure.
    expect(session.snapshot.monitor.reading?.assessment?.notSure).toBe(true);
  });

  it('places a face reading at its capture time on the audio clock, not at its arrival', () => {
    const { listening, camera, session, play } = harness();
    listening.set({ status: 'listening' });
    play(0, 5, 0.95);
    // Captured at stream time 5 s (perf 15 000 ms), reported when it arrives: fresh, so it votes.
    camera.see(15_000);
    play(5.5, 5.5, 0.95);
    expect(session.snapshot.monitor.reading?.face).toEqual({ visible: true, informed: true });
    expect(session.snapshot.monitor.reading?.contributed).toContain('face');

    // A frame captured 3 s ago that arrives only now (a slow worker) is too old to describe the baby.
    play(6, 9, 0.95);
    camera.see(10_000 + 6_000);
    play(9.5, 9.5, 0.95);
    expect(session.snapshot.monitor.reading?.face).toBeNull();
  });

  it('maps the performance clock onto the stream clock', () => {
    expect(faceStreamSeconds(12_500, 10_000)).toBe(2.5);
    expect(faceStreamSeconds(9_000, 10_000)).toBe(-1);
  });

  it('forgets the face when the camera stops, and records the face models with the episode', async () => {
    const { listening, camera, session, play, sink } = harness();
    listening.ready({ cryThreshold: 0.5, notSureThreshold: 0.5 });
    listening.set({ status: 'listening' });
    play(0, 3, 0.95);
    camera.see(13_000);
    play(3.5, 3.5, 0.95);
    expect(session.snapshot.monitor.reading?.face).not.toBeNull();
    camera.stop();
    play(4, 4, 0.95);
    expect(session.snapshot.monitor.reading?.face).toBeNull();
    play(4.5, 8, 0.95);
    listening.set({ status: 'idle' });
    await settle();
    expect((sink as RecordingSink).saved[0]?.modelVersions).toEqual({ audio: 'audio@test', 'vision-trunk': 'trunk@test' });
  });

  it('drops face readings before the first audio window', () => {
    const { listening, camera, session, play } = harness();
    listening.set({ status: 'listening' });
    camera.see(10_000);
    play(0, 0, 0.95);
    expect(session.snapshot.monitor.reading?.face).toBeNull();
  });

  it('puts a storage failure in the snapshot, keeps monitoring, and retries on request', async () => {
    const unavailable = (): Promise<HistoryDb> => Promise.reject(new DOMException('private mode', 'InvalidStateError'));
    const { listening, session, play, starts } = harness({ createSink: (onStatus) => new EpisodeLogger(unavailable, onStatus) });
    listening.set({ status: 'listening' });
    play(0, 8, 0.95);
    listening.set({ status: 'idle' });
    await settle();
    expect(session.snapshot.logging).toMatchObject({ enabled: false, savedCount: 0, error: { kind: 'unavailable' } });
    expect(session.snapshot.logging.error?.message).toMatch(/\S/);
    // Plain data: the snapshot survives the trip a parent unit would send it on.
    expect(structuredClone(session.snapshot)).toEqual(session.snapshot);
    listening.set({ status: 'listening' });
    play(0, 8, 0.95);
    expect(starts).toHaveLength(2);
    session.retryLogging();
    expect(session.snapshot.logging).toMatchObject({ enabled: true, error: null });
  });

  it('passes the listening and camera problems through to the one snapshot', () => {
    const { listening, camera, session } = harness();
    listening.set({ problem: { code: 'microphone-lost', message: 'The microphone stopped.', action: 'Tap Start listening.' } });
    expect(session.snapshot.listening.problem?.code).toBe('microphone-lost');
    camera.snapshot = { ...camera.snapshot, problem: { code: 'camera-denied', message: 'No camera access.', action: 'Allow it.' } };
    camera.changes.emit(camera.snapshot);
    expect(session.snapshot.camera.problem?.code).toBe('camera-denied');
    expect(session.snapshot.listening.problem?.code).toBe('microphone-lost');
  });

  it('stops following the other sessions once disposed', async () => {
    const { listening, session, play, sink, snapshots } = harness();
    listening.set({ status: 'listening' });
    play(0, 8, 0.95);
    session.dispose();
    await settle();
    expect((sink as RecordingSink).saved).toHaveLength(1);
    const seen = snapshots.length;
    listening.set({ status: 'idle' });
    play(0, 8, 0.95);
    expect(snapshots).toHaveLength(seen);
  });
  it('holds the need on screen steady through one cry whose estimate swaps between near ties', () => {
    const { listening, session } = harness();
    listening.set({ status: 'listening' });
    // In NEEDS order: discomfort, hunger, pain, tired; tired leads, second place swaps every 2 s.
    const tiredPain: NeedProbabilities = [0.2, 0.1, 0.33, 0.37];
    const tiredDiscomfort: NeedProbabilities = [0.34, 0.1, 0.2, 0.36];
    const shown = new Set<string>();
    for (let t = 0; t <= 17; t += HOP_SECONDS) {
      listening.predict(t, 0.95, Math.floor(t / 2) % 2 === 0 ? tiredPain : tiredDiscomfort);
      const assessment = session.snapshot.monitor.reading?.assessment;
      if (assessment) shown.add(`${assessment.notSure ? 'maybe' : 'likely'} ${assessment.candidates.map((c) => c.need).join(' or ')}`);
    }
    expect([...shown]).toEqual(['maybe tired or pain']);
  });
});
