import type { HistoryDb } from '../../log/db.ts';
import { readSetting, writeSetting } from '../../log/profiles.ts';
import { DEFAULT_UI_SETTINGS, isNightAt, parseUiSettings, type UiSettings } from './ui-settings.ts';

const MINUTE_MS = 60_000;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The screen's settings for the UI: read once from the settings table, changed and saved by the
 * Settings screen and the first run. A failed read or save is said in `error` and the change
 * still applies for this visit (a parent is never stuck on the first-run screens).
 */
export class UiSettingsState {
  settings = $state.raw<UiSettings>(DEFAULT_UI_SETTINGS);
  /** 'loading' until the stored value was read (or could not be). */
  status = $state<'loading' | 'ready'>('loading');
  error = $state<string | null>(null);
  /** Ticks each minute so a night by the clock starts and ends on time. */
  now = $state(Date.now());
  #db: (() => Promise<HistoryDb>) | null = null;

  /** The night theme applies now. */
  get night(): boolean {
    return isNightAt(this.settings, this.now);
  }

  /** Reads the stored settings and starts the minute clock; returns the function that stops it. */
  attach(db: () => Promise<HistoryDb>): () => void {
    this.#db = db;
    void this.#load(db);
    const timer = setInterval(() => {
      this.now = Date.now();
    }, MINUTE_MS);
    return () => clearInterval(timer);
  }

  async #load(db: () => Promise<HistoryDb>): Promise<void> {
    try {
      this.settings = parseUiSettings(await readSetting(await db(), 'uiSettings'));
    } catch (error) {
      this.error = `Screen settings could not be read, so the defaults apply: ${messageOf(error)}`;
    } finally {
      this.status = 'ready';
    }
  }

  /** Applies a change now and saves it; resolves once saved (or once the failure is shown). */
  async update(change: Partial<UiSettings>): Promise<void> {
    this.settings = { ...this.settings, ...change };
    this.now = Date.now();
    const db = this.#db;
    if (db === null) return;
    try {
      await writeSetting(await db(), 'uiSettings', { ...this.settings });
      this.error = null;
    } catch (error) {
      this.error = `Screen settings could not be saved and will be lost on reload: ${messageOf(error)}`;
    }
  }
}
