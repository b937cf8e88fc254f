import type { AppSession } from '../session/app-session.ts';
import type { SessionSnapshot } from '../session/session-snapshot.ts';
import type { SpectrogramEvent } from '../protocol/audio-worker-messages.ts';

/**
 * The UI's mirror of the headless session: a `$state.raw` copy of its snapshot (and of the
 * latest spectrogram frames, which stay out of the snapshot), replaced on every change.
 */
export class SessionView {
  snapshot: SessionSnapshot;
  /** The latest spectrogram frames; null before the first of a listening session. */
  frames = $state.raw<SpectrogramEvent | null>(null);
  readonly #session: AppSession;

  constructor(session: AppSession) {
    this.#session = session;
    this.snapshot = $state.raw(session.monitor.snapshot);
  }

  /** Follows the session until the returned function is called. */
  attach(): () => void {
    const offSnapshot = this.#session.monitor.subscribe((snapshot) => {
      this.snapshot = snapshot;
    });
    const offFrames = this.#session.listening.onSpectrogram((frames) => {
      this.frames = frames;
    });
    return () => {
      offSnapshot();
      offFrames();
    };
  }
}
