/**
 * Writes tests/fixtures/context-backup.json: a synthetic, deterministic family backup (one baby,
 * 14 days of care log, answered cries) for the context replay test. Synthetic on purpose: its
 * numbers show the replay works, never how well the model does for real babies.
 * Usage: node --import tsx scripts/make-context-fixture.ts [OUT]
 */
import { writeFileSync } from 'node:fs';
import type { CareEntry } from '../src/domain/care.ts';
import type { Need } from '../src/domain/needs.ts';
import type { Backup } from '../src/log/backup.ts';
import type { Episode } from '../src/log/types.ts';

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MIN = 60_000;
const rand = mulberry32(20261202);
const id = (prefix: string, n: number): string => `${prefix}000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const PROFILE_ID = id('b', 1);
const START = Date.UTC(2026, 10, 1, 6);
const DAYS = 14;
const care: CareEntry[] = [];
const episodes: Episode[] = [];
let n = 0;

// Feeds every 3 h ± 20 min; sleeps of 40–100 min starting 60–90 min after waking; nappies after most feeds.
const feeds: number[] = [];
for (let t = START; t < START + DAYS * 1440 * MIN; t += (180 + (rand() - 0.5) * 40) * MIN) feeds.push(Math.round(t));
for (const t of feeds) {
  care.push({ kind: 'feed', id: id('f', (n += 1)), profileId: PROFILE_ID, time: t, method: rand() < 0.5 ? 'breast-left' : 'breast-right', amountMl: null, updatedAt: t, deleted: false });
  if (rand() < 0.8) care.push({ kind: 'nappy', id: id('a', (n += 1)), profileId: PROFILE_ID, time: t + 10 * MIN, content: rand() < 0.6 ? 'wet' : 'both', updatedAt: t, deleted: false });
}
const sleeps: { start: number; end: number }[] = [];
for (let wake = START; wake < START + DAYS * 1440 * MIN; ) {
  const start = Math.round(wake + (60 + rand() * 30) * MIN);
  const end = Math.round(start + (40 + rand() * 60) * MIN);
  sleeps.push({ start, end });
  care.push({ kind: 'sleep', id: id('s', (n += 1)), profileId: PROFILE_ID, time: start, endTime: end, updatedAt: end, deleted: false });
  wake = end;
}

// Cries: about 4 a day at random instants while awake; the parent's answer follows the baby's day, with noise.
const lastBefore = (times: readonly number[], t: number): number | null => {
  let best: number | null = null;
  for (const x of times) if (x <= t) best = x;
  return best;
};
const NEEDS_LIST: readonly Need[] = ['discomfort', 'hunger', 'pain', 'tired'];
for (let k = 0; k < DAYS * 4; k += 1) {
  const t = Math.round(START + rand() * DAYS * 1440 * MIN);
  if (sleeps.some((s) => s.start <= t && t < s.end)) continue;
  const sinceFeed = (t - (lastBefore(feeds, t) ?? t)) / MIN;
  const woke = lastBefore(sleeps.map((s) => s.end), t);
  const awake = woke === null ? 0 : (t - woke) / MIN;
  let answer: Need = sinceFeed > 140 ? 'hunger' : awake > 75 ? 'tired' : 'discomfort';
  if (rand() < 0.2) answer = NEEDS_LIST[Math.floor(rand() * 4)] as Need;
  const durationSeconds = Math.round(30 + rand() * 200);
  episodes.push({
    id: id('e', (n += 1)),
    profileId: PROFILE_ID,
    startedAt: t,
    endedAt: t + durationSeconds * 1000,
    durationSeconds,
    peakCryProbability: 0.9,
    needProbabilities: null,
    modalities: {},
    contributed: [],
    topNeed: null,
    confidence: null,
    notSure: true,
    modelVersions: {},
    note: '',
    actualReason: answer,
    whatHelped: '',
    updatedAt: t + durationSeconds * 1000,
  });
}
episodes.sort((a, b) => a.startedAt - b.startedAt);

const backup: Backup = {
  format: 'crydecode-backup',
  version: 1,
  exportedAt: new Date(START + DAYS * 1440 * MIN).toISOString(),
  profiles: [{ id: PROFILE_ID, name: 'Mia', birthDate: '2026-09-20', avatarColor: '#2a9d8f', createdAt: START }],
  episodes,
  careEntries: care,
};
const out = process.argv[2] ?? 'tests/fixtures/context-backup.json';
writeFileSync(out, JSON.stringify(backup, null, 1) + '\n');
console.log(`${out}: ${episodes.length} answered cries, ${care.length} care entries`);
