// Twiddle factors per FFT size: computing cos/sin inside the butterflies dominated the cost.
const twiddleCache = new Map<number, { cos: Float64Array; sin: Float64Array }>();

function twiddles(n: number): { cos: Float64Array; sin: Float64Array } {
  let table = twiddleCache.get(n);
  if (!table) {
    const half = n >> 1;
    table = { cos: new Float64Array(half), sin: new Float64Array(half) };
    for (let k = 0; k < half; k++) {
      table.cos[k] = Math.cos((-2 * Math.PI * k) / n);
      table.sin[k] = Math.sin((-2 * Math.PI * k) / n);
    }
    twiddleCache.set(n, table);
  }
  return table;
}

/**
 * In-place iterative radix-2 Cooley–Tukey FFT on separate real and imaginary arrays.
 * Pure and allocation-free so the worker can run it per frame without garbage.
 */
export function fftInPlace(real: Float64Array, imag: Float64Array): void {
  const n = real.length;
  if (n !== imag.length) throw new RangeError('fftInPlace: real and imag lengths differ');
  if (n === 0 || (n & (n - 1)) !== 0) throw new RangeError(`fftInPlace: length ${n} is not a power of two`);

  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      const tr = real[i]!;
      real[i] = real[j]!;
      real[j] = tr;
      const ti = imag[i]!;
      imag[i] = imag[j]!;
      imag[j] = ti;
    }
  }

  const { cos, sin } = twiddles(n);
  for (let size = 2; size <= n; size <<= 1) {
    const half = size >> 1;
    const stride = n / size;
    for (let start = 0; start < n; start += size) {
      for (let k = 0; k < half; k++) {
        const wr = cos[k * stride]!;
        const wi = sin[k * stride]!;
        const a = start + k;
        const b = a + half;
        const br = real[b]! * wr - imag[b]! * wi;
        const bi = real[b]! * wi + imag[b]! * wr;
        real[b] = real[a]! - br;
        imag[b] = imag[a]! - bi;
        real[a] = real[a]! + br;
        imag[a] = imag[a]! + bi;
      }
    }
  }
}
