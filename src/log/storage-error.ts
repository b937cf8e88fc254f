import { InputError } from '../records/input-error.ts';

/** Why storage failed, in terms the monitor can act on. */
export type StorageErrorKind = 'quota' | 'unavailable' | 'failed';

const HUMAN_MESSAGES: Record<StorageErrorKind, string> = {
  quota: 'Storage is full: new cries are not being saved. Existing history is safe.',
  unavailable:
    'This browser is not letting CryDecode save anything (private browsing or storage turned off). Listening still works, but cries are not being saved.',
  failed: 'Saving failed: new cries are not being saved. Existing history is safe.',
};

/** A storage failure with a message meant for the parent, not for a developer. */
export class StorageError extends Error {
  override readonly name = 'StorageError';
  constructor(
    readonly kind: StorageErrorKind,
    readonly detail: string,
  ) {
    super(HUMAN_MESSAGES[kind]);
  }
}

/** Names Dexie and IndexedDB use when the store cannot be opened at all. */
const UNAVAILABLE_NAMES = new Set([
  'MissingAPIError',
  'OpenFailedError',
  'InvalidStateError',
  'DatabaseClosedError',
  'SecurityError',
  'UnknownError',
]);

function errorName(error: unknown): string | null {
  if (typeof error === 'object' && error !== null && 'name' in error && typeof error.name === 'string') {
    return error.name;
  }
  return null;
}

/** Dexie wraps the browser's error; the cause sits in `inner`, possibly several levels down. */
function errorChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = error;
  while (current !== null && current !== undefined && chain.length < 8) {
    chain.push(current);
    current = typeof current === 'object' && 'inner' in current ? current.inner : null;
  }
  return chain;
}

/** Turns whatever IndexedDB or Dexie threw into a StorageError with a human message. */
export function toStorageError(error: unknown): StorageError {
  if (error instanceof StorageError) return error;
  const names = errorChain(error).map(errorName);
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  if (names.includes('QuotaExceededError')) return new StorageError('quota', detail);
  if (names.some((name) => name !== null && UNAVAILABLE_NAMES.has(name))) {
    return new StorageError('unavailable', detail);
  }
  return new StorageError('failed', detail);
}

/**
 * Runs a storage operation, turning any storage failure into a StorageError. An InputError
 * (bad input found inside the transaction) passes through unchanged: it is not a storage fault.
 */
export async function guardStorage<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw toStorageError(error);
  }
}
