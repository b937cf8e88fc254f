/**
 * `npm run bench`: builds the benchmark page, serves it on loopback, drives Debian's Chromium
 * through the audio path (features + both models, per window, on wasm and webgl) and the vision
 * path (detect + crop + trunk per 640×480 frame), runs the Node benchmarks of the live audio
 * analysis and the CSV export, measures the whole browser's CPU while the app listens
 * (scripts/bench/bench-cpu.ts), builds the app and pairs two browsers as baby unit and parent unit
 * (scripts/bench/bench-link.ts), and rewrites the measured section of BENCHMARKS.md.
 * Numbers from a shared, noisy machine: compare ratios within one run.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import type { AudioBenchResult } from '../../bench/audio-bench.ts';
import { VISION_SCENES, type VisionScene } from '../../bench/bench-api.ts';
import type { VisionBenchEvent } from '../../src/protocol/vision-worker-messages.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** BENCH_PORT overrides it, for several checkouts benchmarking on one machine. */
const BENCH_PORT = Number(process.env.BENCH_PORT ?? 4290);
const MARK_START = '<!-- bench:start (written by npm run bench) -->';
const MARK_END = '<!-- bench:end -->';
const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--enable-unsafe-swiftshader',
];

function ms(value: number): string {
  return value.toFixed(1);
}

function runNode(script: string, args: string[] = []): string {
  return execFileSync(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, encoding: 'utf8' }).trim();
}

type VisionRow = VisionBenchEvent & { scene: VisionScene };

