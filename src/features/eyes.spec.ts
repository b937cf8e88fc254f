import { describe, expect, it } from 'vitest';
import { EYELID_POINTS, eyeOpenness, eyesPictureProblem, readEyes, type EyeLids } from './eyes.ts';

/**
 * One eye's lid contour in the iris net's order, 20 px wide around (cx, 50): lower lid 0–8 from
 * the outer to the inner corner, upper lid 9–15 above lower points 1–7, the lids `gap` apart in
 * the middle (a lens shape), optionally turned by `rollRad` about the eye's centre.
 */
function contour(gap: number, cx = 50, rollRad = 0): Float32Array {
  const points: [number, number][] = [];
  const lid = (t: number, sign: number): [number, number] => [cx - 10 + 20 * t, 50 + sign * (gap / 2) * Math.sin(Math.PI * t)];
  for (let i = 0; i < 9; i++) points.push(lid(i / 8, 1));
  for (let i = 1; i < 8; i++) points.push(lid(i / 8, -1));
  const out = new Float32Array(2 * EYELID_POINTS);
  points.forEach(([x, y], i) => {
    const dx = x - cx;
    const dy = y - 50;
    out[2 * i] = cx + dx * Math.cos(rollRad) - dy * Math.sin(rollRad);
    out[2 * i + 1] = 50 + dx * Math.sin(rollRad) + dy * Math.cos(rollRad);
  });
  return out;
}

const lids = (right: number, left = right, faceScore = 1): EyeLids => ({ right: contour(right, 40), left: contour(left, 80), faceScore });
const GOOD = { meanLuma: 130, sharpness: 400, faceSizeFraction: 0.3 };

describe('eye openness from the lid contour', () => {
  it('is the mean middle lid gap over the corner-to-corner width', () => {
    // Pairs 11↔3, 12↔4, 13↔5 sit at t = 3/8, 4/8, 5/8 of a lens whose full gap is 8 px on 20 px.
    const expected = (8 * (Math.sin((3 * Math.PI) / 8) + 1 + Math.sin((5 * Math.PI) / 8))) / 3 / 20;
    expect(eyeOpenness(contour(8))).toBeCloseTo(expected, 6);
  });
  it('shrinks as the lids close and does not change with the roll of the head', () => {
    expect(eyeOpenness(contour(2))).toBeLessThan(eyeOpenness(contour(8)) / 3);
    expect(eyeOpenness(contour(8, 50, 0.6))).toBeCloseTo(eyeOpenness(contour(8)), 6);
  });
  it('is not a number for an incomplete contour or one with no width', () => {
    expect(eyeOpenness(new Float32Array(20))).toBeNaN();
    expect(eyeOpenness(new Float32Array(2 * EYELID_POINTS))).toBeNaN();
  });
});

describe('eyes open or closed, with their quality rule', () => {
  it('tells open from closed, and says nothing in between', () => {
    expect(readEyes(lids(8), GOOD).state).toBe('open');
    expect(readEyes(lids(2), GOOD).state).toBe('closed');
    expect(readEyes(lids(5), GOOD).state).toBe('unsure');
    expect(readEyes(lids(8), GOOD).openness).toBeCloseTo(eyeOpenness(contour(8)), 6);
  });
  it('says nothing when the two eyes disagree (one hidden or misplaced)', () => {
    const reading = readEyes(lids(8, 1), GOOD);
    expect(reading.state).toBe('unsure');
    expect(reading.openness).not.toBeNull();
  });
  it('says nothing when the landmark net doubts it saw a face', () => {
    expect(readEyes(lids(2, 2, 0.2), GOOD)).toEqual({ state: 'unsure', openness: null });
  });
  it('has its own quality rule: too dark, too small or too blurred to tell, before any net runs', () => {
    expect(readEyes(lids(8), { ...GOOD, meanLuma: 30 })).toEqual({ state: 'too-dark', openness: null });
    expect(readEyes(lids(8), { ...GOOD, faceSizeFraction: 0.1 }).state).toBe('too-small');
    expect(readEyes(lids(8), { ...GOOD, sharpness: 20 }).state).toBe('blurry');
    expect(eyesPictureProblem({ ...GOOD, meanLuma: 59 })).toBe('too-dark');
    expect(eyesPictureProblem(GOOD)).toBeNull();
    expect(readEyes(null, GOOD).state).toBe('unsure');
    expect(readEyes(null, { ...GOOD, meanLuma: 10 }).state).toBe('too-dark');
  });
});
