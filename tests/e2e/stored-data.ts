import type { Page } from '@playwright/test';

/**
 * What the app keeps on the device, read back through the page: every IndexedDB record and every
 * Cache Storage entry, scanned for anything that could hold raw audio or video.
 */
export interface StoredData {
  /** "database/store" → number of records. */
  recordCounts: Record<string, number>;
  /** Where a Blob, ArrayBuffer or typed array was found, with its size in bytes. */
  binaryValues: string[];
  /** Cached URLs, by cache name. */
  cachedUrls: Record<string, string[]>;
  /** Cached responses whose Content-Type is audio or video. */
  cachedMedia: string[];
  /** Files in the origin-private file system. */
  privateFiles: string[];
  /** Characters held in localStorage and sessionStorage together. */
  webStorageChars: number;
}

export async function readStoredData(page: Page): Promise<StoredData> {
  return page.evaluate(async () => {
    const request = <T>(req: IDBRequest<T>): Promise<T> =>
      new Promise((resolve, reject) => {
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
      });
    const binaryValues: string[] = [];
    const visit = (value: unknown, where: string, seen: Set<object>): void => {
      if (value === null || typeof value !== 'object' || seen.has(value)) return;
      seen.add(value);
      if (value instanceof Blob) binaryValues.push(`${where}: Blob of ${value.size} bytes`);
      else if (value instanceof ArrayBuffer) binaryValues.push(`${where}: ArrayBuffer of ${value.byteLength} bytes`);
      else if (ArrayBuffer.isView(value)) binaryValues.push(`${where}: ${value.constructor.name} of ${value.byteLength} bytes`);
      else for (const [key, child] of Object.entries(value)) visit(child, `${where}.${key}`, seen);
    };

    const recordCounts: Record<string, number> = {};
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const db = await request(indexedDB.open(info.name));
      for (const storeName of db.objectStoreNames) {
        const records = await request(db.transaction(storeName, 'readonly').objectStore(storeName).getAll());
        recordCounts[`${info.name}/${storeName}`] = records.length;
        records.forEach((record, index) => visit(record, `${info.name}/${storeName}[${index}]`, new Set()));
      }
      db.close();
    }

    const cachedUrls: Record<string, string[]> = {};
    const cachedMedia: string[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      const keys = await cache.keys();
      cachedUrls[name] = keys.map((key) => key.url);
      for (const key of keys) {
        const type = (await cache.match(key))?.headers.get('content-type') ?? '';
        if (/^(audio|video)\//.test(type)) cachedMedia.push(`${key.url} (${type})`);
      }
    }

    const privateFiles: string[] = [];
    const root = await navigator.storage.getDirectory();
    for await (const name of (root as unknown as { keys(): AsyncIterable<string> }).keys()) privateFiles.push(name);

    let webStorageChars = 0;
    for (const storage of [localStorage, sessionStorage]) {
      for (let i = 0; i < storage.length; i += 1) webStorageChars += (storage.key(i) ?? '').length + (storage.getItem(storage.key(i) ?? '') ?? '').length;
    }
    return { recordCounts, binaryValues, cachedUrls, cachedMedia, privateFiles, webStorageChars };
  });
}

/** URLs the service worker precaches, read from the served sw.js (Workbox's manifest entries). */
export function precacheManifestUrls(swSource: string, origin: string): Set<string> {
  return new Set([...swSource.matchAll(/\burl:"([^"]+)"/g)].map((match) => new URL(match[1] ?? '', `${origin}/`).href));
}
