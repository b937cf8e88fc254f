import { CameraSession } from './camera-session.ts';
import { ListeningSession } from './listening-session.ts';
import { MonitorSession, type MonitorSessionOptions } from './monitor-session.ts';
import { sharedCryCorrections, type CryCorrectionsSession } from './cry-corrections-session.ts';

/** The app's one session: the UI renders `monitor.snapshot`; a parent unit would send it. */
export interface AppSession {
  /** Commands for the microphone (start, stop, resumeAudio) and the spectrogram stream. */
  readonly listening: ListeningSession;
  /** Commands for the camera (start, stop, switchFacing) and the full face results for the preview. */
  readonly camera: CameraSession;
  /** The whole session's snapshot, episode events and logging retry. */
  readonly monitor: MonitorSession;
  /** "That wasn't crying": what the device learned from the parent's corrections, and Forget. */
  readonly corrections: CryCorrectionsSession;
  /** Starts the audio worker (models load before Start is tapped). */
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
  const corrections = options.corrections ?? sharedCryCorrections();
  const monitor = new MonitorSession(listening, camera, { ...options, corrections });
  return {
    listening,
    camera,
    monitor,
    corrections,
    init: () => listening.init(),
    dispose: () => {
      camera.dispose();
      listening.dispose();
      monitor.dispose();
    },
  };
}
