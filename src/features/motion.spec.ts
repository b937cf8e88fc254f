import { describe, expect, it } from 'vitest';
import { checkRegion, MOTION_HEIGHT_PX as H, MOTION_WIDTH_PX as W, MotionMeter, type MotionState } from './motion.ts';

/** Deterministic noise: a small LCG turned into roughly normal values (sum of four uniforms). */
function noiseSource(seed: number): () => number {
  let state = seed >>> 0;
  const uniform = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  return () => (uniform() + uniform() + uniform() + uniform() - 2) * Math.sqrt(3);
}

interface Scene {
  /** Centre of the baby-shaped blob, in thumbnail pixels. */
  cx: number;
  cy: number;
  /** Half-axes of the blob (breathing changes ry by a fraction of a pixel). */
  rx: number;
  ry: number;
  /** Multiplies every pixel (light level, auto-exposure). */
  gain: number;
  /** Standard deviation of camera noise, luma levels. */
  noise: number;
}

const BASE: Scene = { cx: 32, cy: 24, rx: 9, ry: 5, gain: 1, noise: 0 };

/** A cot: a striped sheet and a pale blob, the blob's edge anti-aliased so sub-pixel changes show. */
function frame(scene: Scene, noise: () => number): Float32Array {
  const luma = new Float32Array(W * H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const sheet = 70 + 25 * Math.sin(x / 3) + 10 * Math.cos(y / 5);
      const d = Math.hypot((x + 0.5 - scene.cx) / scene.rx, (y + 0.5 - scene.cy) / scene.ry);
      const cover = Math.min(1, Math.max(0, (1 - d) * Math.min(scene.rx, scene.ry) + 0.5));
      const value = (sheet * (1 - cover) + 190 * cover) * scene.gain + scene.noise * noise();
      luma[y * W + x] = Math.min(255, Math.max(0, value));
    }
  }
  return luma;
}

function run(scenes: readonly Scene[], meter = new MotionMeter(), seed = 7): MotionState[] {
  const noise = noiseSource(seed);
  return scenes.map((scene) => meter.push(frame(scene, noise), W, H).state);
}

const repeat = (count: number, make: (i: number) => Scene): Scene[] => Array.from({ length: count }, (_, i) => make(i));

describe('MotionMeter on scripted frame sequences', () => {
  it('a still cot is still', () => {
    const states = run(repeat(20, () => BASE));
    expect(states[0]).toBe('starting');
    expect(new Set(states.slice(1))).toEqual(new Set(['still']));
  });

  it('camera noise alone is still', () => {
    expect(new Set(run(repeat(30, () => ({ ...BASE, noise: 4 }))).slice(1))).toEqual(new Set(['still']));
  });

  it('breathing-size motion (the body rising and falling by half a pixel) is still', () => {
    const states = run(repeat(30, (i) => ({ ...BASE, ry: 5 + 0.5 * Math.sin((i * 2 * Math.PI) / 4), noise: 2 })));
    expect(new Set(states.slice(1))).toEqual(new Set(['still']));
  });

  it('rolling over is moving, and still again a second after it stops', () => {
    const before = repeat(5, () => BASE);
    // The blob rolls 12 pixels over four frames and turns from lying wide to lying tall.
    const roll = repeat(4, (i) => ({ ...BASE, cx: 32 + 3 * (i + 1), rx: 9 - i, ry: 5 + i }));
    const after = repeat(6, () => ({ ...BASE, cx: 44, rx: 6, ry: 8 }));
    const states = run([...before, ...roll, ...after]);
    expect(states.slice(1, 5)).toEqual(['still', 'still', 'still', 'still']);
    expect(states.slice(5, 9)).toEqual(['moving', 'moving', 'moving', 'moving']);
    // Three quiet frames end the movement.
    expect(states.slice(9)).toEqual(['moving', 'moving', 'still', 'still', 'still', 'still']);
  });

  it('a slow light change (dusk over a minute) and a sudden exposure jump are still', () => {
    const dusk = repeat(60, (i) => ({ ...BASE, gain: 1 - (0.5 * i) / 60, noise: 2 }));
    const jump = repeat(5, () => ({ ...BASE, gain: 0.5 * 1.4, noise: 2 }));
    expect(new Set(run([...dusk, ...jump]).slice(1))).toEqual(new Set(['still']));
  });

  it('a dark picture says too dark instead of still', () => {
    expect(run(repeat(3, () => ({ ...BASE, gain: 0.05 })))).toEqual(['too-dark', 'too-dark', 'too-dark']);
  });

  it('movement outside the cot region is not counted', () => {
    const meter = new MotionMeter();
    meter.setRegion({ x: 0, y: 0, width: 0.3, height: 1 });
    const states = run(repeat(8, (i) => ({ ...BASE, cx: 40 + 3 * i })), meter);
    expect(new Set(states.slice(1))).toEqual(new Set(['still']));
    meter.setRegion({ x: 0.4, y: 0, width: 0.6, height: 1 });
    expect(run(repeat(8, (i) => ({ ...BASE, cx: 40 + 3 * i })), meter).slice(1)).toContain('moving');
  });

  it('refuses a region that is not one, and a thumbnail of the wrong size', () => {
    expect(() => checkRegion({ x: 0.5, y: 0.5, width: 0.01, height: 0.3 })).toThrow(/too small/);
    expect(() => checkRegion({ x: Number.NaN, y: 0, width: 1, height: 1 })).toThrow(/four numbers/);
    expect(checkRegion({ x: -0.2, y: 0.5, width: 2, height: 2 })).toEqual({ x: 0, y: 0.5, width: 1, height: 0.5 });
    expect(() => new MotionMeter().push(new Float32Array(10), W, H)).toThrow(/size/);
  });
});
