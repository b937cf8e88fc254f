import { expect, test } from '@playwright/test';
import { runSoak, type SoakSample } from '../../scripts/lib/soak-driver.ts';

/**
 * Long-session check: the production audio worker analyses simulated monitoring as fast as it
 * can; the TF.js tensor count must not grow and the worker's heap must stay bounded.
 * SOAK_MINUTES sets the length (scripts/bench/bench-soak.ts runs an hour and prints the figures).
 */
const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const SAMPLE_EVERY_MINUTES = Number(process.env.SOAK_SAMPLE_EVERY_MINUTES ?? 1);
/**
 * Heap growth allowed between the first sample (warmed up) and the last, in bytes: a few MB of
 * V8 and wasm bookkeeping, far below the ~100 MB per hour a leak of one window per hop would make.
 */
const MAX_HEAP_GROWTH_BYTES = 4 * 1024 * 1024;
/** Predictions the worker makes per minute of audio (one per 0.5 s hop). */
const PREDICTIONS_PER_MINUTE = 120;

test('an accelerated monitoring session leaks no tensors and keeps the worker heap bounded', async ({ browser, page }) => {
  // About 10 s of wall time per simulated minute on a slow shared machine, with margin.
  test.setTimeout(60_000 + MINUTES * 15_000);
  const samples: SoakSample[] = await runSoak(browser, page, MINUTES, SAMPLE_EVERY_MINUTES);
  if (process.env.SOAK_REPORT) await test.info().attach('soak', { body: JSON.stringify(samples), contentType: 'application/json' });
  console.log(JSON.stringify({ soak: samples }));

  const first = samples[0];
  const last = samples.at(-1);
  if (first === undefined || last === undefined) throw new Error('soak: no samples');
  expect(new Set(samples.map((sample) => sample.liveTensors)).size).toBe(1);
  expect(last.workerHeapUsedBytes - first.workerHeapUsedBytes).toBeLessThan(MAX_HEAP_GROWTH_BYTES);
  // Every hop of the session was answered: nothing was dropped to keep up.
  expect(last.predictions).toBeGreaterThanOrEqual((MINUTES * PREDICTIONS_PER_MINUTE) - 4);
});
