import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadAudioModels, progressFetch } from './audio-models.ts';

const MODEL_DIR = path.resolve(import.meta.dirname, '../../public/models/audio');
const BASE_URL = 'http://localhost/models/audio/';

/** Serves the shipped model.json; every other request fails like a dropped connection. */
const weightsUnreachable: typeof fetch = (input) => {
  const url = input instanceof Request ? input.url : String(input);
  if (url.endsWith('/model.json')) {
    return Promise.resolve(new Response(readFileSync(path.join(MODEL_DIR, 'model.json')), { headers: { 'content-type': 'application/json' } }));
  }
  return Promise.reject(new TypeError('Failed to fetch'));
};

describe('loading the audio models', () => {
  let unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => {
    unhandled.push(reason);
  };
  beforeEach(() => {
    unhandled = [];
    process.on('unhandledRejection', onUnhandled);
  });
  afterEach(() => {
    process.off('unhandledRejection', onUnhandled);
  });

  it('a weights download that fails rejects the load once, with no stray uncaught rejection', async () => {
    const progress: number[] = [];
    await expect(loadAudioModels(BASE_URL, (fraction) => progress.push(fraction), weightsUnreachable)).rejects.toThrow(
      /Could not load the audio model from .*model\.json: Failed to fetch/,
    );
    // Unhandled rejections are reported after the microtask queue drains: give them a turn.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(unhandled).toEqual([]);
    // The manifest arrived, so progress moved, but it never claimed to be done.
    expect(progress.every((fraction) => fraction < 1)).toBe(true);
  });

  it('progress counts answered requests and keeps the failed one to the caller', async () => {
    const progress: number[] = [];
    let fail = false;
    const fetchFn: typeof fetch = () => (fail ? Promise.reject(new TypeError('Failed to fetch')) : Promise.resolve(new Response('{}')));
    const watched = progressFetch(fetchFn, (fraction) => progress.push(fraction));
    await watched('a');
    fail = true;
    await expect(watched('b')).rejects.toThrow('Failed to fetch');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(progress).toEqual([0.9]);
    expect(unhandled).toEqual([]);
  });
});
