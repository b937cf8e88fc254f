/**
 * The eyelids, in two steps as MediaPipe does it (its Face Mesh, then its Iris net on each eye),
 * with the TF.js graph models npm `@vladmandic/human` ships (Google's Apache-2.0 models, copied
 * into public/models/vision/eyes/ by scripts/convert/vision.ts):
 *  1. Face Mesh (192×192 RGB in 0–1) on the upright face crop: 468 points, of which only the four
 *     eye corners are used (33/133 the subject's right eye, 263/362 the left), and a face score;
 *  2. Iris (64×64 RGB in 0–1) on a square 2.3 times each eye's corner-to-corner width, turned
 *     level with the line through both outer corners (the app only turns faces upright in quarter
 *     turns, so up to 45° of roll is left, and Iris reads a tilted eye as half open), the left eye
 *     mirrored so both look like a right eye to the net: 71 contour points per eye, of which the
 *     first 16 are the lids (features/eyes.ts reads them).
 * Face Mesh's own lid points open and close much less than Iris's on the same pictures (0.34 open
 * vs 0.19–0.27 painted shut, against 0.36 vs 0.11–0.20; MODEL_CARD.md), hence the second net.
 */
import * as tf from '@tensorflow/tfjs';
import { EYELID_POINTS, type EyeLids } from '../../features/eyes.ts';

export const EYE_MODELS_PATH = 'models/vision/eyes/';
export const FACE_MESH_FILE = 'facemesh.json';
export const IRIS_FILE = 'iris.json';
/** Side of the face crop Face Mesh takes, in pixels. */
export const FACE_MESH_INPUT_PX = 192;
/** Side of the eye crop Iris takes, in pixels. */
export const IRIS_INPUT_PX = 64;
/** The eye crop's side over the eye's corner-to-corner extent (MediaPipe's value). */
const EYE_BOX_SCALE = 2.3;
const MESH_VALUES = 468 * 3;
const IRIS_VALUES = 76 * 3;
const EYE_CORNERS = { right: [33, 133], left: [263, 362] } as const;
/** Face Mesh's forehead-top and chin points: the face's up-down axis, for its roll. */
const FOREHEAD = 10;
const CHIN = 152;
/** A face rolled more than this is levelled and meshed again (Face Mesh itself wants a level face). */
const RELEVEL_ABOVE_RAD = (12 * Math.PI) / 180;

export interface EyeLandmarker {
  /**
   * `facePixels`: the upright face crop, FACE_MESH_INPUT_PX square, RGB HWC floats in 0–1.
   * Returns both lid contours in crop pixels and Face Mesh's face score.
   */
  run(facePixels: Float32Array): EyeLids;
  dispose(): void;
}

function lastDim(t: tf.Tensor): number {
  return t.shape[t.shape.length - 1] ?? 0;
}

interface EyeCrop {
  centerX: number;
  centerY: number;
  /** Side of the square in face-crop pixels. */
  side: number;
  /** The face's roll, radians: the eye crop is turned by it so the net sees a level eye. */
  angleRad: number;
  /** The left eye is mirrored into a right eye. */
  mirrored: boolean;
}

function meshPoint(mesh: ArrayLike<number>, i: number): [number, number] {
  return [mesh[3 * i] ?? 0, mesh[3 * i + 1] ?? 0];
}

/** Where to cut one eye: centred between its corners, level with the line through both eyes' outer corners. */
function eyeCrop(mesh: ArrayLike<number>, [outer, inner]: readonly [number, number], angleRad: number, mirrored: boolean): EyeCrop {
  const [ax, ay] = meshPoint(mesh, outer);
  const [bx, by] = meshPoint(mesh, inner);
  const side = Math.max(Math.hypot(ax - bx, ay - by), 1) * EYE_BOX_SCALE;
  return { centerX: (ax + bx) / 2, centerY: (ay + by) / 2, side, angleRad, mirrored };
}

/**
 * A square cut of `crop` into `outputPx` pixels as tf.image.transform's 8 numbers (output pixel →
 * input pixel): x_in = a0·u + a1·v + a2, y_in = b0·u + b1·v + b2.
 */
function transformOf(crop: EyeCrop, outputPx: number = IRIS_INPUT_PX): number[] {
  const s = crop.side / outputPx;
  const cos = Math.cos(crop.angleRad) * s;
  const sin = Math.sin(crop.angleRad) * s;
  const m = crop.mirrored ? -1 : 1;
  const h = outputPx / 2;
  return [m * cos, -sin, crop.centerX - h * (m * cos - sin), m * sin, cos, crop.centerY - h * (m * sin + cos), 0, 0];
}

/** A point of the eye crop (net pixels) back in face-crop pixels. */
function toFaceCrop(crop: EyeCrop, x: number, y: number): [number, number] {
  const [a0, a1, a2, b0, b1, b2] = transformOf(crop) as [number, number, number, number, number, number];
  return [a0 * x + a1 * y + a2, b0 * x + b1 * y + b2];
}

