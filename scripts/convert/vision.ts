/**
 * Prepares the vision models in public/models/vision/ from npm inputs only:
 *  - face_detection_short_range_with_metadata.tflite: MediaPipe's short-range face detector
 *    (@mediapipe/face_detection, Apache-2.0) with the TFLite metadata tasks-vision requires;
 *  - model.json + weights.bin: the face trunk (face-api's expression network, MIT), uint8;
 *  - eyes/: MediaPipe's Face Mesh and Iris as TF.js graph models (Google, Apache-2.0, packaged
 *    in npm @vladmandic/human, MIT), copied byte for byte from node_modules;
 *  - metrics.json + MODEL_CARD.md: what was measured on the face fixtures.
 * Run through scripts/convert-models.ts (`npm run convert`).
 */
import { copyFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { squareCropAround, type PixelBox } from '../../src/features/face-crop.ts';
import { lumaOf, mean, normalizedSharpness } from '../../src/features/face-quality.ts';
import { distressScore, EXPRESSION_LABELS, normalizeTrunkPixels, TRUNK_INPUT_SIZE_PX } from '../../src/models/vision/face-trunk.ts';
import { buildFaceTrunk, loadFaceApiWeights } from '../lib/face-expression-trunk.ts';
import { loadModelFromDir, saveModel, WEIGHTS_FILE } from '../lib/model-files.ts';
import { UINT8_KERNELS_FLOAT32_VECTORS } from '../lib/quantize-weights.ts';
import { cropSquare, plainCrop, readImageFile, type AffineCrop, type RgbImage } from '../lib/rgb-image.ts';
import { initTfNode, tf } from '../lib/tf-node.ts';
import { attachTfliteMetadata, buildImageModelMetadata } from '../lib/tflite-metadata.ts';
import { readEyeCorners } from '../lib/closed-eyes.ts';
import { humanModelsDir, loadEyeLandmarkerNode, measureEyeSet, type EyeCase } from '../lib/eye-landmarks-node.ts';
import { CLOSED_BELOW_OPENNESS, OPEN_ABOVE_OPENNESS } from '../../src/features/eyes.ts';
import { EYE_MODELS_PATH, FACE_MESH_FILE, IRIS_FILE } from '../../src/models/vision/eye-landmarks.ts';

/** The eye nets' files, as npm @vladmandic/human ships them. */
const EYE_MODEL_FILES = [FACE_MESH_FILE, 'facemesh.bin', IRIS_FILE, 'iris.bin'];

/** Copies the eye nets into `outDir`/eyes/ unchanged; returns their total size in bytes. */
function copyEyeModels(outDir: string): number {
  const to = path.join(outDir, path.basename(EYE_MODELS_PATH));
  mkdirSync(to, { recursive: true });
  let bytes = 0;
  for (const file of EYE_MODEL_FILES) {
    copyFileSync(path.join(humanModelsDir(), file), path.join(to, file));
    bytes += statSync(path.join(to, file)).size;
  }
  return bytes;
}

interface OpennessSummary {
  pictures: number;
  min: number;
  median: number;
  max: number;
  open: number;
  closed: number;
  unsure: number;
}

function summarize(cases: readonly EyeCase[]): OpennessSummary {
  const values = cases.map((c) => c.openness).filter((v): v is number => v !== null).sort((a, b) => a - b);
  const at = (q: number): number => Number((values[Math.min(values.length - 1, Math.floor(q * values.length))] ?? Number.NaN).toFixed(3));
  const count = (state: EyeCase['state']): number => cases.filter((c) => c.state === state).length;
  return { pictures: cases.length, min: at(0), median: at(0.5), max: at(1), open: count('open'), closed: count('closed'), unsure: count('unsure') };
}

function eyeSetGroups(cases: readonly EyeCase[]): { name: string; summary: OpennessSummary }[] {
  const lashes = [...new Set(cases.map((c) => c.lashWidthFraction).filter((v): v is number => v !== null))];
  return [
    { name: 'open (the portrait)', summary: summarize(cases.filter((c) => c.eyes === 'open')) },
    ...lashes.map((lash) => ({
      name: lash === 0 ? 'painted shut, no lash line' : `painted shut, lash line ${lash} × eye width`,
      summary: summarize(cases.filter((c) => c.lashWidthFraction === lash)),
    })),
  ];
}

function eyesSection(eyeBytes: number, groups: readonly { name: string; summary: OpennessSummary }[]): string {
  const rows = groups.map(({ name, summary: s }) => `| ${name} | ${s.pictures} | ${s.min} | ${s.median} | ${s.max} | ${s.open} | ${s.closed} | ${s.unsure} |`).join('\n');
  return `
## Eyes open or closed (src/features/eyes.ts, src/models/vision/eye-landmarks.ts)
\`eyes/\` (${(eyeBytes / 1024).toFixed(0)} KiB): MediaPipe's **Face Mesh** (\`facemesh.json\` + \`.bin\`, 192×192 RGB in 0–1 → 468 points and a face score) and **Iris** (\`iris.json\` + \`.bin\`, a 64×64 eye → 71 eye-contour and 5 iris points) as TF.js graph models, Google's models (Apache-2.0) as packaged in npm \`@vladmandic/human\` 3.3.6 (MIT), copied unchanged; served from the app's origin and precached like every model. On the upright face crop the pipeline already makes, Face Mesh gives the eye corners (and, when the face is still rolled more than 12°, its chin-to-forehead line levels the crop and it runs again); Iris then reads each eye, cut level and the left one mirrored, as MediaPipe does. **Openness** = the mean gap between the upper and lower lid at the three middle contour points over the corner-to-corner width. Closed below ${CLOSED_BELOW_OPENNESS}, open above ${OPEN_ABOVE_OPENNESS}, "cannot tell" between, or when the two eyes differ by more than 0.12, or Face Mesh's face score is under 0.5. Its own quality rule comes first: a crop darker than mean luma 60 ("too dark to tell"), a face under 15% of the frame's shorter side, or sharpness under 100 is not read (the nets do not run). Face Mesh's own lid points (159/145, 386/374) were tried first and moved much less: 0.34 open against 0.19–0.27 painted shut on the upright portrait, where Iris gave 0.36–0.37 against 0.11–0.20. face-api's 68-point landmarks, tried before that, drew open eyes on painted-shut ones and are no longer in the app.

**Measured** (by this converter, in Node on the wasm backend) on **generated pictures of one adult face**: the astronaut portrait with her eyes open, and copies with both eyes painted shut (\`scripts/lib/closed-eyes.ts\`: the eye region covered with the skin below it and a dark lash line along a shallow arc), each cut as the app cuts it, left rolled −45° to 45° in 15° steps (the app turns faces upright only in quarter turns), at 132 and 101 camera pixels per crop side, at 0.7× and 1.2× brightness:

| picture | crops | openness min | median | max | read open | closed | cannot tell |
| --- | --- | --- | --- | --- | --- | --- | --- |
${rows}

The thresholds sit between the open portrait's lowest and the lash-lined copies' highest openness. A painted patch with no lash line at all is not how a closed eye looks, and at 45° of roll it reads open. **Not validated**: any real closed eye (no public-domain closed-eye photograph was available here), any infant (babies' lids, lashes and eye shapes differ from an adult's; the nets were trained on adults), infrared night pictures, glasses, a face half-turned away or half covered by a blanket. Treat "Eyes closed" / "Eyes open" as a hint for the sleep watch, where open eyes count as activity, not as proof of sleep.
`;
}

export const FACE_DETECTOR_FILE = 'face_detection_short_range_with_metadata.tflite';
/** The detector's input side and its [-1, 1] normalization: (x − 127.5) / 127.5. */
const DETECTOR_INPUT_PX = 128;
const DETECTOR_NORMALIZATION = 127.5;

const require = createRequire(import.meta.url);

export interface VisionConvertOptions {
  /** Folder that receives the files (public/models/vision). */
  outDir: string;
  /** Folder holding astronaut.png and astronaut-face-box.json (tests/fixtures). */
  fixturesDir: string;
}

interface FaceBoxFixture {
  /** The face box MediaPipe finds in astronaut.png, in pixels (checked by the e2e test). */
  face: PixelBox;
}

interface FixtureMeasurement {
  name: string;
  expressions: Record<string, number>;
  distress: number;
  distressQuantized: number;
  /** Mean luma of the crop, 0–255. */
  meanLuma: number;
  /** Laplacian variance of the crop's luma. */
  sharpness: number;
}

export function convertFaceDetector(outDir: string): { bytes: number } {
  const source = require.resolve('@mediapipe/face_detection/face_detection_short_range.tflite');
  const metadata = buildImageModelMetadata({
    name: 'MediaPipe short-range face detector (BlazeFace)',
    description: 'Detects faces within about 2 m of the camera. Metadata added by CryDecode scripts/convert/vision.ts.',
    version: String((JSON.parse(readFileSync(require.resolve('@mediapipe/face_detection/package.json'), 'utf8')) as { version: string }).version),
    author: 'Google (MediaPipe)',
    license: 'Apache-2.0',
    input: {
      name: 'image',
      description: `RGB image, ${DETECTOR_INPUT_PX}×${DETECTOR_INPUT_PX}, values normalized to [-1, 1].`,
      colorSpace: 'RGB',
      widthPx: DETECTOR_INPUT_PX,
      heightPx: DETECTOR_INPUT_PX,
      mean: [DETECTOR_NORMALIZATION],
      std: [DETECTOR_NORMALIZATION],
    },
    outputs: [
      { name: 'regressors', description: 'Box and 6 keypoint offsets for each of 896 anchors.' },
      { name: 'classificators', description: 'Face score logit for each of 896 anchors.' },
    ],
  });
  const written = attachTfliteMetadata(new Uint8Array(readFileSync(source)), metadata);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, FACE_DETECTOR_FILE), written);
  return { bytes: written.byteLength };
}

