/**
 * Band-limited resampling (J. O. Smith, "Digital Audio Resampling Home Page": windowed-sinc
 * interpolation). The low-pass sits below the lower Nyquist rate, so downsampling to 8 kHz
 * removes everything above 4 kHz instead of folding it back as aliases: the models must never
 * learn a microphone's bandwidth.
 */

/** Sinc zero crossings on each side of the kernel: 32 gives ≈ 80 dB stop-band with KAISER_BETA. */
const ZERO_CROSSINGS = 32;
/** Kaiser window shape; 8 trades a ≈ 600 Hz transition band (at 8 kHz out) for ≈ 80 dB rejection. */
const KAISER_BETA = 8;
/** Cut-off as a fraction of the lower Nyquist rate: 0.92 at 8 kHz out puts it at 3680 Hz. */
const ROLLOFF = 0.92;
/** Kernel table points per zero crossing; linear interpolation between them. */
const TABLE_RESOLUTION = 512;

function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  const quarterSquare = (x * x) / 4;
  for (let k = 1; k < 50; k++) {
    term *= quarterSquare / (k * k);
    sum += term;
    if (term < sum * 1e-12) break;
  }
  return sum;
}

// Kernel in units of zero crossings, u ∈ [0, ZERO_CROSSINGS]: sinc(u)·kaiser(u / ZERO_CROSSINGS).
const kernelTable: Float64Array = (() => {
  const size = ZERO_CROSSINGS * TABLE_RESOLUTION + 2;
  const table = new Float64Array(size);
  const norm = besselI0(KAISER_BETA);
  for (let i = 0; i < size; i++) {
    const u = i / TABLE_RESOLUTION;
    const ratio = Math.min(1, u / ZERO_CROSSINGS);
    const kaiser = besselI0(KAISER_BETA * Math.sqrt(1 - ratio * ratio)) / norm;
    const sinc = u === 0 ? 1 : Math.sin(Math.PI * u) / (Math.PI * u);
    table[i] = u >= ZERO_CROSSINGS ? 0 : sinc * kaiser;
  }
  return table;
})();

function kernelAt(u: number): number {
  const position = Math.abs(u) * TABLE_RESOLUTION;
  const index = Math.floor(position);
  if (index >= kernelTable.length - 1) return 0;
  const fraction = position - index;
  return kernelTable[index]! + fraction * (kernelTable[index + 1]! - kernelTable[index]!);
}

export interface StreamingResampler {
  /** Feeds input samples; returns every output sample that is now fully determined. */
  process(chunk: Float32Array): Float32Array;
  /** Ends the stream (zeros after the last input) and returns the remaining output samples. */
  flush(): Float32Array;
}

/**
 * A stateful resampler for live audio: feeding a signal in chunks of any size gives exactly the
 * samples `resample` gives for the whole signal.
 */
export function createStreamingResampler(fromRateHz: number, toRateHz: number): StreamingResampler {
  if (!(fromRateHz > 0) || !(toRateHz > 0)) throw new RangeError('resampler: sample rates must be positive');
  const identity = fromRateHz === toRateHz;
  /** Cut-off in cycles per input sample. */
  const cutoff = 0.5 * ROLLOFF * Math.min(1, toRateHz / fromRateHz);
  /** Kernel half-width in input samples. */
  const halfWidth = ZERO_CROSSINGS / (2 * cutoff);
  const gain = 2 * cutoff;

  let buffer = new Float32Array(0);
  let bufferStart = 0; // absolute input index of buffer[0]
  let received = 0;
  let nextOutput = 0;

  const inputTimeOf = (n: number): number => (n * fromRateHz) / toRateHz;

  function outputAt(n: number): number {
    const t = inputTimeOf(n);
    const first = Math.max(bufferStart, Math.ceil(t - halfWidth));
    const last = Math.min(received - 1, Math.floor(t + halfWidth));
    let sum = 0;
    for (let k = first; k <= last; k++) sum += buffer[k - bufferStart]! * kernelAt((t - k) * 2 * cutoff);
    return sum * gain;
  }

  function emit(limit: (n: number) => boolean): Float32Array {
    const out: number[] = [];
    while (limit(nextOutput)) {
      out.push(outputAt(nextOutput));
      nextOutput++;
    }
    // Drop input no future output can reach.
    const keepFrom = Math.max(bufferStart, Math.ceil(inputTimeOf(nextOutput) - halfWidth));
    if (keepFrom > bufferStart) {
      buffer = buffer.slice(Math.min(buffer.length, keepFrom - bufferStart));
      bufferStart = Math.min(keepFrom, received);
    }
    return Float32Array.from(out);
  }

  return {
    process(chunk) {
      if (identity) {
        received += chunk.length;
        return chunk.slice();
      }
      const grown = new Float32Array(buffer.length + chunk.length);
      grown.set(buffer);
      grown.set(chunk, buffer.length);
      buffer = grown;
      received += chunk.length;
      return emit((n) => Math.floor(inputTimeOf(n) + halfWidth) < received);
    },
    flush() {
      if (identity) return new Float32Array(0);
      const total = Math.round((received * toRateHz) / fromRateHz);
      return emit((n) => n < total);
    },
  };
}

/** Resamples a whole signal; the output has round(length · to / from) samples. */
export function resample(input: Float32Array, fromRateHz: number, toRateHz: number): Float32Array {
  if (fromRateHz === toRateHz) return input.slice();
  const resampler = createStreamingResampler(fromRateHz, toRateHz);
  const head = resampler.process(input);
  const tail = resampler.flush();
  const out = new Float32Array(head.length + tail.length);
  out.set(head);
  out.set(tail, head.length);
  return out;
}
