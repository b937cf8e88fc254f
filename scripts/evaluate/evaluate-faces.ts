/**
 * `npm run evaluate:faces -- --data DIR [--frames N] [--backend wasm|webgl] [--port N] [--no-build]`:
 * runs the app's own face pipeline (the vision worker, built as for the app, in headless
 * Chromium) over every JPEG/PNG under DIR and prints one JSON object: found, total, per-image
 * results and the frame cost p50/p95 (time in the worker per frame, every frame counted).
 *
 * Each picture is shown as N consecutive camera frames (default 3: one second of the live camera
 * at 3 frames a second), the first searched afresh with nothing followed from the picture
 * before, because the app spreads its search for a lost face over a few frames to stay within its
 * per-frame budget. `--frames 1` measures a single frame. "Found" means the worker reported a face
 * box on the last frame (whatever the quality verdict, given per image). Pictures are never copied.
 *
 * When DIR holds a `faces.json` ({ "file name": { x, y, width, height } }, as make-face-set.ts
 * writes), a box counts as found only on the right face: its centre within half the true face's
 * side of the true centre, and its longer side 0.5 to 2.5 times the true one (a face rolled 45°
 * gets a box about twice its size). `found` then counts those, `tightBoxes` those whose size is
 * also within 0.6 to 1/0.6 of the true one, and `boxesOnSomethingElse` boxes put elsewhere.
 *
 * Each image also gives the eyes the worker read on its last frame (open, closed, or why it
 * could not tell) and the lids' openness, and `eyes` counts the images by that reading. With the
 * default 3 frames, the eye nets run on the first frame that finds the face in one detector pass.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import type { FaceEvaluationResult } from '../../bench/bench-api.ts';
import { percentile } from '../../bench/percentiles.ts';
import { chromiumLaunchOptions } from '../lib/chromium.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const IMAGE_TYPES: Readonly<Record<string, string>> = { '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png' };

export interface FaceImageResult {
  file: string;
  found: boolean;
  status: string;
  score: number | null;
  box: [number, number, number, number] | null;
  rotationDegrees: number | null;
  /** Detector passes over the picture's frames. */
  passes: number;
  /** Worker time of each frame, in milliseconds. */
  frameMs: number[];
  /** First frame (1-based) with a face, or null. */
  firstFoundFrame: number | null;
  /** With faces.json: whether the box is on the labelled face (null without a label). */
  onTheFace: boolean | null;
  /** With faces.json: on the face and about its size. */
  tight: boolean | null;
  /** Eyes on the last frame: open, closed, or why they cannot be told (null without a face). Not validated on infants. */
  eyes: string | null;
  /** Mean lid openness on the last frame (lid gap over eye width), when measured. */
  eyesOpenness: number | null;
  error?: string;
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Whether `box` is on the labelled face `truth`, and whether it is tight (see the header for the rule). */
export function onFace(box: Box, truth: Box): { on: boolean; tight: boolean } {
  const side = Math.max(truth.width, truth.height);
  const dx = box.x + box.width / 2 - (truth.x + truth.width / 2);
  const dy = box.y + box.height / 2 - (truth.y + truth.height / 2);
  const ratio = Math.max(box.width, box.height) / side;
  const on = Math.hypot(dx, dy) <= side / 2 && ratio >= 0.5 && ratio <= 2.5;
  return { on, tight: on && ratio >= 0.6 && ratio <= 1 / 0.6 };
}

function readLabels(dir: string): Readonly<Record<string, Box>> | null {
  const file = path.join(dir, 'faces.json');
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, Box>;
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

function imagesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...imagesUnder(full));
    else if (IMAGE_TYPES[path.extname(name).toLowerCase()] !== undefined) out.push(full);
  }
  return out;
}

