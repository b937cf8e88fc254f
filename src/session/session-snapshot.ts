import type { NeedProbabilities } from '../domain/needs.ts';
import type { NeedSource } from '../domain/modality.ts';
import type { EpisodeContext, LeftOutSource } from '../domain/episode.ts';
import type { CaptureErrorCode } from '../capture/capture-errors.ts';
import type { CameraErrorCode } from '../capture/camera-errors.ts';
import type { CameraFacing } from '../capture/camera.ts';
import type { MotionReading, Region } from '../features/motion.ts';
import type { FaceStatus } from '../features/face-quality.ts';
import type { EyesReading } from '../features/eyes.ts';
import type { NeedAssessment } from '../fusion/confidence.ts';
import type { EpisodeSummary } from '../fusion/episodes.ts';
import type { StorageErrorKind } from '../log/storage-error.ts';
import type { WorkerNotice } from './worker-notice.ts';

/**
 * The whole session as one piece of plain data: what the screen renders and what a parent unit
 * will send over its data channel. Everything here survives structuredClone / JSON (no class
 * instances, no bitmaps, no typed arrays); the big live data (spectrogram frames, the face crop)
 * goes through separate subscriptions on the session.
 */
export interface SessionSnapshot {
  readonly listening: ListeningSnapshot;
  readonly camera: CameraSnapshot;
  readonly monitor: MonitorSessionSnapshot;
  readonly logging: LoggingSnapshot;
}

/** Where the microphone session is. */
export type ListeningStatus = 'idle' | 'starting' | 'listening' | 'suspended' | 'stopping';

/** What the audio models can do right now. */
export type ModelStatus =
  | { readonly kind: 'loading'; readonly fraction: number }
  | {
      readonly kind: 'ready';
      readonly backend: string;
      /** Version tag of each loaded model (e.g. { audio: 'audio@…' }), recorded with every episode. */
      readonly versions: Readonly<Record<string, string>>;
    }
  | {
      readonly kind: 'unavailable';
      readonly reason: string;
      /** True when `retryModels()` would try again now (absent: it would not, e.g. no models in this build). */
      readonly retryable?: boolean;
    };

/** A problem told to the parent: what happened and what to do, in words. */
export interface SessionProblem<Code extends string = string> {
  readonly code: Code;
  readonly message: string;
  readonly action: string;
}

export interface ListeningSnapshot {
  readonly status: ListeningStatus;
  readonly models: ModelStatus;
  /** The microphone or analysis problem on screen, kept until the next Start; null while all is well. */
  readonly problem: SessionProblem<CaptureErrorCode> | null;
  /** What happened to the sound analyser itself (crash, restart); null while all is well. */
  readonly workerNotice: WorkerNotice | null;
  /** RMS level of the latest audio, in dBFS (SILENCE_DBFS when not listening). */
  readonly levelDbfs: number;
  /** Spectrogram frames analysed in this listening session, drawn or not (the display may be off). */
  readonly framesReceived: number;
  /** Mean of every log-Mel value sent for display in this session, in dB; null before the first such frame. */
  readonly sessionMeanDb: number | null;
}

export type CameraStatus = 'off' | 'starting' | 'on';

/** The latest face report, without its pixels (the crop bitmap goes to `onFaceResult` listeners). */
export interface FaceSnapshot {
  readonly status: FaceStatus;
  /** Adult-face distress hint, 0–1; null without a face. Not validated on infants. */
  readonly distressScore: number | null;
  /** Only from a trained face need head; null (uninformed) otherwise. */
  readonly needProbabilities: NeedProbabilities | null;
  /** Eyes open or closed (or why it cannot be told) with the lids' openness; null without a face. Not validated on infants. */
  readonly eyes: EyesReading | null;
}

export interface CameraSnapshot {
  readonly status: CameraStatus;
  readonly facing: CameraFacing;
  readonly problem: SessionProblem<CameraErrorCode> | null;
  /** Why face analysis cannot run (the preview still works), or null. */
  readonly analysisUnavailable: string | null;
  /** What happened to the face analyser itself (restarting, restarted); null while all is well. */
  readonly workerNotice: string | null;
  readonly hasNeedHead: boolean;
  /** Face reports received since the camera was turned on. */
  readonly resultsReceived: number;
  /** The latest report of the running camera; null when off or before the first one. */
  readonly face: FaceSnapshot | null;
  /** Moving or still inside the cot region, from the latest frame; null when off or before the first one. */
  readonly motion: MotionReading | null;
  /** The cot region motion is measured in, normalized to the frame (the whole frame until one is dragged). */
  readonly region: Region;
  /** Why the last dragged region was refused, in words; null otherwise. */
  readonly regionProblem: string | null;
}

/** What the monitor says after the latest audio window (fusion, smoothing, episodes). */
export interface MonitorReading {
  /** Stream time in seconds of the latest audio window. */
  readonly timeSeconds: number;
  /** That window's own cry probability (0–1). */
  readonly cryProbability: number;
  /** Moving average of the cry probability (0–1); the verdict and the alarm use it. */
  readonly smoothedCryProbability: number;
  readonly crying: boolean;
  /**
   * The need shown while crying or inside an episode: late fusion of the informed sources (sound,
   * face, the baby's day); null otherwise, and null when no source had anything to say.
   */
  readonly needProbabilities: NeedProbabilities | null;
  /** Top need or "not sure" with its candidates; null when no need is shown. */
  readonly assessment: NeedAssessment | null;
  /** Sources behind the shown need vector, in NEED_SOURCES order. */
  readonly contributed: readonly NeedSource[];
  /** Sources kept out of the need while crying, each with why (e.g. the sound's chance-level record). */
  readonly leftOut: readonly LeftOutSource[];
  /** Why this need, in plain words (from the care log); null when there is no reason to give. */
  readonly reason: string | null;
  /** The care log's own estimate at the cry's start; null when not crying or no log is loaded. */
  readonly context: EpisodeContext | null;
  /** Whether a fresh face reading took part, and whether it carried need probabilities. */
  readonly face: { readonly visible: boolean; readonly informed: boolean } | null;
  /** The open episode so far, or null. */
  readonly episode: EpisodeSummary | null;
}

export interface MonitorSessionSnapshot {
  /**
   * True while the monitor runs: from the first 'listening' to the next 'idle'. Derived from the
   * listening status in one place, so the two never disagree.
   */
  readonly active: boolean;
  /** The latest reading; null before the first window of a monitoring session and when inactive. */
  readonly reading: MonitorReading | null;
  /** The last episode that ended since the app opened (kept after Stop). */
  readonly lastEnded: EpisodeSummary | null;
  /** The thresholds in use and where they came from ('model': the loaded model's metadata). */
  readonly thresholds: { readonly cryThreshold: number; readonly notSureThreshold: number; readonly source: 'model' | 'defaults' };
}

export interface LoggingSnapshot {
  /** False after a storage failure: listening goes on, nothing new is saved until retry. */
  readonly enabled: boolean;
  /** The storage failure in words; null while saving works. */
  readonly error: { readonly kind: StorageErrorKind; readonly message: string } | null;
  /** Episodes saved since the app opened. */
  readonly savedCount: number;
}

/** Any session part that changes over time: read `snapshot`, hear about changes via `subscribe`. */
export interface Subscribable<T> {
  readonly snapshot: T;
  /** Calls `listener` after every change; returns the unsubscribe. */
  subscribe(listener: (snapshot: T) => void): () => void;
}
