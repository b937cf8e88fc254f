/** How a file reached the parent. */
export type Delivery = 'shared' | 'downloaded' | 'cancelled';

/** The navigator features used: narrowed so tests and other callers can pass their own. */
export interface ShareCapableNavigator {
  canShare?: (data: ShareData) => boolean;
  share?: (data: ShareData) => Promise<void>;
}

/** Time to keep a download's object URL alive: the browser has started reading it by then. */
const OBJECT_URL_LIFETIME_MS = 60_000;

/** Touch-first devices (phones, tablets), where a share sheet beats a downloads folder. */
export function prefersShareSheet(win: Pick<Window, 'matchMedia'> = window): boolean {
  return win.matchMedia('(pointer: coarse)').matches;
}

/**
 * Hands a file to the parent: on phones, the share sheet when the browser can share files (mail,
 * messaging, Files…); elsewhere, or when sharing is impossible, a download. A share that fails
 * for want of a recent tap (the export took too long) falls back to a download; a share the
 * parent dismisses is "cancelled".
 */
export async function deliverFile(
  file: File,
  preferShare: boolean = prefersShareSheet(),
  nav: ShareCapableNavigator = navigator,
  doc: Document = document,
): Promise<Delivery> {
  const data: ShareData = { files: [file], title: file.name };
  if (preferShare && nav.share && nav.canShare?.(data)) {
    try {
      await nav.share(data);
      return 'shared';
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return 'cancelled';
      // NotAllowedError (no user activation left) and others: fall through to a download.
    }
  }
  const url = URL.createObjectURL(file);
  const anchor = doc.createElement('a');
  anchor.href = url;
  anchor.download = file.name;
  anchor.rel = 'noopener';
  anchor.style.display = 'none';
  doc.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), OBJECT_URL_LIFETIME_MS);
  return 'downloaded';
}
