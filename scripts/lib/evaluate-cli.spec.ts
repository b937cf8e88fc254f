import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AUDIO_FEATURES } from '../../src/features/audio-config.ts';
import { logMelSpectrogram } from '../../src/features/dsp/index.ts';
import type { NeedProbabilities } from '../../src/domain/needs.ts';
import { NEEDS } from '../../src/domain/needs.ts';
import { runEvaluate, type EvaluationModels, type EvaluationReport } from './evaluate-cli.ts';
import { createRandom, gaussian } from './random.ts';
import { encodeWavPcm16 } from './wav.ts';

const root = mkdtempSync(join(tmpdir(), 'crydecode-evaluate-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Tone frequency that stands for each need in this test (the fake model maps it back). */
const NEED_TONE_HZ: Record<string, number> = { discomfort: 3000, hunger: 300, pain: 1000, tired: 2000 };

function loudestBand(logMel: Float32Array, frameCount: number): { band: number; db: number } {
  const bands = AUDIO_FEATURES.melBands;
  const means = new Float64Array(bands);
  for (let f = 0; f < frameCount; f++) for (let b = 0; b < bands; b++) means[b] = (means[b] ?? 0) + (logMel[f * bands + b] ?? 0) / frameCount;
  let band = 0;
  for (let b = 1; b < bands; b++) if ((means[b] ?? -Infinity) > (means[band] ?? -Infinity)) band = b;
  return { band, db: means[band] ?? -100 };
}

function tone(hz: number, rate: number, seconds: number, amplitude = 0.5): Float32Array {
  return new Float32Array(Math.round(rate * seconds)).map((_, i) => amplitude * Math.sin((2 * Math.PI * hz * i) / rate));
}

/** The band each need's tone peaks in, measured with the real DSP (so the fake depends on no Mel details). */
const NEED_BANDS = NEEDS.map((need) => {
  const lm = logMelSpectrogram(tone(NEED_TONE_HZ[need] ?? 0, 8000, 2));
  return loudestBand(lm.data, lm.frameCount).band;
});
/** Loudest-band level (dB) above which the fake model hears "a cry": loud tones yes, quiet noise no. */
const FAKE_CRY_DB = -20;

/** A stand-in for the trained models: loud tonal windows are cries; the tone's pitch is the need. */
function fakeModels(options: { metadata?: { cryThreshold: number; notSureThreshold: number } } = {}): EvaluationModels & { calls: number; disposed: boolean } {
  const fake = {
    versions: { audio: 'fake@1' },
    calls: 0,
    disposed: false,
    metadata: options.metadata,
    predict(logMel: Float32Array, frameCount: number) {
      fake.calls++;
      expect(logMel.length).toBe(frameCount * AUDIO_FEATURES.melBands);
      const { band, db } = loudestBand(logMel, frameCount);
      let nearest = 0;
      NEED_BANDS.forEach((b, k) => {
        if (Math.abs(b - band) < Math.abs((NEED_BANDS[nearest] ?? 0) - band)) nearest = k;
      });
      const needProbabilities = NEEDS.map((_, k) => (k === nearest ? 0.7 : 0.1)) as unknown as NeedProbabilities;
      return { cryProbability: db > FAKE_CRY_DB ? 0.9 : 0.1, needProbabilities, embedding: null };
    },
    dispose() {
      fake.disposed = true;
    },
  };
  return fake;
}

function write(path: string, channels: Float32Array[], rate: number): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, encodeWavPcm16(channels, rate));
}

function quietNoise(rate: number, seconds: number, seed: number): Float32Array {
  const r = createRandom(seed);
  return new Float32Array(Math.round(rate * seconds)).map(() => 0.0005 * gaussian(r));
}

