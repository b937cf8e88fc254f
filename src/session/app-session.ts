import { CameraSession } from './camera-session.ts';
import { ListeningSession } from './listening-session.ts';
import { MonitorSession, type MonitorSessionOptions } from './monitor-session.ts';
import { CareSession } from './care-session.ts';
import { connectHistory } from '../log/history-store.ts';
import { sharedCryCorrections, type CryCorrectionsSession } from './cry-corrections-session.ts';

/** The app's one session: the UI renders `monitor.snapshot`; a parent unit would send it. */
export interface AppSession {
  /** Commands for the microphone (start, stop, resumeAudio) and the spectrogram stream. */
  readonly listening: ListeningSession;
  /** Commands for the camera (start, stop, switchFacing) and the full face results for the preview. */
  readonly camera: CameraSession;
  /** The whole session's snapshot, episode events and logging retry. */
  readonly monitor: MonitorSession;
  /** The active baby's care log: its context estimate is the monitor's third need source. */
  readonly care: CareSession;
  /** "That wasn't crying": what the device learned from the parent's corrections, and Forget. */
  readonly corrections: CryCorrectionsSession;
  /** Starts the audio worker (models load before Start is tapped) and reads the care log. */
  init(): void;
  /** Ends everything: an open episode is closed and saved, workers are terminated. */
  dispose(): void;
}

export interface AppSessionUrls {
  /** Absolute URL of the audio models' folder (ends in '/'). */
  readonly audioModelsBaseUrl: string;
  /** The app's base URL, where the vision worker finds its models. */
  readonly appBaseUrl: string;
}

export function createAppSession(urls: AppSessionUrls, options: MonitorSessionOptions = {}): AppSession {
  const listening = new ListeningSession(urls.audioModelsBaseUrl);
  const camera = new CameraSession(urls.appBaseUrl);
  const care = new CareSession(connectHistory);
  const corrections = options.corrections ?? sharedCryCorrections();
  const monitor = new MonitorSession(listening, camera, { context: care, ...options, corrections });
  return {
    listening,
    camera,
    monitor,
    care,
    corrections,
    init: () => {
      listening.init();
      void care.load();
      void readAudioModelCard(urls.audioModelsBaseUrl).then((metrics) => monitor.setAudioNeedMetrics(metrics));
    },
    dispose: () => {
      camera.dispose();
      listening.dispose();
      monitor.dispose();
    },
  };
}

/**
 * The audio model card, for whether the sound's need may enter fusion. Any failure gives null,
 * which keeps the sound out with a reason (the need then comes from the other sources).
 */
async function readAudioModelCard(audioModelsBaseUrl: string): Promise<unknown> {
  try {
    const response = await fetch(new URL('metrics.json', audioModelsBaseUrl).href);
    return response.ok ? ((await response.json()) as unknown) : null;
  } catch {
    return null;
  }
}
