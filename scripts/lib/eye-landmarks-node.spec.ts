import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEyes } from '../../src/features/eyes.ts';
import { eyeLandmarkerFromModels, type EyeLandmarker } from '../../src/models/vision/eye-landmarks.ts';
import { paintEyesShut, readEyeCorners } from './closed-eyes.ts';
import { appEyeCrop, faceMeshPixels, loadEyeLandmarkerNode } from './eye-landmarks-node.ts';
import { readImageFile, type RgbImage } from './rgb-image.ts';
import { initTfNode, tf } from './tf-node.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../tests/fixtures');
const BOX = { x: 179, y: 77, width: 94, height: 94 };
const GOOD = { meanLuma: 128, sharpness: 500, faceSizeFraction: 0.3 };

describe('Face Mesh + Iris eyelids on the public-domain astronaut (wasm backend in Node)', () => {
  let landmarker: EyeLandmarker;
  let open: RgbImage;
  let shut: RgbImage;
  beforeAll(async () => {
    await initTfNode();
    landmarker = await loadEyeLandmarkerNode();
    open = readImageFile(path.join(FIXTURES, 'astronaut.png'));
    shut = paintEyesShut(open, readEyeCorners(path.join(FIXTURES, 'astronaut-eyes.json')), 0.08);
  }, 60_000);
  afterAll(() => landmarker.dispose());

  const read = (image: RgbImage, rollDegrees = 0) => readEyes(landmarker.run(faceMeshPixels(appEyeCrop(image, BOX, rollDegrees, 132, 1))), GOOD);

  it('reads her open eyes as open, upright and rolled 30°', () => {
    expect(read(open).state).toBe('open');
    expect(read(open, 30).state).toBe('open');
  });

  it('reads her eyes painted shut as closed, upright and rolled −30° (the crop is levelled first)', () => {
    expect(read(shut).state).toBe('closed');
    expect(read(shut, -30).state).toBe('closed');
  });

  it('puts both lid contours on the eyes, the right eye on the picture\'s left', () => {
    const lids = landmarker.run(faceMeshPixels(appEyeCrop(open, BOX, 0, 132, 1)));
    expect(lids.faceScore).toBeGreaterThan(0.9);
    // The eyes sit in the upper half of the 192 px crop, the right eye's inner corner left of the left eye's.
    for (const c of [lids.right, lids.left]) for (let i = 1; i < c.length; i += 2) expect(c[i]).toBeLessThan(96);
    expect(lids.right[16] ?? Number.NaN).toBeLessThan(lids.left[16] ?? Number.NaN);
  });

  it('leaves no tensor behind', () => {
    const pixels = faceMeshPixels(appEyeCrop(open, BOX, 20, 132, 1));
    landmarker.run(pixels);
    const before = tf.memory().numTensors;
    landmarker.run(pixels);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses models of the wrong shape with a readable error', () => {
    const wrong = { inputs: [{ shape: [-1, 64, 64, 3] }] } as unknown as tf.GraphModel;
    expect(() => eyeLandmarkerFromModels(wrong, wrong)).toThrow(/192 px face/);
  });
});
