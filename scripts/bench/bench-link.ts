/**
 * Benchmark: the parent unit's added latency and the link's traffic, with two Chromium browsers
 * on loopback running the production build through the app's own screens (paired by pasting the
 * text codes: the camera is not part of what is measured).
 *
 * The baby unit's fake microphone loops silence → one 4 s cry → silence, so every loop is one
 * episode and one alert (default alert settings: at once, no pause). For each episode:
 * latency = the parent unit's alert (AlertsState firing) − the baby unit sending the episode's
 * start (the moment its monitor opened the episode). Both browsers share this machine's clock.
 * Traffic: the parent unit's received-message counters, sampled every second and split by
 * whether the baby unit was reporting crying then.
 *
 * Needs the production build (`npm run build`) and Chromium at /usr/bin/chromium (or CHROMIUM_PATH).
 *
 *   node --import tsx scripts/bench/bench-link.ts [episodes=8] [port=4191]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { openApp } from '../lib/app-first-run.ts';
import { waitForServer } from '../lib/wait-for-server.ts';
import { benchArguments } from '../lib/bench-args.ts';
import { chromiumLaunchOptions } from '../lib/chromium.ts';
import { decodeWav, encodeWavPcm16 } from '../lib/wav.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const LEAD_SILENCE_SECONDS = 2;
/** Longer than the monitor's quiet gap (10 s) plus smoothing, so each loop's episode closes. */
const TAIL_SILENCE_SECONDS = 16;
const EPISODE_TIMEOUT_MS = 90_000;

interface Traffic {
  messages: number;
  chars: number;
  byType: Record<string, { count: number; chars: number }>;
}

function fixture(name: string): string {
  return path.join(ROOT, 'tests/fixtures', name);
}

function makeLoopWav(): string {
  const cry = decodeWav(readFileSync(fixture('cry-48k.wav')), 'cry-48k.wav');
  const silence = decodeWav(readFileSync(fixture('silence-48k.wav')), 'silence-48k.wav');
  const rate = cry.sampleRateHz;
  const fill = (source: Float32Array, seconds: number): Float32Array => {
    const out = new Float32Array(Math.round(seconds * rate));
    for (let i = 0; i < out.length; i++) out[i] = source[i % source.length] ?? 0;
    return out;
  };
  const parts = [fill(silence.samples, LEAD_SILENCE_SECONDS), cry.samples, fill(silence.samples, TAIL_SILENCE_SECONDS)];
  const all = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'crydecode-bench-link-')), 'loop.wav');
  writeFileSync(file, encodeWavPcm16([all], rate));
  return file;
}

async function openPhone(browser: Browser, baseUrl: string, role: 'baby' | 'parent'): Promise<Page> {
  const page = await browser.newPage({ baseURL: baseUrl });
  await openApp(page);
  await page.getByTestId('tab-settings').click();
  await page.getByTestId('two-phones').locator('summary').click();
  await page.getByTestId(role === 'baby' ? 'use-as-baby-unit' : 'use-as-parent-unit').click();
  return page;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? Number.NaN;
}

interface Bucket {
  seconds: number;
  messages: number;
  chars: number;
  byType: Record<string, { count: number; chars: number }>;
}

function addDelta(bucket: Bucket, before: Traffic, after: Traffic, seconds: number): void {
  bucket.seconds += seconds;
  bucket.messages += after.messages - before.messages;
  bucket.chars += after.chars - before.chars;
  for (const [type, now] of Object.entries(after.byType)) {
    const then = before.byType[type] ?? { count: 0, chars: 0 };
    const into = (bucket.byType[type] ??= { count: 0, chars: 0 });
    into.count += now.count - then.count;
    into.chars += now.chars - then.chars;
  }
}

function describeBucket(name: string, bucket: Bucket): string[] {
  const rate = (n: number): string => (bucket.seconds > 0 ? (n / bucket.seconds).toFixed(2) : 'n/a');
  const lines = [`${name}: ${bucket.seconds.toFixed(0)} s, ${rate(bucket.messages)} messages/s, ${rate(bucket.chars)} characters/s`];
  for (const [type, t] of Object.entries(bucket.byType).sort()) {
    if (t.count > 0) lines.push(`  ${type}: ${rate(t.count)}/s, mean ${Math.round(t.chars / t.count)} characters`);
  }
  return lines;
}

