import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * Lints snippets with the project's own eslint.config.js, only the boundary rule switched on, as
 * if they were the content of real files (type-aware parsing needs a file the project knows).
 */
async function layerErrors(code: string, filePath: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: ROOT, ruleFilter: ({ ruleId }) => ruleId === 'seams/layers' });
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, filePath) });
  if (result === undefined) throw new Error(`ESLint returned no result for ${filePath}`);
  const fatal = result.messages.filter((message) => message.fatal === true);
  expect(fatal).toEqual([]);
  return result.messages.filter((message) => message.ruleId === 'seams/layers').map((message) => message.message);
}

// The first lint loads ESLint and the TypeScript parser: slow on a shared machine, so no 5 s default.
describe('seams/layers in eslint.config.js', { timeout: 180_000 }, () => {
  it('fails domain code that imports the UI', async () => {
    const errors = await layerErrors("import { statusText } from '../ui/status-text.ts';\nexport const x = statusText;\n", 'src/domain/needs.ts');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('src/domain imports nothing of ours');
  }, 240_000);

  it('resolves the path, so a deeper folder cannot sneak up a level', async () => {
    const errors = await layerErrors("import type { FaceAnalysis } from '../../protocol/vision-worker-messages.ts';\nexport type X = FaceAnalysis;\n", 'src/features/dsp/index.ts');
    expect(errors).toEqual([expect.stringContaining('src/features may import only src/domain')]);
  }, 240_000);

  it('lets fusion import the domain and features', async () => {
    const code = "import { NEED_LABELS } from '../domain/needs.ts';\nimport { AUDIO_FEATURES } from '../features/audio-config.ts';\nexport const x = [NEED_LABELS, AUDIO_FEATURES];\n";
    expect(await layerErrors(code, 'src/fusion/fuse.ts')).toEqual([]);
  }, 240_000);

  it('lets the protocol import model types but not model code', async () => {
    expect(await layerErrors("import type { FaceAnalysis } from '../models/vision/face-analysis.ts';\nexport type X = FaceAnalysis;\n", 'src/protocol/vision-worker-messages.ts')).toEqual([]);
    const errors = await layerErrors("import { FaceAnalyzer } from '../models/vision/face-analyzer.ts';\nexport const x = FaceAnalyzer;\n", 'src/protocol/vision-worker-messages.ts');
    expect(errors).toEqual([expect.stringContaining('may import only types from src/models')]);
  }, 240_000);

  it('keeps workers off the log and scripts off the tests', async () => {
    expect(await layerErrors("import { DB_NAME } from '../src/log/db.ts';\nexport const x = DB_NAME;\n", 'workers/vision.worker.ts')).toEqual([
      expect.stringContaining('workers never imports src/log'),
    ]);
    expect(await layerErrors("import { fixturePath } from '../../tests/e2e/browser.ts';\nexport const x = fixturePath;\n", 'scripts/bench/bench-soak.ts')).toEqual([
      expect.stringContaining('scripts never imports tests'),
    ]);
  }, 240_000);
});
