import { describe, expect, it } from 'vitest';
import type { NeedProbabilities } from '../domain/needs.ts';
import { episodeConfig, finishEpisode, INITIAL_EPISODE_STATE, stepEpisode, type EpisodeEvent, type EpisodeState, type EpisodeStep } from './episodes.ts';
import { fuse } from './fuse.ts';

const HOP_SECONDS = 0.5;
const HUNGRY: NeedProbabilities = [0.1, 0.7, 0.1, 0.1];
const PAIN: NeedProbabilities = [0.1, 0.2, 0.6, 0.1];
const config = episodeConfig(0.5, 0.5);

function step(index: number, smoothed: number, audio: NeedProbabilities | null = HUNGRY, face: NeedProbabilities | null = null): EpisodeStep {
  return {
    timeSeconds: index * HOP_SECONDS,
    cryProbability: smoothed,
    smoothedCryProbability: smoothed,
    fusion: fuse({
      audio: { present: smoothed >= config.cryThreshold, needProbabilities: audio },
      face: { present: face !== null, needProbabilities: face },
    }),
  };
}

/** Runs a scripted sequence and returns the events with the index of the step that raised them. */
function run(steps: readonly EpisodeStep[]): { events: { at: number; event: EpisodeEvent }[]; state: EpisodeState } {
  let state = INITIAL_EPISODE_STATE;
  const events: { at: number; event: EpisodeEvent }[] = [];
  steps.forEach((s, at) => {
    const t = stepEpisode(state, s, config);
    state = t.state;
    if (t.event) events.push({ at, event: t.event });
  });
  return { events, state };
}

const repeat = (n: number, p: number): number[] => Array.from({ length: n }, () => p);

describe('stepEpisode', () => {
  it('opens after the minimum onset and closes after the quiet gap', () => {
    const script = [...repeat(4, 0), ...repeat(10, 0.9), ...repeat(25, 0.05)];
    const { events, state } = run(script.map((p, i) => step(i, p)));
    expect(events.map((e) => [e.event.type, e.at])).toEqual([
      ['started', 6], // first above at index 4 (t = 2 s); 1 s later at index 6
      ['ended', 33], // last crying at index 13 (t = 6.5 s); 10 s later at index 33
    ]);
    const ended = events[1]?.event.summary;
    expect(ended).toMatchObject({ startSeconds: 2, endSeconds: 6.5, durationSeconds: 4.5, peakCryProbability: 0.9, topNeed: 'hunger', notSure: false, contributed: ['audio'] });
    expect(ended?.confidence).toBeCloseTo(0.7, 12);
    expect(state.phase).toBe('quiet');
  });

  it('ignores a burst shorter than the onset time', () => {
    const { events } = run([0, 0.9, 0.9, 0, 0, 0.9, 0].map((p, i) => step(i, p)));
    expect(events).toEqual([]);
  });

  it('keeps one episode through pauses shorter than the gap and through hysteresis', () => {
    const script = [...repeat(6, 0.9), ...repeat(8, 0.1), ...repeat(4, 0.9), ...repeat(10, 0.4), ...repeat(21, 0.1)];
    const { events } = run(script.map((p, i) => step(i, p)));
    expect(events.map((e) => e.event.type)).toEqual(['started', 'ended']);
    // 0.4 is under the 0.5 onset threshold but over the 0.35 release threshold: still crying.
    expect(events[1]?.event.summary.endSeconds).toBe((6 + 8 + 4 + 10 - 1) * HOP_SECONDS);
  });

  it('splits bouts separated by more than the quiet gap', () => {
    const script = [...repeat(4, 0.9), ...repeat(22, 0), ...repeat(4, 0.9), ...repeat(22, 0)];
    const { events } = run(script.map((p, i) => step(i, p)));
    expect(events.map((e) => e.event.type)).toEqual(['started', 'ended', 'started', 'ended']);
  });

  it('averages fused needs over the episode and records every contributing sense', () => {
    const steps = [step(0, 0.9, HUNGRY), step(1, 0.9, HUNGRY), step(2, 0.9, PAIN, PAIN), step(3, 0.9, PAIN, PAIN)];
    const { state } = run(steps);
    const ended = finishEpisode(state, config);
    expect(ended?.type).toBe('ended');
    const s = ended?.summary;
    expect(s?.contributed).toEqual(['audio', 'face']);
    expect(s?.needProbabilities?.[1]).toBeCloseTo((0.7 + 0.7 + 0.2 + 0.2) / 4, 12);
    expect(s?.perModality.face).toEqual(PAIN);
    expect(s?.perModality.audio?.[2]).toBeCloseTo(0.35, 12);
    // hunger 0.45, pain 0.35: below 0.5, so not sure, with both candidates.
    expect(s?.notSure).toBe(true);
    expect(s?.candidates.map((c) => c.need)).toEqual(['hunger', 'pain']);
  });

  it('reports "not sure" with no need when no sense had a need estimate', () => {
    const { events } = run([...repeat(4, 0.9), ...repeat(21, 0)].map((p, i) => step(i, p, null)));
    const ended = events.find((e) => e.event.type === 'ended')?.event.summary;
    expect(ended).toMatchObject({ needProbabilities: null, topNeed: null, confidence: null, notSure: true, contributed: [], candidates: [] });
  });

  it('closes an open episode on stop and drops an unconfirmed candidate', () => {
    const open = run([0.9, 0.9, 0.9].map((p, i) => step(i, p))).state;
    expect(finishEpisode(open, config)?.summary.durationSeconds).toBe(1);
    const candidate = run([0.9, 0.9].map((p, i) => step(i, p))).state;
    expect(candidate.phase).toBe('quiet');
    expect(finishEpisode(candidate, config)).toBeNull();
  });
});
