import { describe, expect, it } from 'vitest';
import { isCurrentReply, type AudioWorkerEvent } from './audio-worker-messages.ts';

const frames = (id: number): AudioWorkerEvent => ({
  type: 'spectrogram',
  id,
  frames: new Float32Array(40),
  frameCount: 1,
  skippedFrameCount: 0,
  melBands: 40,
  levelDbfs: -30,
  timeSeconds: 1,
});

describe('isCurrentReply', () => {
  it('keeps replies to the current request and drops stale ones', () => {
    expect(isCurrentReply(frames(3), 3)).toBe(true);
    expect(isCurrentReply(frames(2), 3)).toBe(false);
  });

  it('drops everything once no request is current (after Stop)', () => {
    expect(isCurrentReply(frames(3), null)).toBe(false);
  });
});
