import type { EpisodeSummary } from '../fusion/episodes.ts';
import type { MonitorReading } from '../session/session-snapshot.ts';
import type { ListeningStatus, ModelStatus } from './listening-types.ts';
import { formatDuration } from './monitor/format.ts';

/**
 * Where the monitor is, as one word for styling and tests:
 * - 'broken': cry detection cannot run (the cry model did not load), whether listening or not;
 * - 'loading': listening, but the cry model is still loading, so no cry can be heard yet;
 * - 'waiting': listening with the model, before the first answer (about 2 s);
 * - 'crying': a cry now, or an open episode (its pauses for breath included);
 * - 'quiet': listening, no cry.
 */
export type MonitorState = 'idle' | 'starting' | 'stopping' | 'paused' | 'broken' | 'loading' | 'waiting' | 'crying' | 'quiet';

export interface MonitorStatus {
  readonly state: MonitorState;
  /** The big words: what a parent reads at a glance. */
  readonly headline: string;
  /** One short line under it: how long, what happens next, or what to do. */
  readonly detail: string;
}

export interface MonitorStatusInput {
  readonly status: ListeningStatus;
  readonly models: ModelStatus;
  readonly reading: Pick<MonitorReading, 'crying' | 'episode' | 'timeSeconds'> | null;
  /** The last episode that ended, for the calm state's line. */
  readonly lastEnded: EpisodeSummary | null;
}

/** Headline shown whenever the cry model is not there to listen for crying. */
export const CRY_DETECTION_BROKEN = 'Cry detection is not working';

function lastCryLine(lastEnded: EpisodeSummary | null): string {
  return lastEnded === null ? 'Listening on this device only.' : `Last cry lasted ${formatDuration(lastEnded.durationSeconds)}. Calm now.`;
}

/**
 * The monitor's one status, from the session's state: one place decides, so the screen can never
 * show two blocks that disagree ("crying" beside "no crying episode yet"), and it never looks
 * like monitoring when no cry can be detected.
 */
export function monitorStatus({ status, models, reading, lastEnded }: MonitorStatusInput): MonitorStatus {
  if (models.kind === 'unavailable' && status !== 'starting' && status !== 'stopping') {
    const detail = status === 'idle' ? 'No cry can be detected until the cry model loads.' : 'Listening, but no cry can be detected and no alert will come.';
    return { state: 'broken', headline: CRY_DETECTION_BROKEN, detail };
  }
  switch (status) {
    case 'idle':
      return { state: 'idle', headline: 'Not listening', detail: 'Tap Start listening when your baby is near the phone.' };
    case 'starting':
      return { state: 'starting', headline: 'Starting…', detail: 'Starting the microphone…' };
    case 'stopping':
      return { state: 'stopping', headline: 'Stopping…', detail: 'Saving what was heard.' };
    case 'suspended':
      return { state: 'paused', headline: 'Paused by the browser', detail: 'No cry can be heard until audio starts again.' };
    case 'listening':
      break;
  }
  if (models.kind === 'loading') {
    return { state: 'loading', headline: 'Getting cry detection ready…', detail: `Loading the cry model (${Math.round(models.fraction * 100)}%): no cry can be detected yet.` };
  }
  if (reading === null) return { state: 'waiting', headline: 'Listening…', detail: 'An answer comes about 2 seconds after you start.' };
  const { episode } = reading;
  if (episode !== null) {
    const lasted = `for ${formatDuration(reading.timeSeconds - episode.startSeconds)}`;
    return reading.crying ? { state: 'crying', headline: 'Crying', detail: lasted } : { state: 'crying', headline: 'Crying, pausing', detail: lasted };
  }
  if (reading.crying) return { state: 'crying', headline: 'Crying', detail: 'Just started.' };
  return { state: 'quiet', headline: 'Not crying', detail: lastCryLine(lastEnded) };
}
