/**
 * Benchmark: one hour (by default) of simulated monitoring fed to the production audio worker as
 * fast as it can take it, in Debian's Chromium, sampling the worker's live TF.js tensors and its
 * JS heap (after a forced GC) every few minutes. Prints a table and a JSON line for BENCHMARKS.md.
 * Needs a production build (`npm run build`, or a folder given as the second argument).
 *
 *   node --import tsx scripts/bench/bench-soak.ts [minutes=60] [distDir=dist] [sampleEveryMinutes=5]
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import { chromiumLaunchOptions } from '../lib/chromium.ts';
import { benchArguments } from '../lib/bench-args.ts';
import { runSoak } from '../lib/soak-driver.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SOAK_PORT = 4291;

const [minutes, distFolder, sampleEveryMinutes] = benchArguments('bench-soak', [
  { name: 'minutes', default: 60 },
  { name: 'distDir', default: 'dist', text: true },
  { name: 'sampleEveryMinutes', default: 5 },
]);
const distDir = path.resolve(ROOT, distFolder);
if (!existsSync(path.join(distDir, 'index.html'))) {
  console.error(`bench-soak: no build in ${distDir}; run "npm run build" first.`);
  process.exit(2);
}
process.env.E2E_DIST_DIR = distDir;

const server = await preview({ root: ROOT, logLevel: 'silent', build: { outDir: distDir }, preview: { port: SOAK_PORT, strictPort: true } });
const browser = await chromium.launch(chromiumLaunchOptions([]));
try {
  const page = await browser.newPage({ baseURL: `http://localhost:${SOAK_PORT}` });
  const samples = await runSoak(browser, page, minutes, sampleEveryMinutes);
  const first = samples[0];
  const last = samples.at(-1);
  if (first === undefined || last === undefined) throw new Error('no samples');
  console.log(`soak: ${minutes} min of simulated monitoring (48 kHz chunks, cry/quiet cycle) through the production audio worker`);
  console.log('audio min  wall s  predictions  live tensors  worker heap MB');
  for (const sample of samples) {
    console.log(
      `${String(sample.audioMinutes).padStart(9)}  ${sample.wallSeconds.toFixed(1).padStart(6)}  ${String(sample.predictions).padStart(11)}  ${String(sample.liveTensors).padStart(12)}  ${(sample.workerHeapUsedBytes / 2 ** 20).toFixed(2).padStart(14)}`,
    );
  }
  const tensorCounts = new Set(samples.map((sample) => sample.liveTensors));
  console.log(
    `tensors ${tensorCounts.size === 1 ? `constant at ${first.liveTensors}` : `CHANGED: ${[...tensorCounts].join(' → ')}`}; ` +
      `worker heap ${(first.workerHeapUsedBytes / 2 ** 20).toFixed(2)} → ${(last.workerHeapUsedBytes / 2 ** 20).toFixed(2)} MB; ` +
      `${(last.audioMinutes * 60 / last.wallSeconds).toFixed(0)}× real time`,
  );
  console.log(JSON.stringify({ soak: { minutes, samples } }));
} finally {
  await browser.close();
  await new Promise<void>((resolve, reject) => server.httpServer.close((error) => (error ? reject(error) : resolve())));
}
