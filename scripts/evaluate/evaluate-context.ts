/**
 * Replays an exported CryDecode backup in time order and prints one JSON object: prequential
 * accuracy, balanced accuracy and macro-F1 of the context estimate against the parent's answers,
 * with bootstrap CIs, beside three baselines on the same episodes.
 * Usage: npm run evaluate:context -- --backup FILE
 */
import { readFileSync } from 'node:fs';
import { parseBackup } from '../../src/log/backup.ts';
import { InputError } from '../../src/records/input-error.ts';
import { replayBackup } from '../lib/context-replay.ts';

function argument(name: string): string | null {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? null) : null;
}

const file = argument('--backup');
if (file === null) {
  console.error('Usage: npm run evaluate:context -- --backup FILE (a backup exported from CryDecode\'s History screen)');
  process.exit(2);
}
try {
  const backup = parseBackup(readFileSync(file, 'utf8'));
  const report = replayBackup(backup);
  console.log(JSON.stringify({ backup: file, careEntriesRejected: backup.careEntriesRejected?.length ?? 0, ...report }, null, 2));
} catch (error) {
  console.error(error instanceof InputError ? `${file}: ${error.message}` : error);
  process.exit(1);
}