/** Wraps the two loaded graph models after checking their inputs and outputs. */
export function eyeLandmarkerFromModels(faceMesh: tf.GraphModel, iris: tf.GraphModel): EyeLandmarker {
  if (faceMesh.inputs[0]?.shape?.[1] !== FACE_MESH_INPUT_PX) throw new Error('The face mesh model does not take a 192 px face.');
  if (iris.inputs[0]?.shape?.[1] !== IRIS_INPUT_PX) throw new Error('The iris model does not take a 64 px eye.');
  const runMesh = (face: tf.Tensor4D): { mesh: Float32Array | Int32Array | Uint8Array; faceScore: number } => {
    const outputs = faceMesh.execute(face) as tf.Tensor[];
    const meshOut = outputs.find((t) => lastDim(t) === MESH_VALUES);
    const scoreOut = outputs.find((t) => lastDim(t) === 1);
    if (meshOut === undefined || scoreOut === undefined) throw new Error('The face mesh model returned no points.');
    return { mesh: meshOut.dataSync(), faceScore: scoreOut.dataSync()[0] ?? 0 };
  };
  return {
    run(facePixels) {
      return tf.tidy(() => {
        const crop = tf.tensor4d(facePixels, [1, FACE_MESH_INPUT_PX, FACE_MESH_INPUT_PX, 3]);
        let face: tf.Tensor4D = crop;
        let { mesh, faceScore } = runMesh(face);
        // The app turns faces upright only in quarter turns: a face still rolled is levelled by
        // its own chin-to-forehead line and meshed again, as MediaPipe levels it by its detector's eyes.
        const [fx, fy] = meshPoint(mesh, FOREHEAD);
        const [cx, cy] = meshPoint(mesh, CHIN);
        const faceRoll = Math.atan2(-(cx - fx), cy - fy);
        if (Math.abs(faceRoll) > RELEVEL_ABOVE_RAD) {
          const whole: EyeCrop = { centerX: FACE_MESH_INPUT_PX / 2, centerY: FACE_MESH_INPUT_PX / 2, side: FACE_MESH_INPUT_PX, angleRad: faceRoll, mirrored: false };
          face = tf.image.transform(crop, tf.tensor2d([transformOf(whole, FACE_MESH_INPUT_PX)]), 'bilinear', 'nearest', 0, [FACE_MESH_INPUT_PX, FACE_MESH_INPUT_PX]);
          ({ mesh, faceScore } = runMesh(face));
        }
        const [rx, ry] = meshPoint(mesh, EYE_CORNERS.right[0]);
        const [lx, ly] = meshPoint(mesh, EYE_CORNERS.left[0]);
        const roll = Math.atan2(ly - ry, lx - rx);
        const right = eyeCrop(mesh, EYE_CORNERS.right, roll, false);
        const left = eyeCrop(mesh, EYE_CORNERS.left, roll, true);
        const eyeCrops = tf.image.transform(tf.concat([face, face]), tf.tensor2d([transformOf(right), transformOf(left)]), 'bilinear', 'nearest', 0, [IRIS_INPUT_PX, IRIS_INPUT_PX]);
        const eyes = iris.execute(eyeCrops) as tf.Tensor;
        if (lastDim(eyes) !== IRIS_VALUES) throw new Error('The iris model returned no eye contour.');
        const values = eyes.dataSync();
        // Back into the (levelled) face crop's pixels, the left eye un-mirrored, so both contours share one frame.
        const contour = (eye: 0 | 1, at: EyeCrop): Float32Array => {
          const out = new Float32Array(2 * EYELID_POINTS);
          for (let i = 0; i < EYELID_POINTS; i++) {
            const [x, y] = toFaceCrop(at, values[eye * IRIS_VALUES + 3 * i] ?? Number.NaN, values[eye * IRIS_VALUES + 3 * i + 1] ?? Number.NaN);
            out[2 * i] = x;
            out[2 * i + 1] = y;
          }
          return out;
        };
        return { right: contour(0, right), left: contour(1, left), faceScore };
      });
    },
    dispose() {
      faceMesh.dispose();
      iris.dispose();
    },
  };
}

/** Loads both models served under `baseUrl` (the app's base URL, ending in '/'). */
export async function loadEyeLandmarker(baseUrl: string, load: (url: string) => Promise<tf.GraphModel> = (url) => tf.loadGraphModel(url)): Promise<EyeLandmarker> {
  const folder = new URL(EYE_MODELS_PATH, baseUrl);
  const [faceMesh, iris] = await Promise.all([load(new URL(FACE_MESH_FILE, folder).href), load(new URL(IRIS_FILE, folder).href)]);
  return eyeLandmarkerFromModels(faceMesh, iris);
}