/** Side the blurred fixture is shrunk to before being scaled back up, in pixels. */
const BLUR_SHRINK_PX = 24;

/** The 112 px crops the trunk is measured on: the app's crop of the fixture face, variants of it, and a faceless patch. */
function fixtureImages(image: RgbImage, box: FaceBoxFixture): { name: string; pixels: RgbImage }[] {
  // The same square, with the same margin, as the app cuts around a detection.
  const square = squareCropAround(box.face, image.width, image.height);
  const base = plainCrop(square.x, square.y, square.side);
  const crop = (c: AffineCrop): RgbImage => cropSquare(image, c, TRUNK_INPUT_SIZE_PX);
  const small = cropSquare(image, base, BLUR_SHRINK_PX);
  return [
    { name: 'astronaut face', pixels: crop(base) },
    { name: 'astronaut face, mirrored', pixels: crop({ ...base, flipHorizontal: true }) },
    { name: 'astronaut face, rotated 15°', pixels: crop({ ...base, rotationRad: (15 * Math.PI) / 180 }) },
    { name: 'astronaut face, 30% brightness', pixels: crop({ ...base, brightness: 0.3 }) },
    { name: `astronaut face, blurred (${BLUR_SHRINK_PX} px upscaled)`, pixels: cropSquare(small, plainCrop(0, 0, BLUR_SHRINK_PX), TRUNK_INPUT_SIZE_PX) },
    { name: 'astronaut, top-left patch (no face)', pixels: crop(plainCrop(0, 0, square.side)) },
  ];
}

