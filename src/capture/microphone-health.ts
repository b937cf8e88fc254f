/**
 * Notices a microphone that stopped sending sound without ending: a track stopped or disabled
 * by code (no event fires), muted by the system (a `mute` event that may be undone), or a device
 * sending exact digital silence. Pure: the caller samples the track and the level and calls
 * `check` about once a second.
 */

/** What is sampled each check. */
export interface TrackSample {
  readonly readyState: MediaStreamTrackState;
  readonly enabled: boolean;
  readonly muted: boolean;
  /** Largest absolute sample value heard since the last check (0 = digital silence). */
  readonly peak: number;
}

export type DeadMicrophoneReason = 'stopped' | 'disabled' | 'muted' | 'silent';

/** A system mute can be brief (a call notification); longer than this, the parent is told. */
export const MUTE_GRACE_MS = 2000;
/** Below −110 dBFS: no real room is this quiet, even a microphone's own noise is louder. */
export const DEAD_SILENCE_PEAK = 10 ** (-110 / 20);
/**
 * Digital silence this long means the device sends nothing. Longer than any quiet stretch the
 * app's own e2e fixtures hold (18 s of exact zeros after a cry); mute, disable and stop are
 * caught within seconds by their own signs.
 */
export const DEAD_SILENCE_MS = 30_000;

export class MicrophoneHealth {
  #mutedSinceMs: number | null = null;
  #silentSinceMs: number | null = null;

  /** Null while the microphone is alive; otherwise why it is taken as dead. */
  check(sample: TrackSample, nowMs: number): DeadMicrophoneReason | null {
    if (sample.readyState === 'ended') return 'stopped';
    if (!sample.enabled) return 'disabled';
    if (sample.muted) {
      this.#mutedSinceMs ??= nowMs;
      if (nowMs - this.#mutedSinceMs >= MUTE_GRACE_MS) return 'muted';
    } else {
      this.#mutedSinceMs = null;
    }
    if (sample.peak <= DEAD_SILENCE_PEAK) {
      this.#silentSinceMs ??= nowMs;
      if (nowMs - this.#silentSinceMs >= DEAD_SILENCE_MS) return 'silent';
    } else {
      this.#silentSinceMs = null;
    }
    return null;
  }
}

export const DEAD_MICROPHONE_DETAIL: Readonly<Record<DeadMicrophoneReason, string>> = {
  stopped: 'its sound was stopped',
  disabled: 'its sound was switched off',
  muted: 'it was muted',
  silent: `it has sent exact silence for ${DEAD_SILENCE_MS / 1000} seconds`,
};
