import { describe, expect, it } from 'vitest';
import { faceSizeFraction, mostConfident, squareCropAround } from './face-crop.ts';

describe('mostConfident', () => {
  it('returns the highest-scoring detection, or null for none', () => {
    expect(mostConfident([{ score: 0.3, n: 1 }, { score: 0.9, n: 2 }, { score: 0.5, n: 3 }])?.n).toBe(2);
    expect(mostConfident([])).toBeNull();
  });
});

describe('squareCropAround', () => {
  it('centres a square with the margin around a face in the middle of the frame', () => {
    const crop = squareCropAround({ x: 270, y: 190, width: 100, height: 100 }, 640, 480, 0.2);
    expect(crop).toEqual({ x: 250, y: 170, side: 140 });
  });

  it('uses the longer side of a tall box', () => {
    const crop = squareCropAround({ x: 300, y: 200, width: 40, height: 80 }, 640, 480, 0);
    expect(crop.side).toBe(80);
    expect(crop.x + crop.side / 2).toBe(320);
  });

  it('moves the square inward at the frame edges instead of shrinking it', () => {
    expect(squareCropAround({ x: 0, y: 0, width: 100, height: 100 }, 640, 480, 0.2)).toEqual({ x: 0, y: 0, side: 140 });
    expect(squareCropAround({ x: 560, y: 400, width: 80, height: 80 }, 640, 480, 0.25)).toEqual({ x: 520, y: 360, side: 120 });
  });

  it('shrinks to the shorter frame side when the face fills the frame', () => {
    const crop = squareCropAround({ x: 100, y: 0, width: 440, height: 480 }, 640, 480, 0.2);
    expect(crop.side).toBe(480);
    expect(crop.y).toBe(0);
    expect(crop.x).toBeGreaterThanOrEqual(0);
    expect(crop.x + crop.side).toBeLessThanOrEqual(640);
  });

  it('always stays inside the frame', () => {
    for (const [x, y, w, h] of [[-30, -30, 60, 60], [600, 450, 100, 100], [10, 300, 300, 300]] as const) {
      const c = squareCropAround({ x, y, width: w, height: h }, 640, 480);
      expect(c.x).toBeGreaterThanOrEqual(0);
      expect(c.y).toBeGreaterThanOrEqual(0);
      expect(c.x + c.side).toBeLessThanOrEqual(640);
      expect(c.y + c.side).toBeLessThanOrEqual(480);
    }
  });

  it('explains bad input', () => {
    expect(() => squareCropAround({ x: 0, y: 0, width: 0, height: 10 }, 640, 480)).toThrow(/empty/);
    expect(() => squareCropAround({ x: 0, y: 0, width: 10, height: 10 }, 0, 480)).toThrow(/no pixels/);
  });
});

describe('faceSizeFraction', () => {
  it('compares the longer face side with the shorter frame side', () => {
    expect(faceSizeFraction({ x: 0, y: 0, width: 48, height: 60 }, 640, 480)).toBeCloseTo(0.125, 6);
  });
});
