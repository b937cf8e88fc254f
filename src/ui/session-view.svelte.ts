import type { AppSession } from '../session/app-session.ts';
import type { SessionSnapshot } from '../session/session-snapshot.ts';
import type { SpectrogramEvent } from '../protocol/audio-worker-messages.ts';

/** What the dark screen says: one word's worth, so it changes a few times a night at most. */
export type ScreenBrief = 'listening' | 'crying' | 'not-listening' | 'problem';

export function briefOf(snapshot: SessionSnapshot): ScreenBrief {
  const { listening, monitor } = snapshot;
  if (listening.problem !== null || (listening.status === 'listening' && listening.models.kind === 'unavailable')) return 'problem';
  if (listening.status === 'idle' || listening.status === 'stopping') return 'not-listening';
  return monitor.reading?.crying === true ? 'crying' : 'listening';
}

/**
 * The UI's mirror of the headless session: a `$state.raw` copy of its snapshot (and of the
 * latest spectrogram frames, which stay out of the snapshot), replaced on every change.
 * Paused (the screen is dark), it copies nothing but the brief, so the hidden monitor does no
 * work at all: monitoring and alerts go on in the session, which the alerts follow directly.
 */
export class SessionView {
  snapshot: SessionSnapshot;
  /** The latest spectrogram frames; null before the first of a listening session. */
  frames = $state.raw<SpectrogramEvent | null>(null);
  brief = $state<ScreenBrief>('not-listening');
  paused = $state(false);
  readonly #session: AppSession;
  /** What decides whether the spectrogram is on screen (the worker draws nothing for nobody). */
  #soundPanelOpen = false;
  #monitorShown = true;
  #pageVisible = true;

  constructor(session: AppSession) {
    this.#session = session;
    this.snapshot = $state.raw(session.monitor.snapshot);
    this.brief = briefOf(session.monitor.snapshot);
  }

  /** The monitor's "Sound" panel, where the spectrogram is drawn, was opened or closed. */
  setSoundPanelOpen(open: boolean): void {
    this.#soundPanelOpen = open;
    this.#updateSpectrogramWanted();
  }

  /** The Monitor tab is shown, or another tab hides it (it stays mounted). */
  setMonitorShown(shown: boolean): void {
    this.#monitorShown = shown;
    this.#updateSpectrogramWanted();
  }

  #updateSpectrogramWanted(): void {
    this.#session.listening.setSpectrogramWanted(!this.paused && this.#soundPanelOpen && this.#monitorShown && this.#pageVisible);
  }

  /** Stops (or restarts) mirroring; on resume the snapshot catches up at once. */
  setPaused(paused: boolean): void {
    this.paused = paused;
    this.#updateSpectrogramWanted();
    if (!paused) {
      this.snapshot = this.#session.monitor.snapshot;
      // The picture restarts from the next frames; the ones missed while dark are gone.
      this.frames = null;
    }
  }

  /** Follows the session until the returned function is called. */
  attach(): () => void {
    const offSnapshot = this.#session.monitor.subscribe((snapshot) => {
      // Assigning a string equal to the current one triggers nothing.
      this.brief = briefOf(snapshot);
      if (!this.paused) this.snapshot = snapshot;
    });
    const offFrames = this.#session.listening.onSpectrogram((frames) => {
      if (!this.paused) this.frames = frames;
    });
    const onVisibility = (): void => {
      this.#pageVisible = document.visibilityState !== 'hidden';
      this.#updateSpectrogramWanted();
    };
    document.addEventListener('visibilitychange', onVisibility);
    onVisibility();
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      offSnapshot();
      offFrames();
    };
  }
}
