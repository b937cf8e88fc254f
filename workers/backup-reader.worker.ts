/// <reference lib="webworker" />
import type { BackupReaderEvent, BackupReaderRequest, BackupReadRequest } from '../src/protocol/backup-reader-messages.ts';
import { checkBackupSize } from '../src/records/backup-format.ts';
import { InputError } from '../src/records/input-error.ts';
import { BackupReadAborted, readBackupStream } from './backup-stream-read.ts';

/**
 * Reads and checks a chosen backup file off the page's thread, as it streams from the disk
 * (backup-stream-read.ts): the file is never held whole, checked cries go to the page in
 * batches as they are read, progress is by bytes, and Cancel stops the read at the next chunk.
 */

const scope = self as unknown as DedicatedWorkerGlobalScope;
const reads = new Map<number, AbortController>();

function post(message: BackupReaderEvent): void {
  scope.postMessage(message);
}

async function read({ id, file, nowMs }: BackupReadRequest): Promise<void> {
  const abort = new AbortController();
  reads.set(id, abort);
  try {
    checkBackupSize(file);
    const result = await readBackupStream(file.stream(), {
      nowMs,
      totalBytes: file.size,
      signal: abort.signal,
      onEpisodes: (episodes) => post({ type: 'episodes', id, episodes }),
      onCareEntries: (careEntries) => post({ type: 'care-entries', id, careEntries }),
      onProgress: (progress) => post({ type: 'progress', id, progress }),
    });
    post({ type: 'done', id, result });
  } catch (error) {
    if (error instanceof BackupReadAborted) post({ type: 'cancelled', id });
    else if (error instanceof InputError) post({ type: 'error', id, code: 'bad-file', message: error.message });
    else post({ type: 'error', id, code: 'read-failed', message: `The file could not be read (${error instanceof Error ? error.message : String(error)}).` });
  } finally {
    reads.delete(id);
  }
}

scope.onmessage = (event: MessageEvent<BackupReaderRequest>) => {
  const request = event.data;
  if (request.type === 'cancel') reads.get(request.id)?.abort();
  else void read(request);
};
