import type { Page } from '@playwright/test';

/** The fields of a saved episode that the end-to-end tests check. */
export interface SavedEpisode {
  contributed: string[];
  modelVersions: Record<string, string>;
}

/**
 * Reads every saved episode straight from the app's IndexedDB (database "crydecode", store
 * "episodes"; src/log/db.ts), as a check of what was really stored rather than of what a
 * screen chose to show.
 */
export function readSavedEpisodes(page: Page): Promise<SavedEpisode[]> {
  return page.evaluate(
    () =>
      new Promise<SavedEpisode[]>((resolve, reject) => {
        const open = indexedDB.open('crydecode');
        open.onerror = () => reject(new Error(`opening the history database failed: ${String(open.error)}`));
        open.onsuccess = () => {
          const db = open.result;
          const read = db.transaction('episodes', 'readonly').objectStore('episodes').getAll();
          read.onerror = () => reject(new Error(`reading episodes failed: ${String(read.error)}`));
          read.onsuccess = () => {
            db.close();
            resolve(read.result as SavedEpisode[]);
          };
        };
      }),
  );
}