async function browserBenchmarks(visionOnly: boolean): Promise<{ audio: AudioBenchResult[]; vision: VisionRow[]; errors: string[] }> {
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.bench.config.ts', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  const server = await preview({ configFile: path.join(ROOT, 'vite.bench.config.ts'), preview: { port: BENCH_PORT, strictPort: true, host: '127.0.0.1' } });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const errors: string[] = [];
  const audio: AudioBenchResult[] = [];
  const vision: VisionRow[] = [];
  try {
    for (const backend of ['wasm', 'webgl']) {
      // A fresh page per backend: TF.js keeps one active backend per page.
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${BENCH_PORT}/`);
      await page.waitForSelector('#status[data-ready="true"]');
      try {
        if (!visionOnly) {
          console.error(`audio path on ${backend}…`);
          audio.push(await page.evaluate((b) => window.crydecodeBench.audio(b), backend));
        }
      } catch (error) {
        errors.push(`audio on ${backend}: ${String(error)}`);
      }
      for (const scene of VISION_SCENES) {
        try {
          console.error(`vision path on ${backend}: ${scene}…`);
          vision.push(await page.evaluate(([b, s]) => window.crydecodeBench.vision(b as 'wasm' | 'webgl', s), [backend, scene] as const));
        } catch (error) {
          errors.push(`vision on ${backend} (${scene}): ${String(error)}`);
        }
      }
      await page.close();
    }
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
  return { audio, vision, errors };
}

function visionTable(vision: readonly VisionRow[]): string[] {
  return [
    '### Vision path per 640×480 frame (face search over turns and zooms + crop + quality + motion + expression trunk + eyes, in the vision worker)',
    '',
    '"Followed": the face found in the last frame is looked for where it was (the usual frame). "Searched afresh": nothing followed, so the frame gets the full per-frame budget of detector passes (src/models/vision/face-finder.ts); with no face at all every frame is like that. "Eyes": Face Mesh + Iris, part of the frame time (they run only on a face good enough to read the eyes).',
    '',
    '| trunk backend | scene | frames | detector passes per frame | p50 (ms) | p95 (ms) | eyes p50 (ms) | eyes p95 (ms) | leaked tensors |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...vision.map((r) => `| ${r.backend} | ${r.scene} | ${r.iterations} | ${r.meanPasses.toFixed(1)} | ${ms(r.p50Ms)} | ${ms(r.p95Ms)} | ${ms(r.eyesP50Ms)} | ${ms(r.eyesP95Ms)} | ${r.leakedTensors} |`),
    '',
    'Target: p95 ≤ 40 ms per frame.',
  ];
}

function report(audio: AudioBenchResult[], vision: VisionRow[], errors: string[], liveAudio: string, csv: string, context: string, cpu: string, link: string, restore: string): string {
  const chromiumVersion = execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).trim();
  const lines = [
    MARK_START,
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC with \`npm run bench\` on ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, ${chromiumVersion} headless (WebGL through SwiftShader: no GPU), Node ${process.version}.`,
    '',
    '### Audio path per 2 s model window (features + cry detector + need classifier)',
    '',
    '| backend | features p50 / p95 (ms) | inference p50 / p95 (ms) | total p50 / p95 (ms) | real-time factor (p95 ÷ 0.5 s hop) | leaked tensors |',
    '| --- | --- | --- | --- | --- | --- |',
    ...audio.map(
      (r) =>
        `| ${r.backend} | ${ms(r.featureP50Ms)} / ${ms(r.featureP95Ms)} | ${ms(r.inferenceP50Ms)} / ${ms(r.inferenceP95Ms)} | ${ms(r.totalP50Ms)} / ${ms(r.totalP95Ms)} | ${r.realTimeFactorP95.toFixed(3)} | ${r.leakedTensors} |`,
    ),
    '',
    `Target: p95 ≤ 15 ms for features + both models on the faster backend. ${audio.length > 0 ? `Faster here: ${[...audio].sort((a, b) => a.totalP95Ms - b.totalP95Ms)[0]!.backend}.` : ''}`,
    '',
    ...visionTable(vision),
    '',
    '### Live audio analysis in Node (resampling 48 kHz → 8 kHz, display frames, model windows; no model)',
    '',
    '```',
    liveAudio,
    '```',
    '',
    '### CSV export of 100 000 episodes (Node, fake-indexeddb)',
    '',
    '```',
    csv,
    '```',
    '',
    '### Context need estimate with a 10 000-entry care log, the session\'s need per window, and the care-log screen with a year of entries (Node)',
    '',
    '```',
    context,
    '```',
    '',
    'Target: < 1 ms (1000 µs) per estimate and per session window; no scan of the log on the hot path. The care-log screen renders one page of 50 rows per "Show older"; its per-change work is the first page and the still-asleep check.',
    '',
    '### CPU used by the whole browser while listening (scripts/bench/bench-cpu.ts)',
    '',
    cpu,
    '',
    '### Two phones on loopback: episode start on the baby unit → alert on the parent unit, and the link’s traffic',
    '',
    'Two Chromium browsers, the production build, paired by text code; the baby unit’s fake microphone loops silence → a 4 s cry → silence (one episode, one alert per loop). Characters are JSON text on the data channel.',
    '',
    '```',
    link,
    '```',
    '',
    'Target: the link adds well under the 3.5 s the monitor itself needs from cry onset to an episode.',
  ];
  lines.push(
    '',
    '### Reading a 100 000-cry backup in Chromium up to the preview (scripts/bench/bench-restore.ts; the 600 000-cry case is below, run by hand)',
    '',
    '```',
    restore,
    '```',
  );
  if (errors.length > 0) lines.push('', '### Errors during this run', '', ...errors.map((e) => `- ${e}`));
  lines.push(MARK_END);
  return lines.join('\n');
}

// `--only vision`: the vision path alone, printed and not written to BENCHMARKS.md (a quick check on a shared machine).
const visionOnly = process.argv.includes('--only') && process.argv[process.argv.indexOf('--only') + 1] === 'vision';
const { audio, vision, errors } = await browserBenchmarks(visionOnly);
if (visionOnly) {
  console.log(visionTable(vision).join('\n'));
  if (errors.length > 0) console.log(errors.join('\n'));
  process.exit(errors.length > 0 ? 1 : 0);
}
console.error('live audio analysis in Node…');
const liveAudio = runNode('scripts/bench/bench-live-audio.ts');
console.error('CSV export in Node…');
const csv = runNode('scripts/bench/bench-csv.ts');
console.error('context estimate in Node…');
const context = runNode('scripts/bench/bench-context.ts');
console.error('CPU while listening, whole browser…');
const cpu = runNode('scripts/bench/bench-cpu.ts');
console.error('two-phones link in Chromium (production build first)…');
let link = 'not measured: see the errors below';
try {
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  link = runNode('scripts/bench/bench-link.ts');
} catch (error) {
  errors.push(`two-phones link: ${String(error)}`);
}
console.error('reading a 100 000-cry backup in Chromium (the same build)…');
let restore = 'not measured: see the errors below';
try {
  restore = runNode('scripts/bench/bench-restore.ts', ['dist', String(BENCH_PORT + 1), '100000', 'no']);
} catch (error) {
  errors.push(`backup restore: ${String(error)}`);
}
const section = report(audio, vision, errors, liveAudio, csv, context, cpu, link, restore);
const file = path.join(ROOT, 'BENCHMARKS.md');
const existing = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n\n' + MARK_START + '\n' + MARK_END + '\n';
const start = existing.indexOf(MARK_START);
const end = existing.indexOf(MARK_END);
const updated =
  start >= 0 && end > start
    ? existing.slice(0, start) + section + existing.slice(end + MARK_END.length)
    : `${existing.trimEnd()}\n\n${section}\n`;
writeFileSync(file, updated);
console.log(section);
if (errors.length > 0) process.exitCode = 1;
