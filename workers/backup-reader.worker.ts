/// <reference lib="webworker" />
import { checkBackupSize, readBackupText, type BackupReadReply, type BackupReadRequest } from '../src/records/backup-format.ts';
import { InputError } from '../src/records/input-error.ts';

/**
 * Reads and validates a chosen backup file off the page's thread: a 100 000-cry backup takes
 * seconds to parse and check, which on the page froze it. The file is read in chunks (progress
 * by bytes), parsed, checked (progress by cries), and the cries go back in batches.
 */

/** Cries per reply: each is deserialized on the page in one go, so each must stay short. */
const EPISODES_PER_REPLY = 250;
/** Progress replies at most this often. */
const PROGRESS_INTERVAL_MS = 100;

const scope = self as unknown as DedicatedWorkerGlobalScope;

function reply(message: BackupReadReply): void {
  scope.postMessage(message);
}

async function readText(file: Blob): Promise<string> {
  const reader = file.stream().getReader();
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let done = 0;
  let lastReport = 0;
  for (;;) {
    const chunk = await reader.read();
    if (chunk.done) break;
    parts.push(decoder.decode(chunk.value, { stream: true }));
    done += chunk.value.byteLength;
    if (Date.now() - lastReport >= PROGRESS_INTERVAL_MS) {
      lastReport = Date.now();
      reply({ type: 'progress', progress: { phase: 'reading', done, total: file.size } });
    }
  }
  parts.push(decoder.decode());
  return parts.join('');
}

scope.onmessage = async (event: MessageEvent<BackupReadRequest>) => {
  const { file, nowMs } = event.data;
  try {
    checkBackupSize(file);
    const text = await readText(file);
    let lastReport = 0;
    const { backup, futureTimesClamped } = readBackupText(text, nowMs, (done, total) => {
      if (done < total && Date.now() - lastReport < PROGRESS_INTERVAL_MS) return;
      lastReport = Date.now();
      reply({ type: 'progress', progress: { phase: 'checking', done, total } });
    });
    const { episodes, ...rest } = backup;
    for (let start = 0; start < episodes.length; start += EPISODES_PER_REPLY) {
      reply({ type: 'episodes', episodes: episodes.slice(start, start + EPISODES_PER_REPLY) });
    }
    reply({ type: 'done', backup: rest, futureTimesClamped });
  } catch (error) {
    const badInput = error instanceof InputError;
    reply({ type: 'failed', badInput, message: badInput ? error.message : `The file could not be read (${error instanceof Error ? error.message : String(error)}).` });
  }
};
