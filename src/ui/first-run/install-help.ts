/** How this browser installs a web app, for the help shown when it gives no install prompt. */
export type InstallWay = 'installed' | 'ios' | 'android-other' | 'desktop-other';

/** From the user agent and display mode: a hint for words on screen, never a security decision. */
export function installWay(userAgent: string, standalone: boolean, maxTouchPoints: number): InstallWay {
  if (standalone) return 'installed';
  // iPadOS reports itself as a Mac; the touch points give it away.
  if (/iPhone|iPad|iPod/.test(userAgent) || (/Macintosh/.test(userAgent) && maxTouchPoints > 1)) return 'ios';
  if (/Android/.test(userAgent)) return 'android-other';
  return 'desktop-other';
}

export const INSTALL_STEPS: Record<InstallWay, string> = {
  installed: 'CryDecode is installed on this phone.',
  ios: 'On iPhone or iPad, in Safari: tap the Share button (the square with an arrow), then "Add to Home Screen".',
  'android-other': 'Open the browser menu (⋮) and choose "Install app" or "Add to Home screen".',
  'desktop-other': 'Use the browser menu: "Install CryDecode" or "Add to Home screen". Some browsers cannot install web apps; the app still works in a tab.',
};
