import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { countBy, joinShortClips, loadAudio, loadCorpusIndex } from './datasets.ts';
import { encodeWavPcm16 } from './wav.ts';

const root = mkdtempSync(join(tmpdir(), 'crydecode-datasets-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function tone(frequencyHz: number, sampleRateHz: number, seconds: number): Float32Array {
  return new Float32Array(Math.round(sampleRateHz * seconds)).map((_, i) => 0.5 * Math.sin((2 * Math.PI * frequencyHz * i) / sampleRateHz));
}

function writeWav(path: string, samples: Float32Array, rate: number): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, encodeWavPcm16([samples], rate));
}

function makeDataDir(name: string): string {
  const dir = join(root, name);
  const cry = join(dir, 'donateacry');
  writeWav(join(cry, 'hungry/a1.wav'), tone(400, 8000, 1), 8000);
  writeWav(join(cry, 'burping/a2.wav'), tone(450, 8000, 1), 8000);
  writeWav(join(cry, 'tired/b1.wav'), tone(500, 8000, 1), 8000);
  writeFileSync(
    join(cry, 'metadata.csv'),
    'file,label,class4,install_id,recorded_utc,platform,session_id\n' +
      'hungry/a1.wav,hungry,hunger,inst-a,2015,ios,s1\n' +
      'burping/a2.wav,burping,discomfort,inst-a,2015,ios,s1\n' +
      'tired/b1.wav,tired,tired,inst-b,2015,android,s2\n',
  );
  const bg = join(dir, 'background');
  writeWav(join(bg, 'esc/noise/n1.wav'), tone(3000, 16000, 0.5), 16000);
  writeWav(join(bg, 'speech/0_george_0.wav'), tone(150, 8000, 0.4), 8000);
  writeFileSync(
    join(bg, 'metadata.csv'),
    'file,kind,category,source,license\n' +
      'esc/noise/n1.wav,noise,rain,esc50-1,"CC BY-NC 3.0"\n' +
      'speech/0_george_0.wav,speech,spoken_digit,fsdd-george,"CC BY-SA 4.0 (FSDD, Jackson)"\n',
  );
  return dir;
}

describe('loadCorpusIndex', () => {
  it('indexes every corpus with its split group, need, platform and cry flag', () => {
    const items = loadCorpusIndex(makeDataDir('ok'));
    expect(items.map((i) => [i.corpus, i.group, i.need ?? '-', i.isCry])).toEqual([
      ['donateacry', 'install:inst-a', 'hunger', true],
      ['donateacry', 'install:inst-a', 'discomfort', true],
      ['donateacry', 'install:inst-b', 'tired', true],
      ['esc-noise', 'source:esc50-1', '-', false],
      ['speech', 'source:fsdd-george', '-', false],
    ]);
    expect(items[0]).toMatchObject({ platform: 'ios', session: 'session:s1', category: 'hungry', id: 'donateacry/hungry/a1.wav' });
    expect(items[4]?.licence).toBe('CC BY-SA 4.0 (FSDD, Jackson)');
    expect(countBy(items, (i) => i.corpus)).toEqual({ donateacry: 3, 'esc-noise': 1, speech: 1 });
  });

  it('explains a wrong data folder, a missing file and a bad label', () => {
    expect(() => loadCorpusIndex(join(root, 'nowhere'))).toThrow(/metadata\.csv not found: is the data folder right/);
    const dir = makeDataDir('missing');
    rmSync(join(dir, 'background/esc/noise/n1.wav'));
    expect(() => loadCorpusIndex(dir)).toThrow(/1 audio file\(s\) listed in the metadata are missing, e\.g\. .*n1\.wav/);
    const bad = makeDataDir('badlabel');
    writeFileSync(join(bad, 'donateacry/metadata.csv'), 'file,label,class4,install_id,platform,session_id\nhungry/a1.wav,hungry,sleepy,x,ios,s\n');
    expect(() => loadCorpusIndex(bad)).toThrow(/row 2 has class4 "sleepy", not one of the four needs/);
  });
});

describe('loadAudio', () => {
  it('resamples 16 kHz to 8 kHz, removing content above 4 kHz, and caches the result', () => {
    const dir = makeDataDir('audio');
    const cacheDir = join(root, 'cache');
    const path = join(dir, 'background/esc/noise/n1.wav');
    const first = loadAudio(path, { cacheDir });
    expect(first.length).toBeGreaterThanOrEqual(3990);
    expect(first.length).toBeLessThanOrEqual(4010);
    expect(readdirSync(cacheDir)).toHaveLength(1);
    expect(loadAudio(path, { cacheDir })).toEqual(first);
    // A 3 kHz tone survives 8 kHz sampling (below 4 kHz Nyquist): its energy stays.
    const rms = Math.sqrt(first.slice(500, 3500).reduce((s, v) => s + v * v, 0) / 3000);
    expect(rms).toBeGreaterThan(0.3);
    const high = join(dir, 'high.wav');
    writeWav(high, tone(6000, 16000, 0.5), 16000);
    const filtered = loadAudio(high, { cacheDir: null });
    const highRms = Math.sqrt(filtered.slice(500, 3500).reduce((s, v) => s + v * v, 0) / 3000);
    expect(highRms).toBeLessThan(0.01);
  });

  it('names the file when it is not a WAV', () => {
    const path = join(root, 'not-a-wav.wav');
    writeFileSync(path, 'hello');
    expect(() => loadAudio(path, { cacheDir: null })).toThrow(/not-a-wav\.wav: only 5 bytes/);
  });
});

describe('joinShortClips', () => {
  const clip = (id: string, group: string, length: number): { id: string; group: string; samples: Float32Array } => ({
    id,
    group,
    samples: new Float32Array(length).fill(0.1),
  });

  it('joins short clips within a group only, keeps long clips, loops the short leftover', () => {
    const clips = [clip('a1', 'A', 400), clip('a2', 'A', 400), clip('a3', 'A', 400), clip('b1', 'B', 300), clip('long', 'A', 2000)];
    const joined = joinShortClips(clips, 1000, 7);
    expect(joined).toHaveLength(3);
    const groupA = joined.filter((j) => j.group === 'A' && j.ids.length > 1);
    expect(groupA).toHaveLength(1);
    expect(groupA[0]?.ids.sort()).toEqual(['a1', 'a2', 'a3']);
    expect(groupA[0]?.samples.length).toBe(1200);
    const groupB = joined.find((j) => j.group === 'B');
    expect(groupB?.ids).toEqual(['b1']);
    expect(groupB?.samples.length).toBe(1000);
    expect(Array.from(groupB?.samples ?? []).some((v) => v === 0)).toBe(false);
    expect(joined.find((j) => j.ids[0] === 'long')?.samples.length).toBe(2000);
  });

  it('is deterministic per seed', () => {
    const clips = Array.from({ length: 12 }, (_, i) => clip(`c${i}`, 'S', 300));
    expect(joinShortClips(clips, 1000, 3).map((j) => j.ids)).toEqual(joinShortClips(clips, 1000, 3).map((j) => j.ids));
    expect(joinShortClips(clips, 1000, 3).map((j) => j.ids)).not.toEqual(joinShortClips(clips, 1000, 4).map((j) => j.ids));
  });
});
