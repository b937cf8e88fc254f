/**
 * The screen's settings, kept in the history database's settings table under one key
 * ('uiSettings', no schema change): the night theme, whether the first-run screens were seen, and
 * whether Start turns the camera on too.
 * Pure: parsing and the clock rule, so both are unit-tested without a browser.
 */

/** 'by-clock': night from `nightFromHour` until `nightUntilHour`, local time. */
export const NIGHT_MODES = ['off', 'on', 'by-clock'] as const;
export type NightMode = (typeof NIGHT_MODES)[number];

export interface UiSettings {
  night: NightMode;
  /** Whole hours 0–23, local time; the night may wrap past midnight (20 → 7). */
  nightFromHour: number;
  nightUntilHour: number;
  /** The three first-run screens were finished or skipped once. */
  firstRunDone: boolean;
  /** Start listening turns the camera on too (off by default: it is asked for only when wanted). */
  cameraOnStart: boolean;
}

export const DEFAULT_UI_SETTINGS: UiSettings = { night: 'by-clock', nightFromHour: 20, nightUntilHour: 7, firstRunDone: false, cameraOnStart: false };

function isHour(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 23;
}

/**
 * What came back from storage, field by field: a damaged or foreign value falls back to the
 * default of that field (with a warning), never a throw, so a bad row cannot lock the screen.
 */
export function parseUiSettings(value: unknown, warn: (message: string) => void = console.warn): UiSettings {
  if (value === undefined) return DEFAULT_UI_SETTINGS;
  if (typeof value !== 'object' || value === null) {
    warn('Screen settings were damaged; the defaults apply.');
    return DEFAULT_UI_SETTINGS;
  }
  const record = value as Record<string, unknown>;
  const night = NIGHT_MODES.find((mode) => mode === record['night']);
  const from = record['nightFromHour'];
  const until = record['nightUntilHour'];
  const done = record['firstRunDone'];
  const camera = record['cameraOnStart'];
  // Stored before the camera setting existed: absent is the default, not damage.
  const cameraOk = camera === undefined || typeof camera === 'boolean';
  const parsed: UiSettings = {
    night: night ?? DEFAULT_UI_SETTINGS.night,
    nightFromHour: isHour(from) ? from : DEFAULT_UI_SETTINGS.nightFromHour,
    nightUntilHour: isHour(until) ? until : DEFAULT_UI_SETTINGS.nightUntilHour,
    firstRunDone: typeof done === 'boolean' ? done : DEFAULT_UI_SETTINGS.firstRunDone,
    cameraOnStart: typeof camera === 'boolean' ? camera : DEFAULT_UI_SETTINGS.cameraOnStart,
  };
  if (night === undefined || !isHour(from) || !isHour(until) || typeof done !== 'boolean' || !cameraOk) warn('Some screen settings were damaged; their defaults apply.');
  return parsed;
}

/** Whether the night theme applies at epoch `ms`, in local time. Equal hours mean an empty night. */
export function isNightAt(settings: UiSettings, ms: number): boolean {
  if (settings.night !== 'by-clock') return settings.night === 'on';
  const hour = new Date(ms).getHours();
  const { nightFromHour: from, nightUntilHour: until } = settings;
  if (from === until) return false;
  return from < until ? hour >= from && hour < until : hour >= from || hour < until;
}

/** "20:00" for 20. */
export function hourLabel(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}
