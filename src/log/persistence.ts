import type { PersistResult } from './types.ts';

/** Shown before asking, so the parent knows why the browser may pop a question. */
export const PERSIST_EXPLANATION =
  'Browsers may clear a website’s saved data when the phone runs low on space. CryDecode can ask the browser to keep your cry history unless you delete it yourself. Nothing leaves this device either way.';

/** What each outcome means for the parent. */
export const PERSIST_RESULT_TEXT: Record<PersistResult, string> = {
  granted: 'Your history is kept: the browser will not clear it to save space.',
  denied:
    'The browser did not promise to keep your history (it may decide later, e.g. after you install the app). Make a backup now and then to be safe.',
  unsupported: 'This browser cannot promise to keep your history. Make a backup now and then to be safe.',
};

/** The part of navigator.storage this needs, so tests can pass their own. */
export interface PersistCapableStorage {
  persist?: () => Promise<boolean>;
  persisted?: () => Promise<boolean>;
}

/** Asks the browser to keep this site's data; never throws. */
export async function requestPersistentStorage(storage: PersistCapableStorage | undefined): Promise<PersistResult> {
  if (!storage?.persist) return 'unsupported';
  try {
    if (storage.persisted && (await storage.persisted())) return 'granted';
    return (await storage.persist()) ? 'granted' : 'denied';
  } catch {
    return 'unsupported';
  }
}
