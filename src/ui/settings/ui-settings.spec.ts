import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createHistoryDb } from '../../log/db.ts';
import { readSetting, writeSetting } from '../../log/profiles.ts';
import { DEFAULT_UI_SETTINGS, hourLabel, isNightAt, parseUiSettings, type UiSettings } from './ui-settings.ts';

const at = (hour: number, minute = 0): number => new Date(2026, 11, 2, hour, minute).getTime();

describe('parseUiSettings', () => {
  it('gives the defaults for nothing stored, silently', () => {
    const warnings: string[] = [];
    expect(parseUiSettings(undefined, (m) => warnings.push(m))).toEqual(DEFAULT_UI_SETTINGS);
    expect(warnings).toEqual([]);
  });

  it('keeps a valid stored value', () => {
    const stored: UiSettings = { night: 'on', nightFromHour: 22, nightUntilHour: 6, firstRunDone: true, cameraOnStart: true };
    expect(parseUiSettings(stored, () => undefined)).toEqual(stored);
  });

  it('replaces only the damaged fields, and says so', () => {
    const warnings: string[] = [];
    const parsed = parseUiSettings({ night: 'sometimes', nightFromHour: 24, nightUntilHour: 6, firstRunDone: true }, (m) => warnings.push(m));
    expect(parsed).toEqual({ night: DEFAULT_UI_SETTINGS.night, nightFromHour: DEFAULT_UI_SETTINGS.nightFromHour, nightUntilHour: 6, firstRunDone: true, cameraOnStart: false });
    expect(warnings).toHaveLength(1);
  });

  it('gives the defaults for a value that is not an object', () => {
    const warnings: string[] = [];
    expect(parseUiSettings('night', (m) => warnings.push(m))).toEqual(DEFAULT_UI_SETTINGS);
    expect(warnings).toHaveLength(1);
  });
});

describe('the camera-on-start setting', () => {
  it('is off by default, and a value stored before it existed reads as off without a warning', () => {
    expect(DEFAULT_UI_SETTINGS.cameraOnStart).toBe(false);
    const warnings: string[] = [];
    expect(parseUiSettings({ night: 'on', nightFromHour: 22, nightUntilHour: 6, firstRunDone: true }, (m) => warnings.push(m)).cameraOnStart).toBe(false);
    expect(warnings).toEqual([]);
  });

  it('round-trips through the settings table across a reload, as the Settings screen saves it', async () => {
    const indexedDB = new IDBFactory();
    const first = createHistoryDb({ indexedDB, IDBKeyRange });
    await first.open();
    const chosen: UiSettings = { ...DEFAULT_UI_SETTINGS, firstRunDone: true, cameraOnStart: true };
    await writeSetting(first, 'uiSettings', { ...chosen });
    first.close();
    const second = createHistoryDb({ indexedDB, IDBKeyRange });
    await second.open();
    const warnings: string[] = [];
    expect(parseUiSettings(await readSetting(second, 'uiSettings'), (m) => warnings.push(m))).toEqual(chosen);
    expect(warnings).toEqual([]);
    second.close();
  });

  it('falls back to off, with a warning, when damaged', () => {
    const warnings: string[] = [];
    expect(parseUiSettings({ ...DEFAULT_UI_SETTINGS, cameraOnStart: 'yes' }, (m) => warnings.push(m)).cameraOnStart).toBe(false);
    expect(warnings).toHaveLength(1);
  });
});

describe('isNightAt', () => {
  const byClock: UiSettings = { ...DEFAULT_UI_SETTINGS, night: 'by-clock', nightFromHour: 20, nightUntilHour: 7 };

  it('follows the toggle when not by the clock', () => {
    expect(isNightAt({ ...byClock, night: 'on' }, at(12))).toBe(true);
    expect(isNightAt({ ...byClock, night: 'off' }, at(23))).toBe(false);
  });

  it('wraps past midnight: 20:00–07:00', () => {
    expect(isNightAt(byClock, at(19, 59))).toBe(false);
    expect(isNightAt(byClock, at(20))).toBe(true);
    expect(isNightAt(byClock, at(0, 30))).toBe(true);
    expect(isNightAt(byClock, at(6, 59))).toBe(true);
    expect(isNightAt(byClock, at(7))).toBe(false);
  });

  it('handles a night within one day (01:00–05:00) and an empty one', () => {
    const short = { ...byClock, nightFromHour: 1, nightUntilHour: 5 };
    expect(isNightAt(short, at(0))).toBe(false);
    expect(isNightAt(short, at(3))).toBe(true);
    expect(isNightAt(short, at(5))).toBe(false);
    expect(isNightAt({ ...byClock, nightFromHour: 4, nightUntilHour: 4 }, at(4))).toBe(false);
  });
});

describe('hourLabel', () => {
  it('pads to two digits', () => {
    expect(hourLabel(7)).toBe('07:00');
    expect(hourLabel(20)).toBe('20:00');
  });
});