function summary(results: readonly FaceEvaluationResult[], file: string, truth: Box | undefined): FaceImageResult {
  const result = results[results.length - 1];
  if (result === undefined) throw new Error('No frame was analysed.');
  const face = result.face;
  const first = results.findIndex((r) => r.face !== null);
  return {
    file,
    found: face !== null,
    status: result.status,
    score: face === null ? null : Number(face.score.toFixed(3)),
    box: face === null ? null : [Math.round(face.x), Math.round(face.y), Math.round(face.width), Math.round(face.height)],
    rotationDegrees: result.search.rotationDegrees,
    passes: results.reduce((sum, r) => sum + r.search.passes, 0),
    frameMs: results.map((r) => Number(r.timings.totalMs.toFixed(2))),
    firstFoundFrame: first < 0 ? null : first + 1,
    onTheFace: truth === undefined ? null : face !== null && onFace(face, truth).on,
    tight: truth === undefined ? null : face !== null && onFace(face, truth).tight,
    eyes: result.eyes?.state ?? null,
    eyesOpenness: result.eyes?.openness === null || result.eyes?.openness === undefined ? null : Number(result.eyes.openness.toFixed(3)),
  };
}

function countBy(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { data: { type: 'string' }, frames: { type: 'string', default: '3' }, backend: { type: 'string', default: 'wasm' }, port: { type: 'string', default: '4291' }, 'no-build': { type: 'boolean', default: false } },
  });
  if (values.data === undefined) throw new Error('Usage: npm run evaluate:faces -- --data DIR (a folder of JPEG/PNG pictures)');
  const dir = path.resolve(values.data);
  let files: string[];
  try {
    files = imagesUnder(dir);
  } catch (error) {
    throw new Error(`Cannot read the picture folder ${dir}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (files.length === 0) throw new Error(`No JPEG or PNG pictures in ${dir}.`);
  const labels = readLabels(dir);
  const backend: 'wasm' | 'webgl' | null = values.backend === 'webgl' ? 'webgl' : values.backend === 'wasm' ? 'wasm' : null;
  if (backend === null) throw new Error(`--backend must be wasm or webgl, not "${values.backend}".`);
  const port = Number(values.port);
  const frames = Number(values.frames);
  if (!Number.isInteger(frames) || frames < 1 || frames > 100) throw new Error(`--frames must be a whole number from 1 to 100, not "${values.frames}".`);

  if (!values['no-build']) {
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.bench.config.ts', '--logLevel', 'error'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const server = await preview({ configFile: path.join(ROOT, 'vite.bench.config.ts'), logLevel: 'error', preview: { port, strictPort: true, host: '127.0.0.1' } });
  const browser = await chromium.launch(chromiumLaunchOptions(['--enable-unsafe-swiftshader']));
  const images: FaceImageResult[] = [];
  let trunkBackend: string;
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForSelector('#status[data-ready="true"]');
    trunkBackend = await page.evaluate((b) => window.crydecodeBench.startFaces(b), backend);
    const read = (file: string): [string, string] => [readFileSync(file).toString('base64'), IMAGE_TYPES[path.extname(file).toLowerCase()] ?? 'image/png'];
    // Untimed warm-up: the first frames compile wasm and fill caches.
    await page.evaluate(([data, type]) => window.crydecodeBench.analyzeFace(data, type, 3), read(files[0] as string));
    for (const file of files) {
      const relative = path.relative(dir, file);
      try {
        const [data, type] = read(file);
        images.push(summary(await page.evaluate(([d, t, n]) => window.crydecodeBench.analyzeFace(d, t, n), [data, type, frames] as const), relative, labels?.[relative]));
      } catch (error) {
        images.push({ file: relative, found: false, status: 'error', score: null, box: null, rotationDegrees: null, passes: 0, frameMs: [], firstFoundFrame: null, onTheFace: labels === null ? null : false, tight: labels === null ? null : false, eyes: null, eyesOpenness: null, error: error instanceof Error ? error.message : String(error) });
      }
    }
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
  const costs = images.flatMap((r) => r.frameMs);
  const found = images.filter((r) => (labels === null ? r.found : r.onTheFace === true)).length;
  const report = {
    data: dir,
    judgedBy: labels === null ? 'any face box' : 'box on the face labelled in faces.json',
    tightBoxes: labels === null ? null : images.filter((r) => r.tight === true).length,
    boxesOnSomethingElse: labels === null ? null : images.filter((r) => r.found && r.onTheFace === false).length,
    backend: trunkBackend,
    framesPerPicture: frames,
    found,
    total: images.length,
    foundRate: Number((found / images.length).toFixed(4)),
    frameCostMs: { p50: percentile(costs, 50), p95: percentile(costs, 95) },
    eyes: countBy(images.map((r) => r.eyes ?? 'no face')),
    images,
  };
  console.log(JSON.stringify(report, null, 2));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
