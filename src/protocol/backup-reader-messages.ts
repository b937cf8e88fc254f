import type { WorkerEnvelope, WorkerErrorEvent } from './envelope.ts';
import type { CareEntry } from '../domain/care.ts';
import type { Episode } from '../log/types.ts';
import type { StreamedBackup } from '../records/backup-stream-reader.ts';

/**
 * Messages between the page (src/ui/history/backup-reader.ts) and the backup-reading worker
 * (workers/backup-reader.worker.ts). Every reply carries the `id` of its read, so the page drops
 * one that arrives after it has moved on.
 */

/** Read and check one chosen file. */
export interface BackupReadRequest extends WorkerEnvelope<'read'> {
  file: Blob;
  /** The page's clock: last-change times later than tomorrow from here are set back to it. */
  nowMs: number;
}

/** Stop reading the file now: the worker stops at the next chunk and answers `cancelled`. */
export type BackupCancelRequest = WorkerEnvelope<'cancel'>;

export type BackupReaderRequest = BackupReadRequest | BackupCancelRequest;

/** How far reading has got: the file is read and checked in one pass. */
export interface BackupReadProgress {
  bytesRead: number;
  totalBytes: number;
  criesChecked: number;
}

export interface BackupProgressEvent extends WorkerEnvelope<'progress'> {
  progress: BackupReadProgress;
}

/** Checked cries, in file order; small batches, so the page never deserializes a huge message in one task. */
export interface BackupEpisodesEvent extends WorkerEnvelope<'episodes'> {
  episodes: Episode[];
}

export interface BackupCareEntriesEvent extends WorkerEnvelope<'care-entries'> {
  careEntries: CareEntry[];
}

/** The file was read to its end and is a valid backup: the rest of it. */
export interface BackupDoneEvent extends WorkerEnvelope<'done'> {
  result: StreamedBackup;
}

/** Reading stopped on the page's word; nothing more comes for this id. */
export type BackupCancelledEvent = WorkerEnvelope<'cancelled'>;

/** `bad-file`: the file is not a usable backup (message names the problem); `read-failed`: the browser could not read it. */
export type BackupReaderErrorCode = 'bad-file' | 'read-failed';

export type BackupReaderEvent =
  | BackupProgressEvent
  | BackupEpisodesEvent
  | BackupCareEntriesEvent
  | BackupDoneEvent
  | BackupCancelledEvent
  | WorkerErrorEvent<BackupReaderErrorCode>;
