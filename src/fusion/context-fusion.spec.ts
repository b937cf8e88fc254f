import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { NeedProbabilities } from '../domain/needs.ts';
import {
  audioNeedInformedness,
  contextInformedness,
  contextVote,
  CONTEXT_WARMUP_EPISODES,
  fuseSources,
  wilsonInterval,
} from './context-fusion.ts';

const HUNGRY: NeedProbabilities = [0.1, 0.7, 0.1, 0.1];
const FLAT: NeedProbabilities = [0.3, 0.2, 0.3, 0.2];
const metrics = (low: number, high: number): unknown => ({
  quantized: { need: { pooledCi: { balancedAccuracy: { value: (low + high) / 2, ci: { low, high } } } } },
});

describe('audio need informedness', () => {
  it('leaves the shipped audio need head out: its by-baby CI includes chance', () => {
    const shipped: unknown = JSON.parse(readFileSync('public/models/audio/metrics.json', 'utf8'));
    const judged = audioNeedInformedness(shipped);
    expect(judged.informed).toBe(false);
    expect(judged.why).toContain('includes chance');
  });

  it('lets a future model whose CI is above chance in by itself', () => {
    expect(audioNeedInformedness(metrics(0.31, 0.45)).informed).toBe(true);
    expect(audioNeedInformedness(metrics(0.2, 0.45)).informed).toBe(false);
  });

  it('keeps the head out when the model card has no by-baby figure', () => {
    expect(audioNeedInformedness({}).informed).toBe(false);
    expect(audioNeedInformedness({ float: { need: { pooledCi: { balancedAccuracy: { value: 'x' } } } } }).informed).toBe(false);
  });
});

describe('context informedness', () => {
  it('stands on the age guidance during the warm-up, then on its own record', () => {
    expect(contextInformedness({ episodes: 3, modelHits: 0 }).informed).toBe(true);
    expect(contextInformedness({ episodes: CONTEXT_WARMUP_EPISODES, modelHits: 2 }).informed).toBe(false);
    expect(contextInformedness({ episodes: 20, modelHits: 15 }).informed).toBe(true);
  });

  it('computes a Wilson interval that brackets the rate', () => {
    const { low, high } = wilsonInterval(15, 20);
    expect(low).toBeGreaterThan(0.5);
    expect(low).toBeLessThan(0.75);
    expect(high).toBeGreaterThan(0.75);
    expect(high).toBeLessThan(0.95);
  });
});

describe('fusion with context', () => {
  const audioOut = audioNeedInformedness(metrics(0.13, 0.34));

  it('uses context alone when the audio need head is uninformed, and records why audio was left out', () => {
    const fused = fuseSources(
      { audio: { present: true, needProbabilities: FLAT }, context: contextVote({ needProbabilities: HUNGRY, noLog: false }) },
      { audio: audioOut, context: contextInformedness({ episodes: 0, modelHits: 0 }) },
    );
    expect(fused.status).toBe('estimate');
    if (fused.status !== 'estimate') return;
    expect(fused.contributed).toEqual(['context']);
    expect(fused.needProbabilities).toEqual(HUNGRY);
    expect(fused.leftOut.map((l) => l.source)).toEqual(['audio']);
    expect(fused.leftOut[0]?.why).toContain('includes chance');
  });

  it('averages informed sources in order audio, face, context', () => {
    const fused = fuseSources(
      { audio: { present: true, needProbabilities: FLAT }, context: { present: true, needProbabilities: HUNGRY } },
      { audio: { informed: true, why: '' } },
    );
    expect(fused.status === 'estimate' && fused.contributed).toEqual(['audio', 'context']);
    if (fused.status !== 'estimate') return;
    expect(fused.needProbabilities[1]).toBeCloseTo(0.45, 9);
  });

  it('an empty care log is present but uninformed: nothing to fuse', () => {
    const vote = contextVote({ needProbabilities: FLAT, noLog: true });
    expect(vote).toEqual({ present: true, needProbabilities: null });
    expect(fuseSources({ context: vote }, {}).status).toBe('listening');
    expect(contextVote(null).present).toBe(false);
  });

  it('rejects an invalid vector with a reason instead of averaging it', () => {
    const fused = fuseSources({ context: { present: true, needProbabilities: [Number.NaN, 0.5, 0.25, 0.25] } }, {});
    expect(fused.status).toBe('listening');
    expect(fused.leftOut[0]?.source).toBe('context');
  });
});
