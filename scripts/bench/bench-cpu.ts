/**
 * Benchmark: the CPU share of one core used by the whole browser while the app listens, the way
 * a battery sees it. Every Chromium process (browser, renderer, GPU, utilities; the page's
 * workers run inside them) is found from the browser's pid through /proc, and its user + system
 * time is read before and after a measured stretch that starts after a warm-up. Scenarios: the
 * app idle, listening with the monitor on screen, listening with the screen dark, and with the
 * camera on (screen normal and dark). The fake microphone plays a quiet room with a short cry
 * in a loop (22 s silence, 8 s crying), as on a nightstand. Linux only (/proc).
 *
 * Builds the app into dist-bench-app/ and serves it on loopback.
 *
 *   node --import tsx scripts/bench/bench-cpu.ts [seconds=30] [warmupSeconds=12] [port=4291] [only=]
 *
 * Prints a Markdown table (bench.ts puts it into BENCHMARKS.md).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { preview } from 'vite';
import { chromiumLaunchOptions } from '../lib/chromium.ts';
import { benchArguments } from '../lib/bench-args.ts';
import { openApp } from '../lib/app-first-run.ts';
import { decodeWav, encodeWavPcm16 } from '../lib/wav.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const OUT_DIR = 'dist-bench-app';
const CLOCK_TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
const QUIET_SECONDS = 22;
const CRY_REPEATS = 2;

interface Scenario {
  name: string;
  listen: boolean;
  camera: boolean;
  dark: boolean;
}

const SCENARIOS: readonly Scenario[] = [
  { name: 'idle (app open, not listening)', listen: false, camera: false, dark: false },
  { name: 'listening, screen normal (monitor shown)', listen: true, camera: false, dark: false },
  { name: 'listening, screen dark', listen: true, camera: false, dark: true },
  { name: 'listening + camera, screen normal', listen: true, camera: true, dark: false },
  { name: 'listening + camera, screen dark', listen: true, camera: true, dark: true },
];

function fixture(name: string): Float32Array {
  const decoded = decodeWav(readFileSync(path.join(ROOT, 'tests/fixtures', name)), name);
  return decoded.samples;
}

/** The quiet room with a short cry, as one WAV for the fake microphone to loop. */
function nightWav(): { file: string; crySeconds: number } {
  const rate = decodeWav(readFileSync(path.join(ROOT, 'tests/fixtures/silence-48k.wav'))).sampleRateHz;
  const silence = fixture('silence-48k.wav');
  const cry = fixture('cry-48k.wav');
  const quiet = new Float32Array(QUIET_SECONDS * rate);
  for (let offset = 0; offset < quiet.length; offset += silence.length) quiet.set(silence.subarray(0, Math.min(silence.length, quiet.length - offset)), offset);
  const all = new Float32Array(quiet.length + cry.length * CRY_REPEATS);
  all.set(quiet);
  for (let i = 0; i < CRY_REPEATS; i++) all.set(cry, quiet.length + i * cry.length);
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'crydecode-cpu-')), 'night.wav');
  writeFileSync(file, encodeWavPcm16([all], rate));
  return { file, crySeconds: (cry.length * CRY_REPEATS) / rate };
}

/** Parent pid and user + system clock ticks of one process, or null once it is gone. */
function readStat(pid: number): { ppid: number; ticks: number } | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name (field 2) may hold spaces: split after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state): ppid is field 4, utime 14, stime 15.
  return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
}

/** Clock ticks of `root` and every descendant, per pid. */
function treeTicks(root: number): Map<number, number> {
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat !== null) stats.set(Number(entry), stat);
  }
  const children = new Map<number, number[]>();
  for (const [pid, { ppid }] of stats) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const result = new Map<number, number>();
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.pop() as number;
    const stat = stats.get(pid);
    if (stat === undefined) continue;
    result.set(pid, stat.ticks);
    queue.push(...(children.get(pid) ?? []));
  }
  return result;
}

/** 'browser', 'renderer', 'gpu-process', 'utility:audio.mojom.AudioService'…: where the time goes. */
function processType(pid: number): string {
  let args: string[];
  try {
    // Chromium rewrites its children's command lines into one space-separated string.
    args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/);
  } catch {
    return 'gone';
  }
  const type = args.find((arg) => arg.startsWith('--type='))?.slice('--type='.length) ?? 'browser';
  const sub = args.find((arg) => arg.startsWith('--utility-sub-type='))?.slice('--utility-sub-type='.length);
  return sub === undefined ? type : `${type}:${sub.split('.')[0] ?? sub}`;
}

/** Clock ticks per thread name ("DedicatedWorker", "Compositor"…) of the given processes. */
function threadTicks(pids: Iterable<number>): Map<string, number> {
  const out = new Map<string, number>();
  for (const pid of pids) {
    let tasks: string[];
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const task of tasks) {
      try {
        const stat = readFileSync(`/proc/${pid}/task/${task}/stat`, 'utf8');
        const name = `${processType(pid)}/${stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))}#${task}`;
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        out.set(name, Number(fields[11]) + Number(fields[12]));
      } catch {
        // The thread ended between the listing and the read.
      }
    }
  }
  return out;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function prepare(page: Page, scenario: Scenario): Promise<void> {
  if (scenario.listen) {
    await page.getByTestId('listen-button').click();
    await page.waitForSelector('[data-testid="status"][data-status="listening"]');
  }
  if (scenario.camera) {
    await page.getByTestId('camera-toggle').click();
    await page.waitForSelector('[data-testid="camera-toggle"][data-camera-status="on"]', { timeout: 60_000 });
  }
  if (scenario.dark) {
    await page.getByTestId('screen-dark-button').click();
    await page.waitForSelector('[data-testid="screen-dark"]');
  }
}

