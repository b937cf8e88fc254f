/**
 * Benchmark: CSV export of a large history, in Node with fake-indexeddb (an in-memory IndexedDB
 * written in JavaScript, slower than a browser's). Reports the total time, the output size, and
 * the longest stretch without yielding to the event loop (what would freeze a page).
 *
 *   node --import tsx scripts/bench/bench-csv.ts [episodeCount=100000] [pageSize=500]
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { performance } from 'node:perf_hooks';
import { createHistoryDb } from '../../src/log/db.ts';
import { episodeCsvChunks } from '../../src/log/csv.ts';
import { DEFAULT_EPISODE_PAGE_SIZE } from '../../src/log/episodes.ts';
import { benchArguments } from '../lib/bench-args.ts';
import { SYNTHETIC_PROFILE, syntheticEpisode } from '../lib/synthetic-history.ts';

const DEFAULT_EPISODES = 100_000;

const INSERT_BATCH = 5000;

async function main(): Promise<void> {
  const [episodeCount, pageSize] = benchArguments('bench-csv', [
    { name: 'episodeCount', default: DEFAULT_EPISODES, whole: true },
    { name: 'pageSize', default: DEFAULT_EPISODE_PAGE_SIZE, whole: true },
  ]);
  const db = createHistoryDb({ indexedDB: new IDBFactory(), IDBKeyRange });
  await db.open();
  const profileId = SYNTHETIC_PROFILE.id;
  await db.profiles.add(SYNTHETIC_PROFILE);
  const newestStartMs = Date.UTC(2026, 10, 25);

  const fillStart = performance.now();
  for (let start = 0; start < episodeCount; start += INSERT_BATCH) {
    const batch = Array.from({ length: Math.min(INSERT_BATCH, episodeCount - start) }, (_, i) =>
      syntheticEpisode(start + i, newestStartMs),
    );
    await db.episodes.bulkAdd(batch);
  }
  const fillMs = performance.now() - fillStart;

  let longestBlockMs = 0;
  let lastResume = performance.now();
  const watchdog = setInterval(() => {
    // Fires only when the event loop is free; the gap since the last tick is the block length.
    const now = performance.now();
    longestBlockMs = Math.max(longestBlockMs, now - lastResume);
    lastResume = now;
  }, 1);

  const exportStart = performance.now();
  let bytes = 0;
  let chunks = 0;
  const encoder = new TextEncoder();
  const filter = { profileId, fromMs: 0, toMs: Number.MAX_SAFE_INTEGER };
  for await (const chunk of episodeCsvChunks(db, filter, { pageSize, offsetMinutesAt: () => 60 })) {
    bytes += encoder.encode(chunk).byteLength;
    chunks += 1;
  }
  const exportMs = performance.now() - exportStart;
  clearInterval(watchdog);
  db.close();

  const result = {
    episodes: episodeCount,
    pageSize,
    fillSeconds: Number((fillMs / 1000).toFixed(2)),
    exportSeconds: Number((exportMs / 1000).toFixed(2)),
    episodesPerSecond: Math.round(episodeCount / (exportMs / 1000)),
    csvMegabytes: Number((bytes / 1e6).toFixed(1)),
    chunks,
    longestEventLoopBlockMs: Math.round(longestBlockMs),
    node: process.version,
    indexedDB: 'fake-indexeddb (in-memory, pure JS)',
  };
  console.log(JSON.stringify(result, null, 2));
}

main().catch((error: unknown) => {
  console.error('bench-csv failed:', error);
  process.exit(1);
});
