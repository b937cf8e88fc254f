import { describe, expect, it } from 'vitest';
import type { FaceSummary } from '../../fusion/face-summary.ts';
import { faceShortText, faceSpansText, faceSummaryText, sensesUsedText } from './face-text.ts';

const SEEN: FaceSummary = { frames: 10, faceVisibleFrames: 8, status: 'face-visible', meanDistressScore: 0.234, needProbabilities: null };
const UNSEEN: FaceSummary = { frames: 4, faceVisibleFrames: 0, status: 'no-face', meanDistressScore: null, needProbabilities: null };
const NEED = [0.1, 0.7, 0.1, 0.1] as const;

describe('faceSummaryText', () => {
  it('says how often a face was seen, and its distress hint', () => {
    expect(faceSummaryText(SEEN)).toBe('face visible in 8 of 10 pictures, distress 23%');
    expect(faceSummaryText(UNSEEN)).toBe('no face visible (face readable in 0 of 4 pictures)');
    expect(faceSummaryText(null)).toBe('no pictures');
    expect(faceShortText(SEEN)).toBe('face');
    expect(faceShortText({ ...UNSEEN, status: 'too-dark' })).toBe('too dark');
  });

  it('puts the face lane in words', () => {
    expect(faceSpansText([{ startSeconds: 0, endSeconds: 8.2, status: 'face-visible' }, { startSeconds: 8.2, endSeconds: 12, status: 'no-face' }])).toBe(
      'face visible 0:00–0:08; no face visible 0:08–0:12',
    );
  });
});

describe('sensesUsedText', () => {
  it('names the sound alone for a sound file or unreadable pictures', () => {
    expect(sensesUsedText({ contributed: ['audio'], face: null, needProbabilities: [...NEED] }, null)).toBe('Senses used: sound (a sound file has no pictures).');
    expect(sensesUsedText({ contributed: ['audio'], face: null, needProbabilities: [...NEED] }, { frames: 0, hasNeedHead: false, note: 'x' })).toContain('sound only');
  });

  it('says an uninformed face was looked at but left out of the need', () => {
    const text = sensesUsedText({ contributed: ['audio'], face: SEEN, needProbabilities: [...NEED] }, { frames: 10, hasNeedHead: false, note: null });
    expect(text).toBe(
      'Senses used: sound and pictures (a face was readable in 8 of 10 pictures). The face says nothing about needs (no face need model is installed), so the need comes from the sound alone.',
    );
  });

  it('says when the face took part in the need, and nothing about a need when there is none', () => {
    expect(sensesUsedText({ contributed: ['audio', 'face'], face: SEEN, needProbabilities: [...NEED] }, { frames: 10, hasNeedHead: true, note: null })).toContain(
      'The need combines the sound and the face.',
    );
    expect(sensesUsedText({ contributed: [], face: UNSEEN, needProbabilities: null }, { frames: 4, hasNeedHead: false, note: null })).toBe(
      'Senses used: sound and pictures (no face was readable in any of the 4 pictures).',
    );
  });
});