/** Fails the run rather than report a number for monitoring that was not happening. */
async function checkStillRunning(page: Page, scenario: Scenario): Promise<void> {
  const status = await page.getAttribute('[data-testid="status"]', 'data-status');
  if (scenario.listen && status !== 'listening') throw new Error(`${scenario.name}: stopped listening (status ${status ?? 'missing'})`);
  if (scenario.dark) {
    const brief = await page.getAttribute('[data-testid="screen-dark"]', 'data-brief');
    if (brief !== 'listening' && brief !== 'crying') throw new Error(`${scenario.name}: the dark screen says ${brief ?? 'nothing'}`);
  }
}

async function measure(baseUrl: string, wav: string, scenario: Scenario, seconds: number, warmupSeconds: number): Promise<number> {
  const options = chromiumLaunchOptions(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${wav}`]);
  const server = await chromium.launchServer(options);
  const rootPid = server.process().pid;
  if (rootPid === undefined) throw new Error('bench-cpu: the browser has no pid');
  const browser = await chromium.connect(server.wsEndpoint());
  try {
    const page = await browser.newPage({ baseURL: baseUrl, viewport: { width: 390, height: 844 } });
    await openApp(page);
    await prepare(page, scenario);
    await sleep(warmupSeconds * 1000);
    const before = treeTicks(rootPid);
    const threadsBefore = threadTicks(before.keys());
    const startMs = performance.now();
    await sleep(seconds * 1000);
    const after = treeTicks(rootPid);
    const threadsAfter = threadTicks(after.keys());
    const elapsedSeconds = (performance.now() - startMs) / 1000;
    await checkStillRunning(page, scenario);
    let ticks = 0;
    const byType = new Map<string, number>();
    // A process born during the stretch counts from zero; one that died in it is lost (rare).
    for (const [pid, end] of after) {
      const used = end - (before.get(pid) ?? 0);
      ticks += used;
      const type = processType(pid);
      byType.set(type, (byType.get(type) ?? 0) + used);
    }
    const share = (t: number): string => `${((100 * t) / CLOCK_TICKS_PER_SECOND / elapsedSeconds).toFixed(1)} %`;
    console.error(`  by process: ${[...byType].map(([type, t]) => `${type} ${share(t)}`).join(', ')}`);
    const threads = [...threadsAfter].map(([name, end]) => [name, end - (threadsBefore.get(name) ?? 0)] as const).sort((a, b) => b[1] - a[1]);
    console.error(`  busiest threads: ${threads.slice(0, 10).map(([name, t]) => `${name.replace(/#\d+$/, '')} ${share(t)}`).join(', ')}`);
    return (100 * ticks) / CLOCK_TICKS_PER_SECOND / elapsedSeconds;
  } finally {
    await browser.close();
    await server.close();
  }
}

const [seconds, warmupSeconds, port, only] = benchArguments('bench-cpu', [
  { name: 'seconds', default: 30 },
  { name: 'warmupSeconds', default: 12 },
  { name: 'port', default: 4291, whole: true },
  // Words of the scenario names ("dark", "idle|listening, screen"), split by '|', run only those, for a quick look.
  { name: 'only', default: '', text: true },
]);

// BENCH_CPU_NO_BUILD=1 reuses the last build, for repeated looks at one scenario.
if (process.env['BENCH_CPU_NO_BUILD'] !== '1') execFileSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', OUT_DIR, '--emptyOutDir', '--logLevel', 'warn'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
const server = await preview({ root: ROOT, configFile: path.join(ROOT, 'vite.config.ts'), build: { outDir: OUT_DIR }, preview: { port, strictPort: true, host: '127.0.0.1' }, logLevel: 'warn' });
const { file: wav, crySeconds } = nightWav();
const rows: string[] = [];
try {
  for (const scenario of SCENARIOS.filter((s) => only.split('|').some((word) => s.name.includes(word)))) {
    console.error(`CPU: ${scenario.name}…`);
    const share = await measure(`http://127.0.0.1:${port}`, wav, scenario, seconds, warmupSeconds);
    rows.push(`| ${scenario.name} | ${share.toFixed(1)} % |`);
  }
} finally {
  await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
}
console.log(
  [
    `${seconds} s measured after ${warmupSeconds} s of warm-up, per scenario in a fresh headless Chromium (390×844, fake microphone looping ${QUIET_SECONDS} s of quiet and ${crySeconds.toFixed(0)} s of crying; fake camera); user + system time of every browser process from /proc.`,
    '',
    '| scenario | CPU, % of one core |',
    '| --- | --- |',
    ...rows,
    '',
    'Target: screen dark ≤ 2.5 % of one core.',
  ].join('\n'),
);
