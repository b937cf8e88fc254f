import { describe, expect, it } from 'vitest';
import { eyeAspectRatio, readEyes } from './eyes.ts';

/** 68 points with both eyes drawn as hexagons of the given height (width 0.1), the rest at 0.5. */
function landmarks(rightHeight: number, leftHeight = rightHeight): Float32Array {
  const points = new Float32Array(136).fill(0.5);
  const eye = (first: number, cx: number, height: number): void => {
    // Outer corner, two upper points, inner corner, two lower points (iBUG order).
    const shape: [number, number][] = [[-0.05, 0], [-0.02, -height / 2], [0.02, -height / 2], [0.05, 0], [0.02, height / 2], [-0.02, height / 2]];
    shape.forEach(([dx, dy], k) => {
      points[2 * (first + k)] = cx + dx;
      points[2 * (first + k) + 1] = 0.4 + dy;
    });
  };
  eye(36, 0.35, rightHeight);
  eye(42, 0.65, leftHeight);
  return points;
}

const GOOD = { meanLuma: 130, sharpness: 400, faceSizeFraction: 0.3 };

describe('eyes from landmarks', () => {
  it('measures the eye aspect ratio as heights over twice the width', () => {
    expect(eyeAspectRatio(landmarks(0.03), 36)).toBeCloseTo(0.3, 6);
  });
  it('tells open from closed, and says nothing in between', () => {
    expect(readEyes(landmarks(0.03), GOOD).state).toBe('open');
    expect(readEyes(landmarks(0.01), GOOD).state).toBe('closed');
    expect(readEyes(landmarks(0.02), GOOD).state).toBe('unsure');
  });
  it('says nothing when the two eyes disagree (one hidden or misplaced)', () => {
    expect(readEyes(landmarks(0.035, 0.005), GOOD).state).toBe('unsure');
  });
  it('has its own quality rule: too dark, too small or too blurred to tell', () => {
    expect(readEyes(landmarks(0.03), { ...GOOD, meanLuma: 30 })).toEqual({ state: 'too-dark', aspectRatio: null });
    expect(readEyes(landmarks(0.03), { ...GOOD, faceSizeFraction: 0.1 }).state).toBe('too-small');
    expect(readEyes(landmarks(0.03), { ...GOOD, sharpness: 20 }).state).toBe('blurry');
    expect(readEyes(null, GOOD).state).toBe('unsure');
  });
});
