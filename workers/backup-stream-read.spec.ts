import { describe, expect, it } from 'vitest';
import { BackupReadAborted, readBackupStream, type BackupStreamReadOptions } from './backup-stream-read.ts';
import { InputError } from '../src/records/input-error.ts';
import type { BackupReadProgress } from '../src/protocol/backup-reader-messages.ts';
import { generatedBackupText } from '../scripts/lib/generated-backup.ts';

const NOW = Date.UTC(2026, 10, 25, 12);
const CHUNK_BYTES = 16_384;

/** A file's bytes as the browser streams them: one chunk per pull, counting pulls and whether it was cancelled. */
function fileStream(text: string): { stream: ReadableStream<Uint8Array>; pulls: () => number; cancelled: () => boolean } {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  let pulls = 0;
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        pulls += 1;
        if (at >= bytes.length) {
          controller.close();
          return;
        }
        controller.enqueue(bytes.slice(at, at + CHUNK_BYTES));
        at += CHUNK_BYTES;
      },
      cancel() {
        cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, pulls: () => pulls, cancelled: () => cancelled };
}

function options(overrides: Partial<BackupStreamReadOptions> & { totalBytes: number }): BackupStreamReadOptions {
  return { nowMs: NOW, signal: new AbortController().signal, onEpisodes: () => undefined, onCareEntries: () => undefined, onProgress: () => undefined, ...overrides };
}

describe('the backup-reading worker loop', () => {
  const text = generatedBackupText({ cries: 2_000, nowMs: NOW, careLog: true });
  const totalBytes = new TextEncoder().encode(text).length;

  it('reads a whole file, handing on every cry in batches, with progress by bytes up to the size', async () => {
    const file = fileStream(text);
    const progress: BackupReadProgress[] = [];
    let cries = 0;
    const result = await readBackupStream(file.stream, options({ totalBytes, onEpisodes: (batch) => (cries += batch.length), onProgress: (p) => progress.push(p) }));
    expect(result.episodeCount).toBe(2_000);
    expect(cries).toBe(2_000);
    expect(progress.at(-1)).toEqual({ bytesRead: totalBytes, totalBytes, criesChecked: 2_000 });
    expect(file.cancelled()).toBe(false);
  });

  it('Cancel stops reading the file at the next chunk and cancels the stream', async () => {
    const file = fileStream(text);
    const abort = new AbortController();
    let batches = 0;
    const reading = readBackupStream(
      file.stream,
      options({
        totalBytes,
        signal: abort.signal,
        onEpisodes: () => {
          batches += 1;
          if (batches === 2) abort.abort();
        },
      }),
    );
    await expect(reading).rejects.toBeInstanceOf(BackupReadAborted);
    const pullsAtCancel = file.pulls();
    expect(file.cancelled()).toBe(true);
    expect(pullsAtCancel * CHUNK_BYTES).toBeLessThan(totalBytes / 2);
    expect(batches).toBe(2);
  });

  it('a bad cry ends the read there: the rest of the file is not read', async () => {
    const bad = text.replace(/"startedAt":\d+/, '"startedAt":"soon"');
    const file = fileStream(bad);
    await expect(readBackupStream(file.stream, options({ totalBytes }))).rejects.toThrow(new InputError('Cry 1, start time: expected a number, found string'));
    expect(file.cancelled()).toBe(true);
    expect(file.pulls()).toBe(1);
  });

  it('a file cut short is named as incomplete, not in the parser\'s words', async () => {
    const file = fileStream(text.slice(0, Math.floor(text.length * 0.7)));
    await expect(readBackupStream(file.stream, options({ totalBytes }))).rejects.toThrow(/not valid JSON \(it may be incomplete or damaged\)/);
  });
});
