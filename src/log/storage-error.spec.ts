import { describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { guardStorage, StorageError, toStorageError } from './storage-error.ts';
import { InputError } from '../records/input-error.ts';

describe('toStorageError', () => {
  it('recognizes a quota error wrapped by Dexie', () => {
    const wrapped = new Dexie.AbortError('Transaction aborted', new DOMException('full', 'QuotaExceededError'));
    const error = toStorageError(wrapped);
    expect(error.kind).toBe('quota');
    expect(error.message).toBe('Storage is full: new cries are not being saved. Existing history is safe.');
  });

  it('treats a missing IndexedDB as unavailable', () => {
    expect(toStorageError(new Dexie.MissingAPIError('indexedDB API missing')).kind).toBe('unavailable');
    expect(toStorageError(new Dexie.OpenFailedError('blocked')).kind).toBe('unavailable');
  });

  it('falls back to a generic failure that still reassures about existing history', () => {
    const error = toStorageError(new Error('boom'));
    expect(error.kind).toBe('failed');
    expect(error.message).toMatch(/Existing history is safe/);
    expect(error.detail).toBe('Error: boom');
  });
});

describe('guardStorage', () => {
  it('passes input errors through unchanged', async () => {
    const input = new InputError('Please enter a name.');
    await expect(guardStorage(() => Promise.reject(input))).rejects.toBe(input);
  });

  it('converts storage failures', async () => {
    const failure = guardStorage(() => Promise.reject(new DOMException('full', 'QuotaExceededError')));
    await expect(failure).rejects.toBeInstanceOf(StorageError);
  });
});
