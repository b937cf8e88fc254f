import { createRequire } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readEyes } from '../../src/features/eyes.ts';
import { squareCropAround } from '../../src/features/face-crop.ts';
import { faceLandmarkerFromWeights } from '../../src/models/vision/face-landmarks.ts';
import { normalizeTrunkPixels, TRUNK_INPUT_SIZE_PX } from '../../src/models/vision/face-trunk.ts';
import { loadFaceApiWeights } from './face-expression-trunk.ts';
import { initTfNode } from './tf-node.ts';
import { cropSquare, plainCrop, readImageFile, type RgbImage } from './rgb-image.ts';

const require = createRequire(import.meta.url);
const MANIFEST = path.join(path.dirname(require.resolve('@vladmandic/face-api/package.json')), 'model', 'face_landmark_68_model-weights_manifest.json');
const FIXTURES = path.resolve(import.meta.dirname, '../../tests/fixtures');
const BOX = { x: 179, y: 77, width: 94, height: 94 };

/** The astronaut's face cut and scaled as the app does (RGB, 112 px). */
function astronautCrop(): RgbImage {
  const image = readImageFile(path.join(FIXTURES, 'astronaut.png'));
  const square = squareCropAround(BOX, image.width, image.height);
  return cropSquare(image, plainCrop(square.x, square.y, square.side), TRUNK_INPUT_SIZE_PX);
}

describe('face-api 68-point landmarks on the public-domain astronaut crop', () => {
  let points: Float32Array = new Float32Array(0);
  beforeAll(async () => {
    await initTfNode();
    const landmarker = faceLandmarkerFromWeights(loadFaceApiWeights(MANIFEST));
    const crop = astronautCrop();
    points = landmarker.run(normalizeTrunkPixels(crop.data, 3));
    landmarker.dispose();
  });
  const at = (i: number): [number, number] => [points[2 * i] ?? Number.NaN, points[2 * i + 1] ?? Number.NaN];

  it('puts 68 points inside the crop, the eyes above the nose tip and the mouth below it', () => {
    expect(points).toHaveLength(136);
    for (const v of points) {
      expect(v).toBeGreaterThan(-0.05);
      expect(v).toBeLessThan(1.05);
    }
    const [, noseY] = at(30);
    const [, mouthY] = at(62);
    for (let i = 36; i < 48; i++) expect(at(i)[1]).toBeLessThan(noseY);
    expect(mouthY).toBeGreaterThan(noseY);
    // Points 36–41 are the eye on the picture's left, 42–47 the one on its right.
    expect(at(39)[0]).toBeLessThan(at(42)[0]);
  });

  it('reads her eyes (open, smiling) as open', () => {
    const eyes = readEyes(points, { meanLuma: 138, sharpness: 525, faceSizeFraction: 0.18 });
    console.log(`astronaut eye aspect ratio ${eyes.aspectRatio?.toFixed(3)}`);
    expect(eyes.state).toBe('open');
  });
});