async function measureFixtures(outDir: string, fixturesDir: string, floatModel: tf.LayersModel): Promise<FixtureMeasurement[]> {
  const image = readImageFile(path.join(fixturesDir, 'astronaut.png'));
  const box = JSON.parse(readFileSync(path.join(fixturesDir, 'astronaut-face-box.json'), 'utf8')) as FaceBoxFixture;
  const quantized = await loadModelFromDir(outDir);
  const results: FixtureMeasurement[] = [];
  for (const { name, pixels } of fixtureImages(image, box)) {
    const input = tf.tensor4d(normalizeTrunkPixels(pixels.data, 3), [1, TRUNK_INPUT_SIZE_PX, TRUNK_INPUT_SIZE_PX, 3]);
    const [, expFloat] = floatModel.predict(input) as tf.Tensor[];
    const [, expQuant] = quantized.predict(input) as tf.Tensor[];
    if (expFloat === undefined || expQuant === undefined) throw new Error('The trunk returned no expressions.');
    const pFloat = await expFloat.data();
    const pQuant = await expQuant.data();
    tf.dispose([input, expFloat, expQuant]);
    const luma = lumaOf(pixels.data, 3);
    results.push({
      name,
      expressions: Object.fromEntries(EXPRESSION_LABELS.map((l, i) => [l, Number((pFloat[i] ?? 0).toFixed(4))])),
      distress: Number(distressScore(pFloat).toFixed(4)),
      distressQuantized: Number(distressScore(pQuant).toFixed(4)),
      meanLuma: Number(mean(luma).toFixed(1)),
      sharpness: Number(normalizedSharpness(luma, TRUNK_INPUT_SIZE_PX, TRUNK_INPUT_SIZE_PX).toFixed(1)),
    });
  }
  quantized.dispose();
  return results;
}

