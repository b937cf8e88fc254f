/**
 * `npm run convert`: writes the shipped model folders in public/models/ from npm inputs
 * (and, for audio, from training outputs). Each converter owns its own folder.
 */
import path from 'node:path';
import { convertVision } from './convert/vision.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

async function main(): Promise<void> {
  const vision = await convertVision({
    outDir: path.join(ROOT, 'public/models/vision'),
    fixturesDir: path.join(ROOT, 'tests/fixtures'),
  });
  console.log(`vision: face detector + trunk written; distress on the fixture face ${vision.fixtures[0]?.distressQuantized ?? 'n/a'}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