async function main(): Promise<void> {
  const [episodes, port] = benchArguments('bench-link', [
    { name: 'episodes', default: 8, whole: true },
    { name: 'port', default: 4191, whole: true },
  ]);
  const baseUrl = `http://localhost:${port}`;
  const wav = makeLoopWav();
  const server = spawn('npx', ['vite', 'preview', '--port', String(port), '--strictPort'], { cwd: ROOT, stdio: 'ignore', detached: true });
  const serverState: { exit: number | null } = { exit: null };
  server.on('exit', (code) => {
    serverState.exit = code ?? -1;
  });
  const babyBrowser = await chromium.launch(
    chromiumLaunchOptions(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${wav}`]),
  );
  const parentBrowser = await chromium.launch(chromiumLaunchOptions(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream']));
  try {
    await waitForServer(baseUrl);
    // With --strictPort a busy port makes vite exit; then something else answered, which is not our build.
    await new Promise((resolve) => setTimeout(resolve, 500));
    if (serverState.exit !== null) throw new Error(`vite preview exited (${serverState.exit}): is port ${port} in use?`);
    const baby = await openPhone(babyBrowser, baseUrl, 'baby');
    const parent = await openPhone(parentBrowser, baseUrl, 'parent');
    const offer = baby.getByTestId('baby-offer');
    await offer.waitFor({ timeout: 30_000 });
    await parent.getByTestId('parent-scan-offer-paste').fill((await offer.getAttribute('data-code')) ?? '');
    await parent.getByTestId('parent-scan-offer-use').click();
    const answer = parent.getByTestId('parent-answer');
    await answer.waitFor({ timeout: 30_000 });
    await baby.getByTestId('baby-scan-answer-paste').fill((await answer.getAttribute('data-code')) ?? '');
    await baby.getByTestId('baby-scan-answer-use').click();
    await parent.locator('[data-testid="parent-unit"][data-phase="connected"]').waitFor({ timeout: 30_000 });
    await parent.locator('[data-testid="parent-live"][data-unit-state="listening"]').waitFor({ timeout: 120_000 });

    const latencies: number[] = [];
    const idle: Bucket = { seconds: 0, messages: 0, chars: 0, byType: {} };
    const crying: Bucket = { seconds: 0, messages: 0, chars: 0, byType: {} };
    const readTraffic = async (): Promise<{ traffic: Traffic; crying: boolean; alertedAt: number | null; at: number }> => {
      const unit = parent.getByTestId('parent-unit');
      const traffic = JSON.parse((await unit.getAttribute('data-traffic')) ?? 'null') as Traffic;
      const alerted = await unit.getAttribute('data-alerted-at');
      const live = await parent.getByTestId('parent-live').getAttribute('data-crying');
      return { traffic, crying: live === 'true', alertedAt: alerted === null || alerted === '' ? null : Number(alerted), at: Date.now() };
    };
    let previous = await readTraffic();
    let lastAlert = previous.alertedAt;
    let episodeDeadline = Date.now() + EPISODE_TIMEOUT_MS;
    while (latencies.length < episodes) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const current = await readTraffic();
      addDelta(current.crying || previous.crying ? crying : idle, previous.traffic, current.traffic, (current.at - previous.at) / 1000);
      if (current.alertedAt !== null && current.alertedAt !== lastAlert) {
        lastAlert = current.alertedAt;
        const sentAt = Number(await baby.getByTestId('baby-unit').getAttribute('data-episode-sent-at'));
        latencies.push(current.alertedAt - sentAt);
        console.error(`episode ${latencies.length}/${episodes}: ${current.alertedAt - sentAt} ms`);
        episodeDeadline = Date.now() + EPISODE_TIMEOUT_MS;
      }
      if (Date.now() > episodeDeadline) throw new Error(`no alert on the parent unit for ${EPISODE_TIMEOUT_MS / 1000} s`);
      previous = current;
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    const lines = [
      `episodes: ${latencies.length}; episode start on the baby unit → alert on the parent unit: p50 ${percentile(sorted, 0.5)} ms, p95 ${percentile(sorted, 0.95)} ms (min ${sorted[0]} ms, max ${sorted.at(-1)} ms)`,
      ...describeBucket('idle (not crying)', idle),
      ...describeBucket('crying (and the second after)', crying),
      `browser: Chromium ${babyBrowser.version()} headless, two browsers on loopback`,
    ];
    console.log(lines.join('\n'));
  } finally {
    await babyBrowser.close();
    await parentBrowser.close();
    if (server.pid !== undefined && serverState.exit === null) process.kill(-server.pid);
  }
}

main().catch((error: unknown) => {
  console.error('bench-link failed:', error);
  process.exitCode = 1;
});
