/**
 * The page `npm run bench` and `npm run evaluate:faces` drive in headless Chromium. It exposes
 * entry points for the drivers; the app itself never loads this file.
 */
import astronautUrl from '../tests/fixtures/astronaut.png?url';
import { useBundledWasmBinaries } from '../src/models/tf-backend.ts';
import { benchmarkVisionPath } from '../src/capture/vision-benchmark.ts';
import { VisionWorkerClient } from '../src/capture/vision-worker-client.ts';
import { benchmarkAudioPath } from './audio-bench.ts';
import type { BenchApi, FaceEvaluationResult, VisionScene } from './bench-api.ts';

/** Frames timed on the vision path per backend and scene (each takes tens of milliseconds). */
const VISION_FRAMES = 60;

useBundledWasmBinaries();

async function loadImage(url: string): Promise<HTMLImageElement> {
  const image = new Image();
  image.src = url;
  await image.decode();
  return image;
}

function blankImage(): OffscreenCanvas {
  const canvas = new OffscreenCanvas(640, 480);
  const ctx = canvas.getContext('2d');
  if (ctx === null) throw new Error('No 2D canvas for the blank frame.');
  ctx.fillStyle = '#808080';
  ctx.fillRect(0, 0, 640, 480);
  return canvas;
}

const SCENE_SETUP: Record<VisionScene, { rotationDegrees: number; mode: 'follow' | 'search'; blank: boolean }> = {
  'upright face, followed': { rotationDegrees: 0, mode: 'follow', blank: false },
  'face turned 90°, searched afresh': { rotationDegrees: 90, mode: 'search', blank: false },
  'no face, searched afresh': { rotationDegrees: 0, mode: 'search', blank: true },
};

const baseUrl = (): string => new URL('./', document.baseURI).href;

let faceClient: VisionWorkerClient | null = null;

const api: BenchApi = {
  audio: (backend) => benchmarkAudioPath(backend, new URL('models/audio', document.baseURI).href),
  async vision(backend, scene) {
    const setup = SCENE_SETUP[scene];
    const image = setup.blank ? blankImage() : await loadImage(astronautUrl);
    const result = await benchmarkVisionPath({ baseUrl: baseUrl(), image, widthPx: 640, heightPx: 480, iterations: VISION_FRAMES, backend, rotationDegrees: setup.rotationDegrees, mode: setup.mode });
    return { ...result, scene };
  },
  async startFaces(backend) {
    faceClient?.terminate();
    faceClient = new VisionWorkerClient();
    return (await faceClient.init(baseUrl(), backend)).backend;
  },
  async analyzeFace(base64, mimeType, frames) {
    const client = faceClient;
    if (client === null) throw new Error('startFaces first');
    const blob = await (await fetch(`data:${mimeType};base64,${base64}`)).blob();
    const results: FaceEvaluationResult[] = [];
    for (let i = 0; i < frames; i++) {
      const full = await client.analyze(await createImageBitmap(blob), performance.now(), { continuous: i > 0 });
      full.cropImage?.close();
      // Pixels and features stay in the page: the driver reads the report only.
      results.push({ ...full, cropImage: null, embedding: null });
    }
    return results;
  },
};
window.crydecodeBench = api;
document.getElementById('status')?.setAttribute('data-ready', 'true');