/** The camera-watch part of the card: measured by npm run evaluate:faces and the unit and end-to-end tests, not by this converter. */
const CAMERA_WATCH_SECTION = `
## Finding the face at any roll and distance (src/models/vision/face-finder.ts)
The detector above only sees roughly upright faces that fill a good part of its 128 px input. The app therefore runs it several times a frame, within a budget of 6 passes: the whole frame turned 0/90/180/270°, then zoomed tiles of it at each turn, merging the boxes across passes (\`src/features/face-merge.ts\`), confirming a weak new box (score < 0.7) with a zoom around it, and holding the last box through 3 missed frames. While a face is followed a frame costs one pass. The face crop is turned upright before the trunk sees it. MediaPipe's full-range detector (\`face_detection_full_range.tflite\` in the same npm package) is **not** used and was not tried: MediaPipe's face-detector graph source sets its SSD anchors for the short-range model (128 px input, 896 anchors), so the full-range model (192 px, 2304 anchors) is not expected to run on tasks-vision 0.10.35 (not checked here); the zoomed tiles stand in for it.

**Measured** with \`npm run evaluate:faces\` (3 frames per picture, the first searched afresh) on 96 pictures made by \`scripts/fixtures/make-face-set.ts\` from the astronaut portrait: every 15° of roll × 4 sizes on a grey 640×480 frame, found = a box centred on the labelled face. This is **one adult face, generated rotations, plain background**:

| face side in the 640×480 frame | stock detector, 1 pass | this pipeline |
| --- | --- | --- |
| ≈ 88 px (portrait 480 px) | 15 / 24 | 24 / 24 |
| ≈ 53 px (portrait 288 px) | 6 / 24 | 24 / 24 |
| ≈ 31 px (portrait 168 px) | 0 / 24 | 16 / 24 |
| ≈ 20 px (portrait 106 px) | 0 / 24 | 4 / 24 |
| all | 21 / 96, 10 boxes elsewhere | 68 / 96, 3 boxes elsewhere |

**Not measured**: any infant face. The issue's 300 infant photos (78% found by the stock detector) were not available here; whether this reaches 95% on them is unknown until someone runs \`npm run evaluate:faces -- --data DIR\` on them.

## Motion in the cot region (src/features/motion.ts)
Frame differences on a 64×48 luma thumbnail inside the region the parent drags on the preview, each frame divided by its own mean (light and exposure changes are no motion), a pixel counting as changed above max(14 levels, 4 × the frame's own noise), "moving" above 3% of the region and back to "still" after 3 quiet frames. **Validated only** on generated frame sequences (unit tests: still, camera noise, breathing-size motion, rolling over, dusk and an exposure jump, a dark picture) and on ffmpeg-made fake camera videos of the astronaut (end-to-end). **Not validated** on a real cot, a real baby, infrared night pictures, a moving mobile over the cot or a parent's hand.

## Asleep / awake proposals (src/fusion/sleep-watch.ts)
"Looks asleep since …" after 15 minutes of stillness without crying; "Looks awake since …" after 2 minutes of movement or crying while a sleep is open in the care log. Only proposed: an entry is written when the parent taps "Log it". **Validated only** on a scripted timeline (unit tests) and a still fake-camera clip with the minutes shortened (\`?sleepWatchMinutes=0.2,0.1\`, end-to-end). **Not validated** against any real infant's sleep: stillness is not sleep (a quietly awake baby is still; a sleeping baby moves), and nothing here has been compared with a parent's log or a sleep study.
`;

