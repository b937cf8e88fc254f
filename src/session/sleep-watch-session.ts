/**
 * The sleep watch, headless: feeds every camera frame's motion and eyes (and the monitor's crying) to the
 * pure SleepWatch, and turns its proposal into a care-log entry only when the parent confirms.
 * Never writes on its own.
 */
import { DEFAULT_SLEEP_WATCH, SleepWatch, sleepWatchSettings, type SleepProposal, type SleepWatchSettings, type SleepWatchState } from '../fusion/sleep-watch.ts';
import type { CareAction, CareSnapshot } from './care-session.ts';
import { Emitter } from './emitter.ts';
import type { CameraSnapshot, SessionSnapshot, Subscribable } from './session-snapshot.ts';

export interface SleepWatchSnapshot extends SleepWatchState {
  /** True while a confirmed proposal is being written. */
  busy: boolean;
  /** Why the last confirmation could not be logged, in words; null otherwise. */
  error: string | null;
}

/** What the sleep watch needs of the care session (the real one, or a fake in unit tests). */
export interface CareLogTarget extends Subscribable<CareSnapshot> {
  log(action: CareAction, minutesAgo?: number): Promise<boolean>;
}

/**
 * `?sleepWatchMinutes=A,B` (test and demo only): "looks asleep" after A minutes of stillness and
 * "looks awake" after B minutes of activity instead of 15 and 2, so an end-to-end test or a
 * demonstration need not wait a quarter of an hour. Anything else gives the defaults.
 */
export function sleepWatchSettingsFromSearch(search: string): SleepWatchSettings {
  const value = new URLSearchParams(search).get('sleepWatchMinutes');
  if (value === null) return DEFAULT_SLEEP_WATCH;
  const [asleep, awake] = value.split(',').map(Number);
  try {
    return sleepWatchSettings(asleep ?? Number.NaN, awake ?? Number.NaN);
  } catch {
    console.warn(`CryDecode: ignoring sleepWatchMinutes=${value} (expected two positive numbers, e.g. 0.2,0.1).`);
    return DEFAULT_SLEEP_WATCH;
  }
}

export class SleepWatchSession {
  readonly #watch: SleepWatch;
  readonly #changes = new Emitter<SleepWatchSnapshot>();
  readonly #off: (() => void)[];
  readonly #care: CareLogTarget;
  readonly #now: () => number;
  #snapshot: SleepWatchSnapshot = { camera: 'unknown', sinceMs: null, proposal: null, busy: false, error: null };
  #crying = false;
  #logAsleep = false;
  #lastResults = -1;

  constructor(
    camera: Subscribable<CameraSnapshot>,
    monitor: Subscribable<SessionSnapshot>,
    care: CareLogTarget,
    settings: SleepWatchSettings = DEFAULT_SLEEP_WATCH,
    now: () => number = Date.now,
  ) {
    this.#watch = new SleepWatch(settings);
    this.#care = care;
    this.#now = now;
    this.#off = [
      monitor.subscribe((snapshot) => {
        this.#crying = snapshot.monitor.reading?.crying === true;
      }),
      care.subscribe((snapshot) => {
        const changed = snapshot.asleep !== this.#logAsleep;
        this.#logAsleep = snapshot.asleep;
        // A sleep logged or ended by hand answers the proposal too.
        if (changed) this.#publish({ proposal: this.#proposalFor(this.#watch.state) });
      }),
      camera.subscribe((snapshot) => this.#cameraChanged(snapshot)),
    ];
  }

  get snapshot(): SleepWatchSnapshot {
    return this.#snapshot;
  }

  subscribe(listener: (snapshot: SleepWatchSnapshot) => void): () => void {
    return this.#changes.on(listener);
  }

  /** Logs the proposal ("Fell asleep" or "Woke up" at its time). False, with the reason in the snapshot, when refused. */
  async confirm(): Promise<boolean> {
    const proposal = this.#snapshot.proposal;
    if (proposal === null || this.#snapshot.busy) return false;
    this.#publish({ busy: true, error: null });
    const minutesAgo = Math.max(0, (this.#now() - proposal.sinceMs) / 60_000);
    const logged = await this.#care.log({ kind: proposal.kind === 'asleep' ? 'sleep-start' : 'wake' }, minutesAgo);
    if (logged) {
      this.#watch.dismiss();
      this.#publish({ busy: false, proposal: null });
    } else {
      this.#publish({ busy: false, error: 'It could not be logged: see the message by the care buttons.' });
    }
    return logged;
  }

  /** "No": the proposal is not shown again for this stretch. */
  dismiss(): void {
    this.#watch.dismiss();
    this.#publish({ proposal: null, error: null });
  }

  dispose(): void {
    for (const off of this.#off) off();
  }

  #cameraChanged(snapshot: CameraSnapshot): void {
    // One observation per frame result, not per snapshot change.
    if (snapshot.resultsReceived === this.#lastResults) return;
    this.#lastResults = snapshot.resultsReceived;
    if (snapshot.status !== 'on' || snapshot.motion === null) return;
    const eyes = snapshot.face?.eyes?.state;
    const state = this.#watch.observe(
      { timeMs: this.#now(), motion: snapshot.motion.state, eyes: eyes === 'open' || eyes === 'closed' ? eyes : null, crying: this.#crying },
      this.#logAsleep,
    );
    this.#publish({ camera: state.camera, sinceMs: state.sinceMs, proposal: this.#proposalFor(state) });
  }

  #proposalFor(state: SleepWatchState): SleepProposal | null {
    const p = state.proposal;
    if (p === null) return null;
    // The log may have changed since the observation.
    return (p.kind === 'asleep' && this.#logAsleep) || (p.kind === 'awake' && !this.#logAsleep) ? null : p;
  }

  #publish(patch: Partial<SleepWatchSnapshot>): void {
    this.#snapshot = { ...this.#snapshot, ...patch };
    this.#changes.emit(this.#snapshot);
  }
}
