import { describe, expect, it } from 'vitest';
import type { NeedProbabilities } from '../domain/needs.ts';
import { fuse } from './fuse.ts';

const AUDIO: NeedProbabilities = [0.1, 0.6, 0.2, 0.1];
const FACE: NeedProbabilities = [0.5, 0.1, 0.3, 0.1];

describe('fuse', () => {
  it('averages the vectors of present, informed modalities', () => {
    const result = fuse({ audio: { present: true, needProbabilities: AUDIO }, face: { present: true, needProbabilities: FACE } });
    expect(result.status).toBe('estimate');
    if (result.status !== 'estimate') return;
    expect(result.contributed).toEqual(['audio', 'face']);
    const expected = [0.3, 0.35, 0.25, 0.1];
    result.needProbabilities.forEach((p, i) => expect(p).toBeCloseTo(expected[i] ?? Number.NaN, 12));
    expect(result.perModality).toEqual({ audio: AUDIO, face: FACE });
  });

  it('leaves out an uninformed face instead of averaging in a guess', () => {
    const result = fuse({ audio: { present: true, needProbabilities: AUDIO }, face: { present: true, needProbabilities: null } });
    expect(result).toEqual({ status: 'estimate', needProbabilities: AUDIO, contributed: ['audio'], perModality: { audio: AUDIO } });
  });

  it('uses the face alone when no cry is detected but a face head is informed', () => {
    const result = fuse({ audio: { present: false, needProbabilities: AUDIO }, face: { present: true, needProbabilities: FACE } });
    expect(result.status === 'estimate' && result.contributed).toEqual(['face']);
    expect(result.status === 'estimate' && result.needProbabilities).toEqual(FACE);
  });

  it('is "listening" when no modality is present and informed', () => {
    expect(fuse({}).status).toBe('listening');
    expect(fuse({ audio: { present: false, needProbabilities: AUDIO } }).status).toBe('listening');
    expect(fuse({ audio: { present: true, needProbabilities: null }, face: { present: false, needProbabilities: FACE } }).status).toBe('listening');
  });

  it('treats a vector with NaN or out-of-range entries as uninformed', () => {
    const broken: NeedProbabilities = [Number.NaN, 0.5, 0.25, 0.25];
    const result = fuse({ audio: { present: true, needProbabilities: broken }, face: { present: true, needProbabilities: FACE } });
    expect(result.status === 'estimate' && result.contributed).toEqual(['face']);
    expect(fuse({ audio: { present: true, needProbabilities: [1.5, 0, 0, 0] } }).status).toBe('listening');
  });
});
