/**
 * Evaluates the shipped audio models on any folder of labelled audio and prints one JSON object
 * of metrics. Usage: npm run evaluate -- --data DIR [--model public/models/audio]
 * (see scripts/lib/evaluate-cli.ts for the folder layouts and options).
 */
import { runEvaluate } from '../lib/evaluate-cli.ts';

const exitCode = await runEvaluate(process.argv.slice(2), {
  async loadModels(dir) {
    // Imported here so `--help` and argument errors answer without starting TensorFlow.
    const { loadAudioModelsFromDir } = await import('../lib/load-audio-models-node.ts');
    return loadAudioModelsFromDir(dir);
  },
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
process.exitCode = exitCode;
