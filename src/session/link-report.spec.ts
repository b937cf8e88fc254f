import { describe, expect, it } from 'vitest';
import { LinkMessageWriter, readLinkMessage } from '../link/link-messages.ts';
import { babyUnitReportProblem, SnapshotThrottle, SNAPSHOT_MIN_INTERVAL_MS, urgentKey, type BabyUnitReport } from './link-report.ts';
import type { MonitorReading, SessionSnapshot } from './session-snapshot.ts';

const episode = {
  startSeconds: 12,
  endSeconds: 20,
  durationSeconds: 8,
  peakCryProbability: 0.93,
  needProbabilities: [0.1, 0.6, 0.2, 0.1] as const,
  perModality: { audio: [0.1, 0.6, 0.2, 0.1] as const },
  contributed: ['audio' as const],
  topNeed: 'hunger' as const,
  confidence: 0.6,
  notSure: false,
  candidates: [
    { need: 'hunger', probability: 0.6 },
    { need: 'pain', probability: 0.2 },
  ] as const,
};

function reading(timeSeconds: number, crying: boolean): MonitorReading {
  return {
    timeSeconds,
    cryProbability: crying ? 0.9 : 0.05,
    smoothedCryProbability: crying ? 0.85 : 0.05,
    crying,
    needProbabilities: crying ? episode.needProbabilities : null,
    assessment: crying ? { topNeed: 'hunger', confidence: 0.6, notSure: false, candidates: [episode.candidates[0], episode.candidates[1]] } : null,
    contributed: crying ? ['audio'] : [],
    face: null,
    episode: crying ? episode : null,
    leftOut: crying ? [{ source: 'audio', why: 'its by-baby accuracy includes chance' }] : [],
    reason: crying ? 'Last feed 3 h ago' : null,
    context: null,
  };
}

function session(levelDbfs: number, monitorReading: MonitorReading | null): SessionSnapshot {
  return {
    listening: { status: 'listening', models: { kind: 'ready', backend: 'wasm', versions: { audio: 'audio@test' } }, problem: null, workerNotice: null, levelDbfs, framesReceived: 10, sessionMeanDb: -60 },
    camera: { status: 'off', facing: 'user', problem: null, analysisUnavailable: null, workerNotice: null, hasNeedHead: false, resultsReceived: 0, face: null, motion: null, region: { x: 0, y: 0, width: 1, height: 1 }, regionProblem: null },
    monitor: { active: true, reading: monitorReading, lastEnded: null, thresholds: { cryThreshold: 0.5, notSureThreshold: 0.4, source: 'model' } },
    logging: { enabled: true, error: null, savedCount: 0 },
  };
}

const report = (levelDbfs: number, r: MonitorReading | null): BabyUnitReport => ({ session: session(levelDbfs, r), battery: { level: 0.8, charging: true } });