function modelCard(detectorBytes: number, trunkBytes: number, fixtures: FixtureMeasurement[], eyes: string): string {
  const rows = fixtures
    .map((f) => `| ${f.name} | ${Object.entries(f.expressions).sort((a, b) => b[1] - a[1])[0]?.[0] ?? ''} | ${f.distress.toFixed(3)} | ${f.distressQuantized.toFixed(3)} | ${f.meanLuma.toFixed(0)} | ${f.sharpness.toFixed(0)} |`)
    .join('\n');
  return `# Vision models (face branch)

Written by \`scripts/convert/vision.ts\` (\`npm run convert\`); do not edit by hand.

## What is here
| file | what | source | licence |
| --- | --- | --- | --- |
| \`${FACE_DETECTOR_FILE}\` (${(detectorBytes / 1024).toFixed(0)} KiB) | MediaPipe short-range face detector (BlazeFace, 128×128 RGB input) with TFLite metadata (RGB image, normalization mean 127.5 / std 127.5) attached by our own writer so \`@mediapipe/tasks-vision\` 0.10.35 accepts it. Weights byte-for-byte unchanged. | npm \`@mediapipe/face_detection\` | Apache-2.0 |
| \`eyes/facemesh.json\` + \`.bin\`, \`eyes/iris.json\` + \`.bin\` | MediaPipe Face Mesh and Iris (TF.js graph models), for eyes open or closed: see "Eyes" below. | npm \`@vladmandic/human\` 3.3.6 \`models/\` | Apache-2.0 (Google's models), MIT (packaging) |
| \`model.json\` + \`${WEIGHTS_FILE}\` (${(trunkBytes / 1024).toFixed(0)} KiB, uint8 kernels) | The face trunk: face-api's facial-expression network, rebuilt as a TF.js LayersModel. Input: 112×112 RGB face crop, minus the per-channel mean (122.782, 117.001, 104.298), divided by 255. Outputs: \`embedding\` (256 pooled features) and \`expressions\` (7 probabilities: ${EXPRESSION_LABELS.join(', ')}). | npm \`@vladmandic/face-api\` \`model/face_expression_model\` | MIT |

No need head ships: \`need-head/\` exists only when someone trains one (\`npm run train:vision\`).

## What the face branch can tell
- **Whether a face is visible**, and whether the picture is usable: detection score, face size, brightness and sharpness (Laplacian variance) decide "face visible", "no face visible", "too dark", "too far" or "blurry".
- **A "visible distress" score**: P(sad) + P(angry) + P(fearful) + P(disgusted) from the expression network; 'surprised' counts as neither distress nor calm. It is a proxy read off a network **trained on adult faces**. Nothing here has been validated on infants: a crying baby may read as any of these classes, and a calm one may not read as calm. The app shows it only as a "distress hint" under the camera, never as a need, and nothing else uses it.
- **An embedding** (256 numbers) returned with every frame, for per-baby learning.

## What it cannot tell
- **The need** (hunger, pain, discomfort, tired). No licensed infant-face data set labelled by need exists, so the app ships **no need head**; the worker reports \`needProbabilities: null\` and the fusion leaves the face out. A head trained with \`npm run train:vision\` on your own labelled photos is loaded from \`public/models/vision/need-head/\` only when present.

## Measured on the face fixtures (the only face we may ship: NASA's public-domain astronaut portrait)
The crop is the one the app makes from the MediaPipe detection (\`tests/fixtures/astronaut-face-box.json\`, checked by the end-to-end test). Adult, smiling: distress is expected to be low; that it is says nothing about babies. The faceless patch shows why distress is only reported for a detected, usable face: on texture the network still answers, confidently and meaninglessly. Quality thresholds in the app: mean luma ≥ 40, brightness-normalized sharpness ≥ 100, face ≥ 12% of the frame's shorter side.

| fixture | top expression | distress (float) | distress (uint8, shipped) | mean luma | sharpness |
| --- | --- | --- | --- | --- | --- |
${rows}
${CAMERA_WATCH_SECTION}${eyes}`;
}

