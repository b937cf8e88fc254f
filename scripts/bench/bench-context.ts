/**
 * Context estimate cost with a 10 000-entry care log, after the index is built once (as the app
 * does when the log loads or changes). Prints index build time and per-estimate p50/p95 in µs;
 * then the monitor session's per-window cost with the care log as a need source (context read
 * at the cry's start + late fusion), and the care-log screen's work for a year of entries.
 * Usage: node --import tsx scripts/bench/bench-context.ts
 */
import type { CareEntry } from '../../src/domain/care.ts';
import { audioNeedInformedness, contextInformedness, fuseNeed } from '../../src/fusion/context-fusion.ts';
import { careEntryWords, episodeContext } from '../../src/session/care-session.ts';
import { staleOpenSleepQuestion } from '../../src/records/care-validation.ts';
import { pageOf, CARE_LIST_PAGE_SIZE } from '../../src/ui/care/care-list.ts';
import { readFileSync } from 'node:fs';
import { buildCareIndex, updateCareIndex } from '../../src/models/context/care-index.ts';
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

/** p50 / p95 in µs of `run`, after a warm-up. */
function timeUs(iterations: number, run: (i: number) => number): { p50Us: number; p95Us: number; checksum: number } {
  for (let i = 0; i < Math.min(1000, iterations); i += 1) run(i);
  const samples: number[] = [];
  let sum = 0;
  for (let i = 0; i < iterations; i += 1) {
    const t0 = performance.now();
    sum += run(i);
    samples.push((performance.now() - t0) * 1000);
  }
  samples.sort((a, b) => a - b);
  const at = (p: number): number => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))] ?? Number.NaN;
  return { p50Us: Number(at(0.5).toFixed(1)), p95Us: Number(at(0.95).toFixed(1)), checksum: Number(sum.toFixed(3)) };
}

// The monitor session, per audio window while crying: the context at the cry's start from the
// index (what CareSession.contextAt does) and the late fusion with the shipped sound model card.
const shippedCard: unknown = JSON.parse(readFileSync(new URL('../../public/models/audio/metrics.json', import.meta.url), 'utf8'));
const audioInformed = audioNeedInformedness(shippedCard);
const contextInformed = contextInformedness({ episodes: 40, modelHits: 22 });
const audioVector = [0.3, 0.2, 0.3, 0.2] as const;
const session = timeUs(ESTIMATES, (i) => {
  const t = start + ((i * 7919) % 1000) / 1000 * (end - start);
  const context = episodeContext(estimateContext(index, learner, t, options), t, learner.answered);
  const need = fuseNeed({ audio: { present: true, needProbabilities: audioVector }, context }, { audio: audioInformed, context: contextInformed }, 0.5);
  return need.assessment?.confidence ?? 0;
});
console.log(JSON.stringify({ bench: 'session-need-per-window', entries: entries.length, windows: ESTIMATES, ...session, targetUs: 1000 }));

// A year of a young baby's log: 8 feeds, 5 sleeps, 7 nappies and 2 "soothed by" a day.
const yearEntries: CareEntry[] = [];
const yearStart = Date.UTC(2025, 0, 1);
for (let day = 0; day < 365; day += 1) {
  const d = yearStart + day * 24 * 60 * MIN;
  const base = { profileId: 'p', updatedAt: d, deleted: false };
  for (let k = 0; k < 8; k += 1) yearEntries.push({ ...base, kind: 'feed', id: `yf${day}-${k}`, time: d + k * 180 * MIN, method: 'breast-left', amountMl: null });
  for (let k = 0; k < 5; k += 1) yearEntries.push({ ...base, kind: 'sleep', id: `ys${day}-${k}`, time: d + (k * 288 + 60) * MIN, endTime: d + (k * 288 + 150) * MIN });
  for (let k = 0; k < 7; k += 1) yearEntries.push({ ...base, kind: 'nappy', id: `yn${day}-${k}`, time: d + (k * 200 + 20) * MIN, content: 'wet' });
  for (let k = 0; k < 2; k += 1) yearEntries.push({ ...base, kind: 'soothe', id: `yo${day}-${k}`, time: d + (k * 600 + 30) * MIN, text: 'rocking' });
}
yearEntries.sort((a, b) => a.time - b.time);
const yearNow = yearStart + 365 * 24 * 60 * MIN;
const t1 = performance.now();
const yearIndex = buildCareIndex(yearEntries);
const yearIndexMs = performance.now() - t1;
// What the screen does per change: the still-asleep check over the log, one page of rows (sliced,
// reversed, put in words). The DOM holds one page (50 rows) per "Show older", never the year.
const screen = timeUs(2000, () => {
  const question = staleOpenSleepQuestion(yearEntries, yearNow);
  const rows = pageOf(yearEntries, CARE_LIST_PAGE_SIZE).map(careEntryWords);
  return rows.length + (question === null ? 0 : 1);
});
const tenPages = timeUs(2000, () => pageOf(yearEntries, 10 * CARE_LIST_PAGE_SIZE).map(careEntryWords).length);
// One tap at the end of the year: the index updated in place (the one-tap case) against a rebuild.
const tap: CareEntry = { profileId: 'p', updatedAt: yearNow, deleted: false, kind: 'feed', id: 'tap', time: yearNow, method: 'bottle', amountMl: 90 };
const withTap = [...yearEntries, tap];
const tapUpdate = timeUs(200, () => updateCareIndex(yearIndex, { before: null, after: tap })?.entryCount ?? 0);
const tapRebuild = timeUs(20, () => buildCareIndex(withTap).entryCount);
console.log(
  JSON.stringify({
    bench: 'care-log-screen-year',
    entries: yearEntries.length,
    indexBuildMs: Number(yearIndexMs.toFixed(1)),
    indexEntries: yearIndex.entryCount,
    rowsRenderedPerPage: CARE_LIST_PAGE_SIZE,
    perChangeFirstPage: screen,
    perChangeTenPages: tenPages,
    tapIndexUpdate: tapUpdate,
    tapIndexRebuild: tapRebuild,
  }),
);
