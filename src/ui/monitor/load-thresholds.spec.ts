import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from '../../fusion/model-thresholds.ts';
import { loadModelThresholds } from './load-thresholds.ts';

const BASE = 'http://localhost/models/audio/';

function serving(body: string, status = 200): { fetcher: typeof fetch; urls: string[] } {
  const urls: string[] = [];
  const fetcher: typeof fetch = (input) => {
    urls.push(input instanceof Request ? input.url : input.toString());
    return Promise.resolve(new Response(body, { status, headers: { 'content-type': 'application/json' } }));
  };
  return { fetcher, urls };
}

describe('loadModelThresholds', () => {
  it('reads metrics.json next to the model', async () => {
    const metrics = { quantized: { cry: { threshold: { value: 0.65, rationale: 'r' } }, need: { calibration: { notSureThreshold: 0.6, notSureRationale: 'n' } } } };
    const { fetcher, urls } = serving(JSON.stringify(metrics));
    expect(await loadModelThresholds(BASE, fetcher)).toMatchObject({ cryThreshold: 0.65, notSureThreshold: 0.6, source: 'model-card' });
    expect(urls).toEqual([`${BASE}metrics.json`]);
  });

  it('falls back to the defaults on 404, bad JSON or a network failure', async () => {
    expect(await loadModelThresholds(BASE, serving('', 404).fetcher)).toBe(DEFAULT_THRESHOLDS);
    expect(await loadModelThresholds(BASE, serving('{"quantized":').fetcher)).toBe(DEFAULT_THRESHOLDS);
    const offline = (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch;
    expect(await loadModelThresholds(BASE, offline)).toBe(DEFAULT_THRESHOLDS);
  });
});
