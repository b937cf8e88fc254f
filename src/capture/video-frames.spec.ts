import { describe, expect, it } from 'vitest';
import { mayHoldPictures } from './video-frames.ts';

describe('mayHoldPictures', () => {
  it('looks for pictures in a video file, by its type or, without one, by its name', () => {
    expect(mayHoldPictures({ name: 'clip.bin', type: 'video/webm' })).toBe(true);
    expect(mayHoldPictures({ name: 'CLIP.MOV', type: '' })).toBe(true);
    expect(mayHoldPictures({ name: 'clip.mp4', type: '' })).toBe(true);
  });

  it('does not look for pictures in a sound file', () => {
    expect(mayHoldPictures({ name: 'cry.wav', type: 'audio/wav' })).toBe(false);
    expect(mayHoldPictures({ name: 'cry.webm', type: 'audio/webm' })).toBe(false);
    expect(mayHoldPictures({ name: 'cry.m4a', type: '' })).toBe(false);
  });
});
