/**
 * The vision path's benchmark hook for the bench page: detect + crop + trunk per frame, timed
 * inside the vision worker (where the app runs it), with a tensor-leak count.
 */
import type { VisionBenchEvent } from '../protocol/vision-worker-messages.ts';
import { VisionWorkerClient } from './vision-worker-client.ts';

/** Frames analysed before timing starts (first calls compile wasm and warm caches). */
export const VISION_BENCH_WARMUP_FRAMES = 5;

export interface VisionBenchmarkOptions {
  /** The app's base URL (ending in '/'), where models/ and mediapipe/ are served. */
  baseUrl: string;
  /** The picture to analyse; typically 640×480 with one face. */
  image: CanvasImageSource;
  widthPx: number;
  heightPx: number;
  iterations: number;
  /** TF.js backend for the trunk (default wasm); the detector always runs MediaPipe's CPU path. */
  backend?: 'wasm' | 'webgl' | 'cpu';
  /** Turn the picture by this many degrees clockwise before timing (a baby lying sideways). */
  rotationDegrees?: number;
  /** See VisionBenchRequest.mode. */
  mode?: 'follow' | 'search';
}

async function frameOf(image: CanvasImageSource, widthPx: number, heightPx: number, rotationDegrees = 0): Promise<ImageBitmap> {
  const canvas = new OffscreenCanvas(widthPx, heightPx);
  const ctx = canvas.getContext('2d');
  if (ctx === null) throw new Error('No 2D canvas for the benchmark frame.');
  ctx.fillStyle = '#808080';
  ctx.fillRect(0, 0, widthPx, heightPx);
  ctx.translate(widthPx / 2, heightPx / 2);
  ctx.rotate((rotationDegrees * Math.PI) / 180);
  // Turned by a quarter, the picture is drawn at the frame's shorter side so none of it is cut.
  const side = rotationDegrees % 180 === 0 ? null : Math.min(widthPx, heightPx);
  ctx.drawImage(image, -(side ?? widthPx) / 2, -(side ?? heightPx) / 2, side ?? widthPx, side ?? heightPx);
  return createImageBitmap(canvas);
}

/** Heartbeat allowance for a timed run, which keeps the worker busy without answering, in milliseconds. */
const BENCH_HEARTBEAT_TIMEOUT_MS = 10 * 60_000;

/** Starts a vision worker, warms it up, times `iterations` frames, and stops it. */
export async function benchmarkVisionPath(options: VisionBenchmarkOptions): Promise<VisionBenchEvent> {
  const client = new VisionWorkerClient({ heartbeatTimeoutMs: BENCH_HEARTBEAT_TIMEOUT_MS });
  try {
    await client.init(options.baseUrl, options.backend);
    const frame = (): Promise<ImageBitmap> => frameOf(options.image, options.widthPx, options.heightPx, options.rotationDegrees);
    await client.bench(await frame(), VISION_BENCH_WARMUP_FRAMES, { ...(options.mode === undefined ? {} : { mode: options.mode }) });
    return await client.bench(await frame(), options.iterations, { ...(options.mode === undefined ? {} : { mode: options.mode }) });
  } finally {
    client.terminate();
  }
}
