import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, CDPSession, Page } from '@playwright/test';
import { decodeWav } from './wav.ts';

/** The end-to-end fixture the soak plays: read as a file, so the scripts never import test code. */
const CRY_FIXTURE = path.resolve(import.meta.dirname, '../../tests/fixtures/cry-48k.wav');

/**
 * Drives the production audio worker (the built file, unchanged) with simulated microphone
 * chunks as fast as it can take them, through the same messages the app sends: load the models,
 * start a session on a chunk port, post 2048-sample chunks at 48 kHz. The sound is a 30 s cycle
 * of quiet room noise and two 4 s cries, so predictions, episodes' worth of crying and silence
 * all go through the models. Used by tests/e2e/soak.spec.ts and, for an hour, by scripts/bench/bench-soak.ts.
 */

export const SOAK_INPUT_RATE_HZ = 48_000;
const CHUNK_SAMPLES = 2048;

export interface SoakSample {
  /** Simulated minutes of monitoring fed so far. */
  audioMinutes: number;
  /** Wall-clock seconds spent so far. */
  wallSeconds: number;
  /** TF.js tensors alive in the worker, from its heartbeat answer. */
  liveTensors: number;
  /** The worker's JS heap after a forced garbage collection, in bytes. */
  workerHeapUsedBytes: number;
  /** Model predictions received so far. */
  predictions: number;
}

interface SoakPageState {
  feedSeconds(seconds: number): Promise<{ predictions: number }>;
  liveTensors(): Promise<number | null>;
  errors: string[];
}

declare global {
  interface Window {
    soak?: SoakPageState;
  }
}

/** The built audio worker's URL path, found in the served build folder. */
function audioWorkerPath(): string {
  const assets = path.resolve(process.env.E2E_DIST_DIR ?? 'dist', 'assets');
  const name = readdirSync(assets).find((file) => /^audio\.worker-[\w-]+\.js$/.test(file));
  if (name === undefined) throw new Error(`soak: no audio.worker-*.js in ${assets}; run the build first`);
  return `/assets/${name}`;
}

