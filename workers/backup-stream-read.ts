import type { BackupReadProgress } from '../src/protocol/backup-reader-messages.ts';
import { BackupStreamReader, DEFAULT_BATCH_SIZE, type BackupRecordSink, type StreamedBackup } from '../src/records/backup-stream-reader.ts';

/**
 * The backup-reading worker's loop, free of worker globals so that it runs in Node too: pulls the
 * file's chunks one at a time, feeds each to the one backup reader, and hands on checked records
 * in batches. Only one chunk and one batch are held at a time.
 */

/** Progress at most this often. */
export const PROGRESS_INTERVAL_MS = 100;
/**
 * The loop gives way to the worker's message queue at least this often: when the browser has
 * the file's chunks ready, reading them resolves without a task boundary, and a Cancel would
 * wait behind the whole file.
 */
export const YIELD_INTERVAL_MS = 50;

/** Reading stopped because the signal was aborted. */
export class BackupReadAborted extends Error {
  override readonly name = 'BackupReadAborted';
  constructor() {
    super('Reading the backup was cancelled.');
  }
}

export interface BackupStreamReadOptions {
  nowMs: number;
  totalBytes: number;
  signal: AbortSignal;
  onEpisodes: BackupRecordSink['episodes'];
  onCareEntries: BackupRecordSink['careEntries'];
  onProgress: (progress: BackupReadProgress) => void;
  batchSize?: number;
}

function giveWay(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Reads and checks a backup from `stream`. Rejects with InputError for a file that is not a
 * usable backup, BackupReadAborted once `signal` aborts (the stream is cancelled: no more of the
 * file is read), or the stream's own error.
 */
export async function readBackupStream(stream: ReadableStream<Uint8Array>, options: BackupStreamReadOptions): Promise<StreamedBackup> {
  const { signal, totalBytes } = options;
  const reader = stream.getReader();
  const backup = new BackupStreamReader(options.nowMs, { episodes: options.onEpisodes, careEntries: options.onCareEntries }, options.batchSize ?? DEFAULT_BATCH_SIZE);
  let bytesRead = 0;
  let lastProgress = 0;
  let lastYield = Date.now();
  try {
    for (;;) {
      if (signal.aborted) throw new BackupReadAborted();
      const chunk = await reader.read();
      if (signal.aborted) throw new BackupReadAborted();
      if (chunk.done) break;
      backup.write(chunk.value);
      bytesRead += chunk.value.byteLength;
      const now = Date.now();
      if (now - lastProgress >= PROGRESS_INTERVAL_MS) {
        lastProgress = now;
        options.onProgress({ bytesRead, totalBytes, criesChecked: backup.episodeCount });
      }
      if (now - lastYield >= YIELD_INTERVAL_MS) {
        await giveWay();
        lastYield = Date.now();
      }
    }
    const result = backup.end();
    options.onProgress({ bytesRead, totalBytes, criesChecked: result.episodeCount });
    return result;
  } catch (error) {
    // Stops the browser reading the rest of the file (a bad entry or Cancel ends the read).
    await reader.cancel().catch(() => undefined);
    throw error;
  } finally {
    reader.releaseLock();
  }
}
