/**
 * When the eye nets run. They cost more than the rest of a followed frame, so they run on one
 * frame in EYES_EVERY_FRAMES (about every 3 s at the camera's 3 frames a second; the sleep watch
 * looks at minutes) and only on a frame whose face was followed in one detector pass, never on
 * top of a frame's full face search. In between, the last reading is held while the same face is
 * followed; losing the face, or a picture too poor to tell the eyes, drops it.
 */
export const EYES_EVERY_FRAMES = 10;

export class EyesSchedule<Reading> {
  #held: Reading | null = null;
  #framesSinceRun = 0;

  constructor(private readonly everyFrames = EYES_EVERY_FRAMES) {}

  /** The reading held for this face, or null when there is none. */
  get held(): Reading | null {
    return this.#held;
  }

  /** Whether this frame (of a face good enough to read the eyes) should run the nets. */
  due(detectorPasses: number): boolean {
    this.#framesSinceRun++;
    const due = this.#held === null || this.#framesSinceRun >= this.everyFrames;
    return due && detectorPasses <= 1;
  }

  /** The nets ran on this frame and read `reading`. */
  ran(reading: Reading): Reading {
    this.#held = reading;
    this.#framesSinceRun = 0;
    return reading;
  }

  /** The face was lost or the picture cannot tell the eyes: nothing is held any more. */
  drop(): void {
    this.#held = null;
  }
}