/** Writes every vision model file; returns what it measured. */
export async function convertVision(options: VisionConvertOptions): Promise<{ fixtures: FixtureMeasurement[] }> {
  await initTfNode();
  const detector = convertFaceDetector(options.outDir);
  const weights = loadFaceApiWeights(require.resolve('@vladmandic/face-api/model/face_expression_model-weights_manifest.json'));
  const trunk = buildFaceTrunk(weights);
  const trunkBytes = await saveModel(trunk, options.outDir, {
    quantization: UINT8_KERNELS_FLOAT32_VECTORS,
    convertedBy: 'CryDecode scripts/convert/vision.ts',
  });
  const fixtures = await measureFixtures(options.outDir, options.fixturesDir, trunk);
  trunk.dispose();
  tf.dispose(weights);
  const eyeBytes = copyEyeModels(options.outDir);
  const eyeLandmarker = await loadEyeLandmarkerNode(path.join(options.outDir, path.basename(EYE_MODELS_PATH)));
  const faceBox = (JSON.parse(readFileSync(path.join(options.fixturesDir, 'astronaut-face-box.json'), 'utf8')) as FaceBoxFixture).face;
  const eyeCases = measureEyeSet(eyeLandmarker, readImageFile(path.join(options.fixturesDir, 'astronaut.png')), faceBox, readEyeCorners(path.join(options.fixturesDir, 'astronaut-eyes.json')));
  eyeLandmarker.dispose();
  const eyeGroups = eyeSetGroups(eyeCases);
  const metrics = {
    faceDetector: { file: FACE_DETECTOR_FILE, bytes: detector.bytes },
    trunk: { bytes: trunkBytes, quantization: 'uint8 affine per tensor (kernels), float32 biases', distressMapping: 'sad + angry + fearful + disgusted' },
    fixtures,
    eyes: { bytes: eyeBytes, closedBelowOpenness: CLOSED_BELOW_OPENNESS, openAboveOpenness: OPEN_ABOVE_OPENNESS, generatedSet: eyeGroups, validatedOnRealClosedEyes: false },
    validatedOnInfants: false,
  };
  writeFileSync(path.join(options.outDir, 'metrics.json'), JSON.stringify(metrics, null, 2) + '\n');
  writeFileSync(path.join(options.outDir, 'MODEL_CARD.md'), modelCard(detector.bytes, trunkBytes, fixtures, eyesSection(eyeBytes, eyeGroups)));
  return { fixtures };
}
