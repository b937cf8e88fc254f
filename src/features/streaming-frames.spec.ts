import { describe, expect, it } from 'vitest';
import { createStreamingFramer } from './streaming-frames.ts';

const FRAME = 256;
const HOP = 128;

function rampSignal(length: number): Float32Array {
  return Float32Array.from({ length }, (_, i) => i);
}

/** Splits a signal into chunks of the given sizes, cycling through them. */
function chunked(signal: Float32Array, sizes: readonly number[]): Float32Array[] {
  const chunks: Float32Array[] = [];
  for (let start = 0, k = 0; start < signal.length; k++) {
    const size = sizes[k % sizes.length]!;
    chunks.push(signal.slice(start, start + size));
    start += size;
  }
  return chunks;
}

describe('createStreamingFramer', () => {
  it('yields every whole frame of the stream exactly once, on the batch hop grid, whatever the chunk sizes', () => {
    const signal = rampSignal(5000);
    const batchFrameCount = 1 + Math.floor((signal.length - FRAME) / HOP);
    for (const sizes of [[1], [37, 300, 5], [128], [4096], [255, 257]]) {
      const framer = createStreamingFramer(FRAME, HOP);
      let seenFrames = 0;
      for (const chunk of chunked(signal, sizes)) {
        const stretch = framer.push(chunk);
        if (!stretch) continue;
        expect(stretch.firstFrameIndex).toBe(seenFrames);
        const stretchStart = stretch.firstFrameIndex * HOP;
        expect(stretch.previousSample).toBe(stretchStart === 0 ? 0 : signal[stretchStart - 1]);
        expect(stretch.samples.length).toBe((stretch.frameCount - 1) * HOP + FRAME);
        for (let k = 0; k < stretch.frameCount; k++) {
          const streamed = stretch.samples.subarray(k * HOP, k * HOP + FRAME);
          const batchStart = (stretch.firstFrameIndex + k) * HOP;
          expect(streamed).toEqual(signal.subarray(batchStart, batchStart + FRAME));
        }
        seenFrames += stretch.frameCount;
      }
      expect(seenFrames).toBe(batchFrameCount);
    }
  });

  it('returns null until a whole frame has arrived', () => {
    const framer = createStreamingFramer(FRAME, HOP);
    expect(framer.push(new Float32Array(FRAME - 1))).toBeNull();
    expect(framer.push(new Float32Array(1))?.frameCount).toBe(1);
    expect(framer.push(new Float32Array(HOP - 1))).toBeNull();
  });

  it('rejects a frame or hop that cannot frame a signal', () => {
    expect(() => createStreamingFramer(0, 128)).toThrow(RangeError);
    expect(() => createStreamingFramer(256, 1.5)).toThrow(RangeError);
    expect(() => createStreamingFramer(128, 256)).toThrow(/skip samples/);
  });
});
