import { describe, expect, it } from 'vitest';
import { classifyFace, laplacianVariance, lumaOf, mean, MIN_MEAN_LUMA, normalizedSharpness, type FaceQuality } from './face-quality.ts';

const good: FaceQuality = { detectionScore: 0.9, faceSizeFraction: 0.4, meanLuma: 120, sharpness: 300 };

describe('lumaOf', () => {
  it('weights R, G and B by Rec. 601 and skips alpha', () => {
    expect(Array.from(lumaOf([255, 0, 0, 9, 0, 255, 0, 9, 0, 0, 255, 9], 4)).map((v) => Math.round(v))).toEqual([76, 150, 29]);
    expect(lumaOf([255, 255, 255], 3)[0]).toBeCloseTo(255, 3);
  });
});

describe('laplacianVariance', () => {
  it('is zero on a flat image and on a linear ramp', () => {
    expect(laplacianVariance(new Float32Array(25).fill(80), 5, 5)).toBe(0);
    const ramp = Float32Array.from({ length: 36 }, (_, i) => (i % 6) * 10);
    expect(laplacianVariance(ramp, 6, 6)).toBeCloseTo(0, 6);
  });

  it('is large on a checkerboard and drops after blurring it', () => {
    const w = 16;
    const board = Float32Array.from({ length: w * w }, (_, i) => ((i % w) + Math.floor(i / w)) % 2 === 0 ? 0 : 255);
    const blurred = board.map((_, i) => {
      const x = i % w;
      const y = Math.floor(i / w);
      const at = (xx: number, yy: number): number => board[Math.min(w - 1, Math.max(0, yy)) * w + Math.min(w - 1, Math.max(0, xx))] ?? 0;
      return (at(x, y) + at(x + 1, y) + at(x, y + 1) + at(x + 1, y + 1)) / 4;
    });
    expect(laplacianVariance(board, w, w)).toBeGreaterThan(100_000);
    expect(laplacianVariance(blurred, w, w)).toBeLessThan(laplacianVariance(board, w, w) / 100);
  });

  it('rejects a size mismatch', () => {
    expect(() => laplacianVariance(new Float32Array(10), 5, 5)).toThrow(/does not match/);
  });
});

describe('classifyFace', () => {
  it('says face visible for a good picture', () => expect(classifyFace(good)).toBe('face-visible'));
  it('says too dark before anything else', () => {
    expect(classifyFace({ ...good, meanLuma: MIN_MEAN_LUMA - 1 })).toBe('too-dark');
    expect(classifyFace({ detectionScore: 0, faceSizeFraction: 0, meanLuma: 10, sharpness: 0 })).toBe('too-dark');
  });
  it('says no face when nothing confident was detected', () => {
    expect(classifyFace({ detectionScore: 0, faceSizeFraction: 0, meanLuma: 128, sharpness: 0 })).toBe('no-face');
  });
  it('says too far for a small face and blurry for a soft crop', () => {
    expect(classifyFace({ ...good, faceSizeFraction: 0.05 })).toBe('too-far');
    expect(classifyFace({ ...good, sharpness: 5 })).toBe('blurry');
  });
});

describe('mean', () => {
  it('averages and is 0 for nothing', () => {
    expect(mean([1, 2, 3])).toBe(2);
    expect(mean([])).toBe(0);
  });
});

describe('normalizedSharpness', () => {
  it('does not change when the same picture is dimmed', () => {
    const w = 12;
    const texture = Float32Array.from({ length: w * w }, (_, i) => 100 + 60 * Math.sin(i * 1.7));
    const dimmed = texture.map((v) => v * 0.3);
    const ratio = normalizedSharpness(dimmed, w, w) / normalizedSharpness(texture, w, w);
    expect(ratio).toBeCloseTo(1, 6);
    expect(laplacianVariance(dimmed, w, w)).toBeLessThan(laplacianVariance(texture, w, w) / 5);
  });
  it('is 0 for a black picture', () => {
    expect(normalizedSharpness(new Float32Array(16), 4, 4)).toBe(0);
  });
});
