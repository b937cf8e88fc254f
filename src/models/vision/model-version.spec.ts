import { describe, expect, it } from 'vitest';
import { fetchModelVersion, modelJsonDigestTag } from './model-version.ts';

describe('modelJsonDigestTag', () => {
  it('is the first 12 hex digits of the SHA-256 of the text', async () => {
    // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
    expect(await modelJsonDigestTag('abc')).toBe('sha256:ba7816bf8f01');
  });

  it('changes when one weight range in the manifest changes', async () => {
    const a = await modelJsonDigestTag('{"weightsManifest":[{"weights":[{"quantization":{"min":-0.5}}]}]}');
    const b = await modelJsonDigestTag('{"weightsManifest":[{"weights":[{"quantization":{"min":-0.6}}]}]}');
    expect(a).not.toBe(b);
  });
});

describe('fetchModelVersion', () => {
  it('tags the fetched model.json', async () => {
    const fetchFn: typeof fetch = () => Promise.resolve(new Response('abc', { status: 200 }));
    expect(await fetchModelVersion('https://example.test/model.json', fetchFn)).toBe('sha256:ba7816bf8f01');
  });

  it('says which file failed when the server refuses it', async () => {
    const fetchFn: typeof fetch = () => Promise.resolve(new Response('missing', { status: 404 }));
    await expect(fetchModelVersion('https://example.test/model.json', fetchFn)).rejects.toThrow('https://example.test/model.json answered 404');
  });
});
