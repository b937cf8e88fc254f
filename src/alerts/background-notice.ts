/**
 * Time hidden (seconds) after which the parent is told listening may have paused: browsers start
 * throttling background timers after about a minute, and some phones suspend the page entirely.
 */
export const BACKGROUND_NOTICE_AFTER_SECONDS = 10;

const SECONDS_PER_MINUTE = 60;

/** What to tell the parent after the page was hidden for `hiddenSeconds` while monitoring. */
export function backgroundNotice(hiddenSeconds: number): string | null {
  if (hiddenSeconds < BACKGROUND_NOTICE_AFTER_SECONDS) return null;
  const span = hiddenSeconds >= SECONDS_PER_MINUTE ? `${Math.round(hiddenSeconds / SECONDS_PER_MINUTE)} min` : `${Math.round(hiddenSeconds)} s`;
  return `CryDecode was in the background for ${span}. The browser may have slowed or paused listening then, so a cry could have been missed. Keep this screen open while monitoring.`;
}

/** Shown all the time while monitoring. */
export const KEEP_OPEN_HINT = 'Keep this screen open and the phone charging: in the background, the browser may slow down or pause listening.';
