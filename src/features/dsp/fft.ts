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

  for (let size = 2; size <= n; size <<= 1) {
    const half = size >> 1;
    const step = (-2 * Math.PI) / size;
    for (let start = 0; start < n; start += size) {
      for (let k = 0; k < half; k++) {
        const angle = step * k;
        const wr = Math.cos(angle);
        const wi = Math.sin(angle);
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