async function run(argv: string[], models = fakeModels()): Promise<{ code: number; report: EvaluationReport | null; stderr: string }> {
  let out = '';
  let err = '';
  const code = await runEvaluate(argv, { loadModels: () => Promise.resolve(models), stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, report: out === '' ? null : (JSON.parse(out) as EvaluationReport), stderr: err };
}

describe('npm run evaluate on labelled folders', () => {
  const dir = join(root, 'folders');
  // Odd rates and channel counts, one short clip (looped, never padded), one mislabelled clip.
  write(join(dir, 'hunger/a.wav'), [tone(300, 11025, 3)], 11025);
  write(join(dir, 'Hunger/nested/deeper/b.wav'), [tone(300, 44100, 1.2), tone(300, 44100, 1.2)], 44100);
  write(join(dir, 'pain/c.wav'), [tone(1000, 22050, 2.5), tone(1000, 22050, 2.5), tone(1000, 22050, 2.5)], 22050);
  write(join(dir, 'tired/d.wav'), [tone(2000, 8000, 4)], 8000);
  write(join(dir, 'tired/mislabelled.wav'), [tone(300, 16000, 3)], 16000);
  write(join(dir, 'discomfort/e.wav'), [tone(3000, 48000, 2)], 48000);
  write(join(dir, 'cry/unknown-need.wav'), [tone(1000, 8000, 0.3)], 8000);
  write(join(dir, 'not_cry/room.wav'), [quietNoise(16000, 3, 1)], 16000);
  write(join(dir, 'not_cry/silence.wav'), [new Float32Array(8000)], 8000);
  write(join(dir, 'not_cry/loud-tone-false-alarm.wav'), [tone(1000, 8000, 2)], 8000);
  writeFileSync(join(dir, 'not_cry/notes.txt'), 'not audio');
  writeFileSync(join(dir, 'not_cry/broken.wav'), 'RIFF....WAVE');
  write(join(dir, 'unsorted/x.wav'), [tone(300, 8000, 1)], 8000);
  writeFileSync(join(dir, '.DS_Store'), '');

  it('prints one JSON report with cry and need metrics computed from the model outputs', async () => {
    const models = fakeModels({ metadata: { cryThreshold: 0.5, notSureThreshold: 0.6 } });
    const { code, report, stderr } = await run(['--data', dir, '--model', join(root, 'model')], models);
    expect(stderr).toMatch(/11 labelled WAV file\(s\) .* 2 skipped/);
    expect(code).toBe(0);
    expect(models.disposed).toBe(true);
    if (report === null) throw new Error('no report');
    expect(report.data.layout).toBe('folders');
    expect(report.model).toMatchObject({ versions: { audio: 'fake@1' }, cryThreshold: 0.5, cryThresholdSource: 'model metadata', notSureThreshold: 0.6 });
    expect(report.counts).toMatchObject({ clips: 10, cry: 7, notCry: 3, cryOfUnknownNeed: 1, needs: { hunger: 2, pain: 1, tired: 2, discomfort: 1 }, skipped: 3 });
    // Windows on the 3 968-sample grid: 3 s → 3, 1.2 s → 1, 2.5 s → 2, 4 s → 6 (5 on the grid, then one starting
    // at the last whole frame, 16 000), 3 s → 3, 2 s → 1, 0.3 s → 1, 3 s → 3, 1 s → 1, 2 s → 1.
    expect(report.counts.windows).toBe(22);
    expect(models.calls).toBe(22);

    // Cries: all 7 detected; negatives: quiet noise and silence rejected, the loud tone is a false alarm.
    expect(report.cry?.atThreshold).toMatchObject({ truePositives: 7, falseNegatives: 0, falsePositives: 1, trueNegatives: 2 });
    expect(report.cry?.atThreshold.precision).toBeCloseTo(7 / 8, 12);
    expect(report.cry?.f1.value).toBeCloseTo((2 * (7 / 8)) / (7 / 8 + 1), 12);
    // Each cry (0.9) beats two negatives (0.1) and ties the false alarm (0.9).
    expect(report.cry?.rocAuc.value).toBeCloseTo(2.5 / 3, 12);
    expect(report.cry?.rocAuc.ci.low).toBeLessThanOrEqual(report.cry?.rocAuc.value ?? 0);

    // Needs: 5 of 6 right (the mislabelled "tired" clip sounds hungry).
    expect(report.need?.clips).toBe(6);
    expect(report.need?.metrics.accuracy).toBeCloseTo(5 / 6, 12);
    expect(report.need?.metrics.confusion[NEEDS.indexOf('tired')]?.[NEEDS.indexOf('hunger')]).toBe(1);
    expect(report.need?.metrics.balancedAccuracy).toBeCloseTo((1 + 1 + 1 + 0.5) / 4, 12);
    expect(report.need?.mostFrequentNeedBaseline.accuracy).toBeCloseTo(2 / 6, 12);
    expect(report.need?.judgedCrying).toBe(6);
    expect(report.need?.atNotSureThreshold).toMatchObject({ threshold: 0.6, answered: 6, coverage: 1 });

    const reasons = Object.fromEntries(report.skipped.map((s) => [s.file, s.reason]));
    expect(reasons[join('not_cry', 'notes.txt')]).toMatch(/not a \.wav file/);
    expect(reasons[join('not_cry', 'broken.wav')]).toMatch(/not_cry\/broken\.wav: /);
    expect(reasons[join('unsorted', 'x.wav')]).toMatch(/not inside a labelled folder/);
  });

  it('honours --cry-threshold and falls back to 0.5 without model metadata', async () => {
    const strict = await run(['--data', dir, '--cry-threshold', '0.95']);
    expect(strict.report?.model).toMatchObject({ cryThreshold: 0.95, cryThresholdSource: '--cry-threshold', notSureThreshold: null });
    expect(strict.report?.cry?.atThreshold.truePositives).toBe(0);
    expect(strict.report?.need?.judgedCrying).toBe(0);
    expect(strict.report?.need?.atNotSureThreshold).toBeNull();
    const fallback = await run(['--data', dir]);
    expect(fallback.report?.model.cryThresholdSource).toMatch(/fallback 0\.5/);
  });
});

describe('npm run evaluate on a metadata.csv', () => {
  it('reads class4 and kind, groups by install_id, and reports only the metrics the labels allow', async () => {
    const dir = join(root, 'csv');
    write(join(dir, 'clips/1.wav'), [tone(300, 8000, 2)], 8000);
    write(join(dir, 'clips/2.wav'), [tone(1000, 8000, 2)], 8000);
    write(join(dir, 'clips/3.wav'), [tone(2000, 12000, 2)], 12000);
    writeFileSync(
      join(dir, 'metadata.csv'),
      'file,class4,install_id\nclips/1.wav,hunger,baby-1\nclips/2.wav,pain,baby-1\nclips/3.wav,tired,baby-2\nclips/missing.wav,hunger,baby-3\nclips/1.wav,sleepy,baby-1\n',
    );
    const { code, report } = await run(['--data', dir]);
    expect(code).toBe(0);
    expect(report?.data.layout).toBe('metadata.csv');
    expect(report?.counts).toMatchObject({ clips: 3, cry: 3, notCry: 0, skipped: 2 });
    expect(report?.cry).toBeNull();
    expect(report?.notes.join(' ')).toMatch(/no non-cries/);
    expect(report?.need?.metrics.accuracy).toBe(1);
    expect(report?.need?.balancedAccuracy.ci.unit).toMatch(/groups/);
    expect(report?.skipped.map((s) => s.reason)).toEqual(['listed in metadata.csv but not found', 'class4 "sleepy" is not one of the four needs (discomfort, hunger, pain, tired)']);

    const kindDir = join(root, 'kind');
    write(join(kindDir, 'a.wav'), [tone(300, 8000, 2)], 8000);
    write(join(kindDir, 'b.wav'), [quietNoise(8000, 2, 3)], 8000);
    writeFileSync(join(kindDir, 'metadata.csv'), 'file,kind,source\na.wav,cry,r1\nb.wav,speech,r2\n');
    const kinds = await run(['--data', kindDir]);
    expect(kinds.report?.counts).toMatchObject({ cry: 1, notCry: 1 });
    expect(kinds.report?.cry?.atThreshold.f1).toBe(1);
    expect(kinds.report?.need).toBeNull();
  });
});

describe('npm run evaluate errors', () => {
  it('explains usage errors, empty folders and model failures', async () => {
    const noData = await run([]);
    expect(noData.code).toBe(2);
    expect(noData.stderr).toMatch(/--data DIR is required/);
    expect((await run(['--data', root, '--cry-threshold', '2'])).stderr).toMatch(/between 0 and 1/);
    expect((await run(['--bogus'])).code).toBe(2);
    expect((await run(['--help'])).stderr).toMatch(/Usage: npm run evaluate/);

    const missing = await run(['--data', join(root, 'does-not-exist')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/data folder not found/);
    const empty = join(root, 'empty');
    mkdirSync(join(empty, 'hunger'), { recursive: true });
    expect((await run(['--data', empty])).stderr).toMatch(/no labelled WAV files .*Expected subfolders hunger\//);
    const badCsv = join(root, 'badcsv');
    mkdirSync(badCsv, { recursive: true });
    writeFileSync(join(badCsv, 'metadata.csv'), 'file,label\na.wav,x\n');
    expect((await run(['--data', badCsv])).stderr).toMatch(/needs a class4 column .* or a kind column/);

    const one = join(root, 'one');
    write(join(one, 'cry/a.wav'), [tone(300, 8000, 1)], 8000);
    let err = '';
    const code = await runEvaluate(['--data', one, '--model', '/no/model'], {
      loadModels: () => Promise.reject(new Error('model.json not found')),
      stdout: () => undefined,
      stderr: (t) => (err += t),
    });
    expect(code).toBe(1);
    expect(err).toMatch(/cannot load the models from \/no\/model: model\.json not found/);
  });
});
