/**
 * Context estimate cost with a 10 000-entry care log, after the index is built once (as the app
 * does when the log loads or changes). Prints index build time and per-estimate p50/p95 in µs.
 * Usage: node --import tsx scripts/bench/bench-context.ts
 */
import type { CareEntry } from '../../src/domain/care.ts';
import { buildCareIndex } from '../../src/models/context/care-index.ts';
import { EMPTY_LEARNER, estimateContext, learn } from '../../src/models/context/model.ts';

const MIN = 60_000;
const ENTRIES = 10_000;
const ESTIMATES = 20_000;
const start = Date.UTC(2025, 0, 1);
const entries: CareEntry[] = [];
for (let i = 0; entries.length < ENTRIES; i += 1) {
  const t = start + i * 180 * MIN;
  const base = { profileId: 'p', updatedAt: t, deleted: false };
  entries.push({ ...base, kind: 'feed', id: `f${i}`, time: t, method: 'bottle', amountMl: 120 });
  entries.push({ ...base, kind: 'sleep', id: `s${i}`, time: t + 70 * MIN, endTime: t + 150 * MIN });
  entries.push({ ...base, kind: 'nappy', id: `n${i}`, time: t + 10 * MIN, content: 'wet' });
}
const end = start + (ENTRIES / 3) * 180 * MIN;

const buildStart = performance.now();
const index = buildCareIndex(entries);
const buildMs = performance.now() - buildStart;

let learner = EMPTY_LEARNER;
for (let i = 0; i < 200; i += 1) learner = learn(learner, 'due|due', 'hunger');
const options = { babyName: 'Mia', birthDate: '2024-12-01' };
for (let i = 0; i < 2000; i += 1) estimateContext(index, learner, start + Math.random() * (end - start), options);

const times: number[] = [];
let sink = 0;
for (let i = 0; i < ESTIMATES; i += 1) {
  const t = start + ((i * 7919) % 1000) / 1000 * (end - start);
  const t0 = performance.now();
  sink += estimateContext(index, learner, t, options).confidence;
  times.push((performance.now() - t0) * 1000);
}
times.sort((a, b) => a - b);
const q = (p: number): number => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? Number.NaN;
console.log(
  JSON.stringify({
    bench: 'context-estimate',
    entries: entries.length,
    indexBuildMs: Number(buildMs.toFixed(1)),
    estimates: ESTIMATES,
    p50Us: Number(q(0.5).toFixed(1)),
    p95Us: Number(q(0.95).toFixed(1)),
    targetUs: 1000,
    checksum: Number(sink.toFixed(3)),
  }),
);