describe('the parent unit reads a baby unit report only when it can render it', () => {
  it('accepts a crying and a quiet report, through JSON as on the data channel', () => {
    for (const r of [report(-30, reading(14, true)), report(-70, reading(3, false)), { ...report(-70, null), battery: null }]) {
      expect(babyUnitReportProblem(JSON.parse(JSON.stringify(r)))).toBeNull();
    }
  });

  it('names what is wrong with a damaged report', () => {
    const good = report(-30, reading(14, true));
    expect(babyUnitReportProblem(null)).toBe('report is not an object');
    expect(babyUnitReportProblem({ ...good, battery: { level: 2, charging: true } })).toBe('report with a malformed battery');
    expect(babyUnitReportProblem({ ...good, session: { ...good.session, listening: { ...good.session.listening, status: 'dancing' } } })).toBe('session without a listening status');
    expect(babyUnitReportProblem({ ...good, session: { ...good.session, listening: { ...good.session.listening, levelDbfs: 'loud' } } })).toBe('session without a sound level');
    const badReading = { ...reading(14, true), crying: 'yes' };
    expect(babyUnitReportProblem({ ...good, session: { ...good.session, monitor: { ...good.session.monitor, reading: badReading } } })).toBe('reading without crying');
    const badEpisode = { ...reading(14, true), episode: { startSeconds: 'soon' } };
    expect(babyUnitReportProblem({ ...good, session: { ...good.session, monitor: { ...good.session.monitor, reading: badEpisode } } })).toBe('reading with a malformed episode');
  });

  it('drops a session-snapshot message with a damaged report, with the reason', () => {
    const writer = new LinkMessageWriter(() => 1000);
    const reasons: string[] = [];
    const text = JSON.stringify(writer.stamp({ type: 'session-snapshot', snapshot: { session: {}, battery: null } }));
    expect(readLinkMessage(text, { validateSnapshot: babyUnitReportProblem, onDrop: (r) => reasons.push(r) })).toBeNull();
    expect(reasons).toEqual(['session without a listening status']);
    const good = JSON.stringify(writer.stamp({ type: 'session-snapshot', snapshot: report(-30, reading(14, true)) }));
    expect(readLinkMessage(good, { validateSnapshot: babyUnitReportProblem, onDrop: (r) => reasons.push(r) })?.type).toBe('session-snapshot');
  });
});

describe('snapshot throttle on a scripted clock', () => {
  function setup(): { throttle: SnapshotThrottle; advance: (ms: number) => void; offer: (r: BabyUnitReport) => string } {
    let now = 0;
    const throttle = new SnapshotThrottle(() => now);
    return {
      throttle,
      advance: (ms) => {
        now += ms;
      },
      offer: (r) => {
        const text = JSON.stringify(r);
        const decision = throttle.decide(r, text);
        if (decision === 'send') throttle.sent(r, text);
        return decision;
      },
    };
  }

  it('sends the first report, skips an identical one, and holds a level change back for the interval', () => {
    const { throttle, advance, offer } = setup();
    expect(offer(report(-60, reading(1, false)))).toBe('send');
    expect(offer(report(-60, reading(1, false)))).toBe('skip');
    advance(200);
    expect(offer(report(-55, reading(1.5, false)))).toBe('later');
    expect(throttle.retryInMs()).toBe(SNAPSHOT_MIN_INTERVAL_MS - 200);
    advance(SNAPSHOT_MIN_INTERVAL_MS - 200);
    expect(offer(report(-55, reading(1.5, false)))).toBe('send');
  });

  it('sends a cry onset at once, inside the interval', () => {
    const { advance, offer } = setup();
    expect(offer(report(-60, reading(1, false)))).toBe('send');
    advance(50);
    expect(offer(report(-20, reading(1.5, true)))).toBe('send');
    advance(50);
    expect(offer(report(-21, reading(2, true)))).toBe('later');
  });

  it('the urgent key changes with crying, an episode, the microphone and saving, not with the level', () => {
    const quiet = report(-60, reading(1, false));
    expect(urgentKey(report(-20, reading(9, false)))).toBe(urgentKey(quiet));
    expect(urgentKey(report(-60, reading(1, true)))).not.toBe(urgentKey(quiet));
    const micLost = { ...quiet, session: { ...quiet.session, listening: { ...quiet.session.listening, problem: { code: 'microphone-lost' as const, message: 'Microphone lost', action: 'Start again' } } } };
    expect(urgentKey(micLost)).not.toBe(urgentKey(quiet));
    const notSaving = { ...quiet, session: { ...quiet.session, logging: { ...quiet.session.logging, enabled: false } } };
    expect(urgentKey(notSaving)).not.toBe(urgentKey(quiet));
  });

  it('after reset (a new connection) everything is sent again', () => {
    const { throttle, offer } = setup();
    expect(offer(report(-60, reading(1, false)))).toBe('send');
    throttle.reset();
    expect(offer(report(-60, reading(1, false)))).toBe('send');
  });
});
