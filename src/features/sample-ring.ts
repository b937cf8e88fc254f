/**
 * A fixed-capacity ring of the most recent samples, so the live analysis can take "the last
 * 2 s" at any moment without keeping the whole session in memory.
 */
export interface SampleRing {
  readonly capacity: number;
  /** Number of samples held (grows up to capacity). */
  readonly size: number;
  push(samples: Float32Array): void;
  /**
   * The `count` samples that end `skipNewest` samples before the newest, oldest first, as a new
   * array; null if fewer are held.
   */
  latest(count: number, skipNewest?: number): Float32Array | null;
}

export function createSampleRing(capacity: number): SampleRing {
  if (!Number.isInteger(capacity) || capacity <= 0) throw new RangeError(`Ring capacity must be a positive integer (got ${capacity}).`);
  const buffer = new Float32Array(capacity);
  /** Index where the next sample goes. */
  let writeIndex = 0;
  let size = 0;

  return {
    capacity,
    get size() {
      return size;
    },
    push(samples) {
      // Only the newest `capacity` samples can survive, so skip the rest up front.
      const kept = samples.length > capacity ? samples.subarray(samples.length - capacity) : samples;
      const firstPart = Math.min(kept.length, capacity - writeIndex);
      buffer.set(kept.subarray(0, firstPart), writeIndex);
      buffer.set(kept.subarray(firstPart), 0);
      writeIndex = (writeIndex + kept.length) % capacity;
      size = Math.min(capacity, size + kept.length);
    },
    latest(count, skipNewest = 0) {
      if (!Number.isInteger(count) || count < 0) throw new RangeError(`Sample count must be a non-negative integer (got ${count}).`);
      if (!Number.isInteger(skipNewest) || skipNewest < 0) throw new RangeError(`Skipped samples must be a non-negative integer (got ${skipNewest}).`);
      if (count + skipNewest > size) return null;
      const out = new Float32Array(count);
      const start = (((writeIndex - skipNewest - count) % capacity) + capacity) % capacity;
      const firstPart = Math.min(count, capacity - start);
      out.set(buffer.subarray(start, start + firstPart));
      out.set(buffer.subarray(0, count - firstPart), firstPart);
      return out;
    },
  };
}
