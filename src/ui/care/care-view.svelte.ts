import type { CareSession, CareSnapshot } from '../../session/care-session.ts';

const MINUTE_MS = 60_000;

/**
 * The UI's mirror of the care session: a `$state.raw` copy of its snapshot, plus a clock that
 * ticks each minute so "Last feed 2 h 40 min ago" stays true while the screen is left open.
 */
export class CareView {
  snapshot: CareSnapshot;
  now = $state(Date.now());
  readonly session: CareSession;

  constructor(session: CareSession) {
    this.session = session;
    this.snapshot = $state.raw(session.snapshot);
  }

  attach(): () => void {
    const off = this.session.subscribe((snapshot) => {
      this.snapshot = snapshot;
      this.now = Date.now();
    });
    const timer = setInterval(() => {
      this.now = Date.now();
    }, MINUTE_MS);
    return () => {
      off();
      clearInterval(timer);
    };
  }
}