/** Opens a blank page of the app's origin and starts the worker on it; resolves once the models are ready. */
export async function startSoak(page: Page): Promise<void> {
  const cry = decodeWav(readFileSync(CRY_FIXTURE), 'cry-48k.wav');
  if (cry.sampleRateHz !== SOAK_INPUT_RATE_HZ) throw new Error('soak: cry-48k.wav must be 48 kHz');
  await page.route('**/soak.html', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>soak</title>' }));
  await page.goto('/soak.html');
  await page.evaluate(
    async ({ workerPath, crySamples, rateHz, chunkSamples }) => {
      // One 30 s cycle: 4 s room noise, the cry twice, 18 s room noise.
      const cycle = new Float32Array(30 * rateHz);
      let seed = 1;
      for (let i = 0; i < cycle.length; i++) {
        seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0;
        cycle[i] = ((seed / 2 ** 32) - 0.5) * 0.004;
      }
      cycle.set(crySamples, 4 * rateHz);
      cycle.set(crySamples, 4 * rateHz + crySamples.length);

      const worker = new Worker(workerPath, { type: 'module' });
      const errors: string[] = [];
      let predictions = 0;
      let analysedSeconds = 0;
      let progressWaiter: (() => void) | null = null;
      let pongWaiter: ((liveTensors: number | null) => void) | null = null;
      let modelsReady: (() => void) | null = null;
      const ready = new Promise<void>((resolve) => (modelsReady = resolve));
      worker.onerror = (event) => errors.push(`worker error: ${event.message}`);
      worker.onmessage = (event: MessageEvent<{ type: string; timeSeconds?: number; liveTensors?: number | null; message?: string; reason?: string }>) => {
        const data = event.data;
        if (data.type === 'models-ready') modelsReady?.();
        else if (data.type === 'models-unavailable') errors.push(`models unavailable: ${data.reason ?? ''}`);
        else if (data.type === 'error') errors.push(`worker: ${data.message ?? ''}`);
        else if (data.type === 'prediction') predictions += 1;
        else if (data.type === 'pong') pongWaiter?.(data.liveTensors ?? null);
        else if (data.type === 'spectrogram') {
          analysedSeconds = data.timeSeconds ?? analysedSeconds;
          progressWaiter?.();
        }
      };
      worker.postMessage({ type: 'load-models', id: 1, baseUrl: new URL('/models/audio/', location.href).href });
      await ready;
      const channel = new MessageChannel();
      worker.postMessage({ type: 'start', id: 2, inputSampleRateHz: rateHz, chunkPort: channel.port2 }, [channel.port2]);

      let position = 0;
      let fedSamples = 0;
      window.soak = {
        errors,
        async feedSeconds(seconds) {
          const chunks = Math.round((seconds * rateHz) / chunkSamples);
          for (let c = 0; c < chunks; c++) {
            const samples = new Float32Array(chunkSamples);
            for (let i = 0; i < chunkSamples; i++) {
              samples[i] = cycle[position] ?? 0;
              position = (position + 1) % cycle.length;
            }
            channel.port1.postMessage({ type: 'chunk', samples }, [samples.buffer]);
          }
          fedSamples += chunks * chunkSamples;
          // Wait until the worker has analysed everything fed (within one display frame's worth).
          const target = fedSamples / rateHz - 0.1;
          while (analysedSeconds < target && errors.length === 0) {
            await new Promise<void>((resolve) => (progressWaiter = resolve));
          }
          return { predictions };
        },
        liveTensors() {
          return new Promise((resolve) => {
            pongWaiter = resolve;
            worker.postMessage({ type: 'ping', id: 3 });
          });
        },
      };
    },
    { workerPath: audioWorkerPath(), crySamples: Array.from(cry.samples), rateHz: SOAK_INPUT_RATE_HZ, chunkSamples: CHUNK_SAMPLES },
  );
}

/** The worker's JS heap in use after a forced garbage collection, through the DevTools protocol. */
export async function createWorkerHeapProbe(browser: Browser): Promise<{ usedBytes(): Promise<number>; close(): Promise<void> }> {
  const cdp: CDPSession = await browser.newBrowserCDPSession();
  const { targetInfos } = await cdp.send('Target.getTargets');
  const target = targetInfos.find((info) => info.type === 'worker' && info.url.includes('/assets/audio.worker-'));
  if (target === undefined) throw new Error('soak: the audio worker is not among the browser targets');
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
  let nextId = 1;
  const waiting = new Map<number, (result: unknown) => void>();
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    if (event.sessionId !== sessionId) return;
    const reply = JSON.parse(event.message) as { id?: number; result?: unknown };
    if (reply.id !== undefined) waiting.get(reply.id)?.(reply.result);
  });
  const call = (method: string): Promise<unknown> =>
    new Promise((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) });
    });
  return {
    async usedBytes() {
      await call('HeapProfiler.collectGarbage');
      const usage = (await call('Runtime.getHeapUsage')) as { usedSize: number };
      return usage.usedSize;
    },
    close: () => cdp.detach(),
  };
}

/** Feeds `minutes` of simulated monitoring, sampling the worker every `sampleEveryMinutes`. */
export async function runSoak(browser: Browser, page: Page, minutes: number, sampleEveryMinutes: number): Promise<SoakSample[]> {
  await startSoak(page);
  const heap = await createWorkerHeapProbe(browser);
  const samples: SoakSample[] = [];
  const started = performance.now();
  try {
    for (let fed = 0; fed < minutes; fed += sampleEveryMinutes) {
      const { predictions } = await page.evaluate((seconds) => window.soak?.feedSeconds(seconds) ?? Promise.reject(new Error('soak not started')), sampleEveryMinutes * 60);
      const errors = await page.evaluate(() => window.soak?.errors ?? []);
      if (errors.length > 0) throw new Error(`soak: ${errors.join('; ')}`);
      const liveTensors = await page.evaluate(() => window.soak?.liveTensors() ?? Promise.resolve(null));
      if (liveTensors === null) throw new Error('soak: the worker reported no tensor count (models not loaded?)');
      samples.push({
        audioMinutes: fed + sampleEveryMinutes,
        wallSeconds: (performance.now() - started) / 1000,
        liveTensors,
        workerHeapUsedBytes: await heap.usedBytes(),
        predictions,
      });
    }
  } finally {
    await heap.close();
  }
  return samples;
}
