/**
 * MediaPipe's Face Mesh and Iris graph models as npm `@vladmandic/human` ships them, loaded in
 * Node from node_modules (the converter copies the same files into public/models/vision/eyes/),
 * and the eye reading measured on generated pictures: the open-eyed astronaut and copies of her
 * with the eyes painted shut, turned and shrunk the way the app's upright face crop sees a face.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { squareCropAround, type PixelBox } from '../../src/features/face-crop.ts';
import { readEyes, type EyesReading } from '../../src/features/eyes.ts';
import { eyeLandmarkerFromModels, FACE_MESH_FILE, FACE_MESH_INPUT_PX, IRIS_FILE, type EyeLandmarker } from '../../src/models/vision/eye-landmarks.ts';
import { paintEyesShut, type EyeCorners } from './closed-eyes.ts';
import { cropSquare, type RgbImage } from './rgb-image.ts';
import { tf } from './tf-node.ts';

const require = createRequire(import.meta.url);

/** The folder in node_modules holding facemesh.json/.bin and iris.json/.bin. */
export function humanModelsDir(): string {
  // The package exports no package.json; its Node entry is dist/human.node.js.
  return path.join(path.dirname(require.resolve('@vladmandic/human')), '..', 'models');
}

interface GraphModelJson {
  modelTopology: tf.io.ModelJSON['modelTopology'];
  weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
}

async function loadGraphModelFile(file: string): Promise<tf.GraphModel> {
  const json = JSON.parse(readFileSync(file, 'utf8')) as GraphModelJson;
  const weightSpecs = json.weightsManifest.flatMap((group) => group.weights);
  const buffers = json.weightsManifest.flatMap((group) => group.paths.map((p) => readFileSync(path.join(path.dirname(file), p))));
  const joined = Buffer.concat(buffers);
  const weightData = joined.buffer.slice(joined.byteOffset, joined.byteOffset + joined.byteLength);
  return tf.loadGraphModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs, weightData }));
}

/** Both eye models from `dir` (default: node_modules); tfjs must be started (initTfNode). */
export async function loadEyeLandmarkerNode(dir: string = humanModelsDir()): Promise<EyeLandmarker> {
  const [mesh, iris] = await Promise.all([loadGraphModelFile(path.join(dir, FACE_MESH_FILE)), loadGraphModelFile(path.join(dir, IRIS_FILE))]);
  return eyeLandmarkerFromModels(mesh, iris);
}

/** A 192 px RGB crop as Face Mesh takes it: HWC floats in 0–1. */
export function faceMeshPixels(crop: RgbImage): Float32Array {
  return Float32Array.from(crop.data, (v) => v / 255);
}

export interface EyeCase {
  eyes: 'open' | 'closed';
  /** Lash line thickness over eye width (closed copies only). */
  lashWidthFraction: number | null;
  /** Roll left in the upright crop, degrees (the app turns faces upright in quarter turns, so up to ±45°). */
  rollDegrees: number;
  /** Side of the face crop in camera pixels before it is scaled to 192 (how close the face is). */
  cropSidePx: number;
  /** Every channel multiplied by this (dimmer or brighter room). */
  brightness: number;
  openness: number | null;
  state: EyesReading['state'];
}

/** Rolls, crop sizes and lighting of the generated set. */
export const EYE_SET_ROLLS_DEGREES = [-45, -30, -15, 0, 15, 30, 45];
/** 132 px: the fixture itself; 101 px: a face at MIN_EYES_FACE_FRACTION of a 480-row frame, the smallest the app reads eyes on. */
export const EYE_SET_CROP_SIDES_PX = [132, 101];
export const EYE_SET_LASH_FRACTIONS = [0, 0.05, 0.08, 0.12];
export const EYE_SET_BRIGHTNESS = [0.7, 1.2];

/** The crop the app would make of `image` around `box`, turned by `rollDegrees`, seen at `cropSidePx` camera pixels, then scaled to 192. */
export function appEyeCrop(image: RgbImage, box: PixelBox, rollDegrees: number, cropSidePx: number, brightness: number): RgbImage {
  const square = squareCropAround(box, image.width, image.height);
  const camera = cropSquare(image, {
    centerX: square.x + square.side / 2, centerY: square.y + square.side / 2, side: square.side,
    rotationRad: (rollDegrees * Math.PI) / 180, flipHorizontal: false, brightness,
  }, cropSidePx);
  return cropSquare(camera, { centerX: cropSidePx / 2, centerY: cropSidePx / 2, side: cropSidePx, rotationRad: 0, flipHorizontal: false, brightness: 1 }, FACE_MESH_INPUT_PX);
}

/** Runs the eye reading over the whole generated set (open and painted-shut copies of `image`). */
export function measureEyeSet(landmarker: EyeLandmarker, image: RgbImage, box: PixelBox, corners: EyeCorners): EyeCase[] {
  const pictures: { eyes: 'open' | 'closed'; lash: number | null; image: RgbImage }[] = [
    { eyes: 'open', lash: null, image },
    ...EYE_SET_LASH_FRACTIONS.map((lash) => ({ eyes: 'closed' as const, lash, image: paintEyesShut(image, corners, lash) })),
  ];
  const cases: EyeCase[] = [];
  for (const picture of pictures) {
    for (const rollDegrees of EYE_SET_ROLLS_DEGREES) {
      for (const cropSidePx of EYE_SET_CROP_SIDES_PX) {
        for (const brightness of EYE_SET_BRIGHTNESS) {
          const crop = appEyeCrop(picture.image, box, rollDegrees, cropSidePx, brightness);
          const lids = landmarker.run(faceMeshPixels(crop));
          // Quality as a good picture: this set measures the lids, not the quality rule.
          const reading = readEyes(lids, { meanLuma: 128, sharpness: 500, faceSizeFraction: 0.3 });
          cases.push({ eyes: picture.eyes, lashWidthFraction: picture.lash, rollDegrees, cropSidePx, brightness, openness: reading.openness, state: reading.state });
        }
      }
    }
  }
  return cases;
}
