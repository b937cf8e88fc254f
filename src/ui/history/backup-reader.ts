import type { Episode } from '../../log/types.ts';
import type { BackupReading } from '../../log/backup.ts';
import type { BackupReadProgress, BackupReadReply, BackupReadRequest } from '../../records/backup-format.ts';
import { InputError } from '../../records/input-error.ts';

/** Without a word from the reader for this long (it crashed, or ran out of memory), reading fails. */
export const READER_SILENCE_MS = 60_000;

/** Thrown when the parent cancels reading a backup. */
export class BackupReadCancelled extends Error {
  override readonly name = 'BackupReadCancelled';
  constructor() {
    super('Reading the backup was cancelled. Nothing was changed.');
  }
}

export interface ReadBackupOptions {
  onProgress?: (progress: BackupReadProgress) => void;
  signal?: AbortSignal;
}

/**
 * Reads and validates a backup in workers/backup-reader.worker.ts, so the page stays responsive
 * with a large file. Rejects with InputError naming the file when it is not a usable backup,
 * BackupReadCancelled when `signal` aborts; never hangs (READER_SILENCE_MS).
 */
export function readBackupInWorker(file: File, options: ReadBackupOptions = {}): Promise<BackupReading> {
  return new Promise<BackupReading>((resolve, reject) => {
    const worker = new Worker(new URL('../../../workers/backup-reader.worker.ts', import.meta.url), { type: 'module', name: 'backup-reader' });
    const episodes: Episode[] = [];
    let watchdog: ReturnType<typeof setTimeout> | null = null;
    const finish = (outcome: () => void): void => {
      if (watchdog !== null) clearTimeout(watchdog);
      options.signal?.removeEventListener('abort', cancel);
      worker.terminate();
      outcome();
    };
    const fail = (message: string): void => finish(() => reject(new InputError(`“${file.name}”: ${message}`)));
    const keepWatching = (): void => {
      if (watchdog !== null) clearTimeout(watchdog);
      watchdog = setTimeout(() => fail('reading this file stopped responding (the phone may be short of memory). Nothing was changed.'), READER_SILENCE_MS);
    };
    function cancel(): void {
      finish(() => reject(new BackupReadCancelled()));
    }
    if (options.signal?.aborted) {
      cancel();
      return;
    }
    options.signal?.addEventListener('abort', cancel);
    worker.onmessage = (event: MessageEvent<BackupReadReply>) => {
      keepWatching();
      const message = event.data;
      if (message.type === 'progress') options.onProgress?.(message.progress);
      else if (message.type === 'episodes') for (const episode of message.episodes) episodes.push(episode);
      else if (message.type === 'failed') fail(message.message);
      else finish(() => resolve({ backup: { ...message.backup, episodes }, futureTimesClamped: message.futureTimesClamped }));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      fail(`the backup reader could not run (${event.message || 'it did not start'}). Nothing was changed.`);
    };
    keepWatching();
    const request: BackupReadRequest = { file, nowMs: Date.now() };
    worker.postMessage(request);
  });
}
