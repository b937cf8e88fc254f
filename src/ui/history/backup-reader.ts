import backupReaderUrl from '../../../workers/backup-reader.worker.ts?worker&url';
import type { CareEntry } from '../../domain/care.ts';
import type { Episode } from '../../log/types.ts';
import type { Backup, BackupReading } from '../../log/backup.ts';
import type { BackupReaderEvent, BackupReaderRequest, BackupReadProgress } from '../../protocol/backup-reader-messages.ts';
import { InputError } from '../../records/input-error.ts';
import { startModuleWorker } from '../../capture/start-worker.ts';

/** Without a word from the reader for this long (it crashed, or ran out of memory), reading fails. */
export const READER_SILENCE_MS = 60_000;
/** After Cancel, the worker is given this long to stop reading by itself before it is ended. */
const CANCEL_GRACE_MS = 1_000;
/** One read per worker; the id still lets a reply that is not for this read be told apart. */
const READ_ID = 1;

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
    if (options.signal?.aborted) {
      reject(new BackupReadCancelled());
      return;
    }
    const worker = startModuleWorker(backupReaderUrl, 'backup-reader');
    const episodes: Episode[] = [];
    const careEntries: CareEntry[] = [];
    let watchdog: ReturnType<typeof setTimeout> | null = null;
    const post = (request: BackupReaderRequest): void => worker.postMessage(request);
    const finish = (outcome: () => void, stopWorker: () => void = () => worker.terminate()): void => {
      if (watchdog !== null) clearTimeout(watchdog);
      options.signal?.removeEventListener('abort', cancel);
      worker.onmessage = null;
      stopWorker();
      outcome();
    };
    const fail = (message: string): void => finish(() => reject(new InputError(`“${file.name}”: ${message}`)));
    const keepWatching = (): void => {
      if (watchdog !== null) clearTimeout(watchdog);
      watchdog = setTimeout(() => fail('reading this file stopped responding (the phone may be short of memory). Nothing was changed.'), READER_SILENCE_MS);
    };
    function cancel(): void {
      // The page moves on at once; the worker stops at its next chunk, or is ended.
      finish(
        () => reject(new BackupReadCancelled()),
        () => {
          post({ type: 'cancel', id: READ_ID });
          const ended = setTimeout(() => worker.terminate(), CANCEL_GRACE_MS);
          worker.onmessage = (event: MessageEvent<BackupReaderEvent>) => {
            if (event.data.type !== 'cancelled') return;
            clearTimeout(ended);
            worker.terminate();
          };
        },
      );
    }
    options.signal?.addEventListener('abort', cancel);
    worker.onmessage = (event: MessageEvent<BackupReaderEvent>) => {
      const message = event.data;
      if (message.id !== READ_ID) return;
      keepWatching();
      switch (message.type) {
        case 'progress':
          options.onProgress?.(message.progress);
          return;
        case 'episodes':
          for (const episode of message.episodes) episodes.push(episode);
          return;
        case 'care-entries':
          for (const entry of message.careEntries) careEntries.push(entry);
          return;
        case 'error':
          fail(message.code === 'bad-file' ? message.message : `${message.message} Nothing was changed.`);
          return;
        case 'cancelled':
          finish(() => reject(new BackupReadCancelled()));
          return;
        case 'done': {
          const { backup: rest, hasCareLog, futureTimesClamped } = message.result;
          const backup: Backup = { ...rest, episodes };
          if (hasCareLog) backup.careEntries = careEntries;
          finish(() => resolve({ backup, futureTimesClamped }));
          return;
        }
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      fail(`the backup reader could not run (${event.message || 'it did not start'}). Nothing was changed.`);
    };
    keepWatching();
    post({ type: 'read', id: READ_ID, file, nowMs: Date.now() });
  });
}
