/**
 * Cuts a stream of samples, arriving in chunks of any size, into stretches that hold whole
 * analysis frames on one global hop grid: frame k of the stream always starts at sample k·hop.
 * Each stretch can go through the batch log-Mel code as is, and its frames are exactly the
 * frames a batch analysis of the whole stream would produce (frames are not centred or padded).
 */

/** A stretch of the stream holding `frameCount` whole frames, the first being stream frame `firstFrameIndex`. */
export interface FrameStretch {
  samples: Float32Array;
  frameCount: number;
  firstFrameIndex: number;
  /** The stream sample just before `samples` (0 at the start), for filters with memory such as pre-emphasis. */
  previousSample: number;
}

export interface StreamingFramer {
  /** Adds samples; returns the new whole frames' stretch, or null when no frame is complete yet. */
  push(samples: Float32Array): FrameStretch | null;
}

export function createStreamingFramer(frameLengthSamples: number, hopLengthSamples: number): StreamingFramer {
  if (!Number.isInteger(frameLengthSamples) || !Number.isInteger(hopLengthSamples) || frameLengthSamples <= 0 || hopLengthSamples <= 0) {
    throw new RangeError(`Frame length and hop must be positive integers (got ${frameLengthSamples}, ${hopLengthSamples}).`);
  }
  if (hopLengthSamples > frameLengthSamples) {
    throw new RangeError('A hop longer than the frame would skip samples; use hop ≤ frame length.');
  }
  /** Samples from the start of the next frame onwards. */
  let pending = new Float32Array(0);
  let nextFrameIndex = 0;
  /** The stream sample just before `pending`. */
  let previousSample = 0;

  return {
    push(samples) {
      const joined = new Float32Array(pending.length + samples.length);
      joined.set(pending);
      joined.set(samples, pending.length);
      if (joined.length < frameLengthSamples) {
        pending = joined;
        return null;
      }
      const frameCount = 1 + Math.floor((joined.length - frameLengthSamples) / hopLengthSamples);
      const stretch: FrameStretch = {
        samples: joined.slice(0, (frameCount - 1) * hopLengthSamples + frameLengthSamples),
        frameCount,
        firstFrameIndex: nextFrameIndex,
        previousSample,
      };
      const consumed = frameCount * hopLengthSamples;
      previousSample = joined[consumed - 1]!;
      pending = joined.slice(consumed);
      nextFrameIndex += frameCount;
      return stretch;
    },
  };
}
