import { describe, expect, it } from 'vitest';
import type { NeedProbabilities } from '../domain/needs.ts';
import { MonitorEngine, monitorConfig, type MonitorUpdate } from './monitor-engine.ts';

const HOP_SECONDS = 0.5;
const HUNGRY: NeedProbabilities = [0.1, 0.7, 0.1, 0.1];
const TIRED: NeedProbabilities = [0.1, 0.1, 0.1, 0.7];

function feed(engine: MonitorEngine, cry: readonly number[], startIndex = 0, needs: NeedProbabilities | null = HUNGRY): MonitorUpdate[] {
  return cry.map((p, i) => engine.ingestAudio({ timeSeconds: (startIndex + i) * HOP_SECONDS, cryProbability: p, needProbabilities: needs }));
}

describe('MonitorEngine', () => {
  it('is listening during silence even though the audio model always outputs needs', () => {
    const updates = feed(new MonitorEngine(), [0, 0.1, 0.05, 0]);
    for (const u of updates) {
      expect(u.snapshot.crying).toBe(false);
      expect(u.snapshot.fusion.status).toBe('listening');
      expect(u.snapshot.needProbabilities).toBeNull();
      expect(u.snapshot.assessment).toBeNull();
    }
  });

  it('shows a need once the smoothed cry crosses the threshold, then opens and closes an episode', () => {
    const engine = new MonitorEngine(monitorConfig({ cryThreshold: 0.5, notSureThreshold: 0.5 }));
    const updates = feed(engine, [0, 0, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, ...Array.from({ length: 26 }, () => 0)]);
    const firstNeed = updates.findIndex((u) => u.snapshot.assessment !== null);
    expect(firstNeed).toBe(3); // (0 + 0.95 + 0.95) / 3 ≥ 0.5 at the second crying window
    expect(updates[firstNeed]?.snapshot.assessment).toMatchObject({ topNeed: 'hunger', notSure: false });
    expect(updates[firstNeed]?.snapshot.contributed).toEqual(['audio']);
    const events = updates.flatMap((u) => (u.event ? [u.event.type] : []));
    expect(events).toEqual(['started', 'ended']);
    expect(updates.at(-1)?.snapshot.episode).toBeNull();
  });

  it('fuses a fresh informed face and ignores it once stale or cleared', () => {
    const engine = new MonitorEngine();
    feed(engine, [0.9, 0.9]);
    engine.ingestFace({ timeSeconds: 1, faceVisible: true, needProbabilities: TIRED });
    const fused = engine.ingestAudio({ timeSeconds: 1, cryProbability: 0.9, needProbabilities: HUNGRY });
    expect(fused.snapshot.fusion.status === 'estimate' && fused.snapshot.fusion.contributed).toEqual(['audio', 'face']);
    expect(fused.snapshot.face).toEqual({ visible: true, informed: true });
    const stale = engine.ingestAudio({ timeSeconds: 3, cryProbability: 0.9, needProbabilities: HUNGRY });
    expect(stale.snapshot.fusion.status === 'estimate' && stale.snapshot.fusion.contributed).toEqual(['audio']);
    expect(stale.snapshot.face).toBeNull();
    engine.ingestFace({ timeSeconds: 3.5, faceVisible: true, needProbabilities: TIRED });
    engine.clearFace();
    const cleared = engine.ingestAudio({ timeSeconds: 3.5, cryProbability: 0.9, needProbabilities: HUNGRY });
    expect(cleared.snapshot.fusion.status === 'estimate' && cleared.snapshot.fusion.contributed).toEqual(['audio']);
  });

  it('reports a visible but uninformed face without letting it vote', () => {
    const engine = new MonitorEngine();
    engine.ingestFace({ timeSeconds: 0, faceVisible: true, needProbabilities: null });
    const [u] = feed(engine, [0.9]);
    expect(u?.snapshot.face).toEqual({ visible: true, informed: false });
    expect(u?.snapshot.fusion.status === 'estimate' && u.snapshot.fusion.contributed).toEqual(['audio']);
  });

  it('shows no need after a burst too short to open an episode', () => {
    const engine = new MonitorEngine();
    const updates = feed(engine, [0, 0.95, 0.95, 0, 0, 0, 0]);
    expect(updates[2]?.snapshot.assessment?.topNeed).toBe('hunger');
    expect(updates.every((u) => u.event === null)).toBe(true);
    // Smoothed needs would linger 3 s; once not crying and with no episode, nothing is shown.
    expect(updates[4]?.snapshot.crying).toBe(false);
    expect(updates[4]?.snapshot.assessment).toBeNull();
  });

  it('keeps showing the episode need through a pause for breath', () => {
    const engine = new MonitorEngine();
    const updates = feed(engine, [0.95, 0.95, 0.95, 0.95, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const pause = updates[12]?.snapshot;
    expect(pause?.crying).toBe(false);
    expect(pause?.episode).not.toBeNull();
    expect(pause?.assessment?.topNeed).toBe('hunger');
  });

  it('closes the open episode on stop so it can be saved', () => {
    const engine = new MonitorEngine();
    feed(engine, [0.9, 0.9, 0.9, 0.9]);
    const event = engine.stop();
    expect(event?.type).toBe('ended');
    expect(event?.summary.topNeed).toBe('hunger');
    expect(engine.stop()).toBeNull();
  });
});
