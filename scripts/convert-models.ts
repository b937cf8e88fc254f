/**
 * `npm run convert`: writes the shipped model folders in public/models/ from npm inputs
 * (and, for audio, from training outputs). Each converter owns its own folder.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { convertAudio } from './convert/audio.ts';
import { convertVision } from './convert/vision.ts';
import { DEFAULT_TRAINING_DIR, PLAN_FILE } from './train/training-plan.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

async function main(): Promise<void> {
  // --only audio|vision converts one branch; --audio-training DIR is train:audio's --out.
  const { values } = parseArgs({
    options: { only: { type: 'string' }, 'audio-training': { type: 'string', default: DEFAULT_TRAINING_DIR } },
  });
  if (values.only !== undefined && values.only !== 'audio' && values.only !== 'vision') {
    throw new Error(`--only must be "audio" or "vision", got "${values.only}"`);
  }
  if (values.only !== 'audio') {
    const vision = await convertVision({
      outDir: path.join(ROOT, 'public/models/vision'),
      fixturesDir: path.join(ROOT, 'tests/fixtures'),
    });
    console.log(`vision: face detector + trunk written; distress on the fixture face ${vision.fixtures[0]?.distressQuantized ?? 'n/a'}`);
  }
  if (values.only !== 'vision') {
    const trainingDir = path.resolve(ROOT, values['audio-training']);
    if (!existsSync(path.join(trainingDir, PLAN_FILE))) {
      const message = `audio: no training results in ${trainingDir}; run \`npm run train:audio -- --data ../shared/data\` first.`;
      if (values.only === 'audio') throw new Error(message);
      console.log(`${message} Skipped.`);
      return;
    }
    const { report, weightBytes } = await convertAudio({ trainingDir, outDir: path.join(ROOT, 'public/models/audio') });
    const [f, q] = [report.float, report.quantized];
    console.log(
      `audio: weights ${weightBytes.float} → ${weightBytes.quantized} bytes; need macro-F1 float ${f.need.pooled.macroF1.toFixed(3)} ` +
        `vs quantized ${q.need.pooled.macroF1.toFixed(3)}; cry F1 float ${f.cry.pooled.f1.toFixed(3)} vs quantized ${q.cry.pooled.f1.toFixed(3)}`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
