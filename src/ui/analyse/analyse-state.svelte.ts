import { decodeRecordingFile, RecordingFileError, unlessAborted } from '../../capture/recording-file.ts';
import { RecordingAnalysisClient, RecordingAnalysisError } from '../../capture/recording-analysis-client.ts';
import { mayHoldPictures, readVideoFrames, VideoFramesError } from '../../capture/video-frames.ts';
import { VisionRestartingError, VisionWorkerClient } from '../../capture/vision-worker-client.ts';
import { faceFrameReading, type FaceFrameReading } from '../../fusion/face-summary.ts';
import { thresholdsFromModel } from '../../fusion/model-thresholds.ts';
import { buildRecordingTimeline, type RecordingTimeline } from '../../fusion/timeline.ts';
import type { RecordingAnalysisStage, RecordingWindowPrediction } from '../../protocol/recording-worker-messages.ts';
import type { VisionReadyEvent, VisionResultEvent } from '../../protocol/vision-worker-messages.ts';
import type { PicturesOutcome } from './face-text.ts';

export type AnalysePhase = 'idle' | 'working' | 'done' | 'error' | 'cancelled';
/** 'face-models' and 'pictures': the picture stage of a video, after its sound. */
export type AnalyseStage = 'reading' | RecordingAnalysisStage | 'face-models' | 'pictures';

/** A vision worker for one video's pictures, started while its sound is analysed. */
interface FaceAnalyser {
  readonly client: VisionWorkerClient;
  readonly ready: Promise<VisionReadyEvent>;
}

/**
 * The "analyse a recording" screen's state: decode on the main thread, analyse the sound in a
 * worker, then (for a video) the pictures in the vision worker the camera uses.
 */
export class AnalyseState {
  phase = $state<AnalysePhase>('idle');
  fileName = $state<string | null>(null);
  stage = $state<AnalyseStage>('reading');
  /** Progress within the stage, 0–1. */
  fraction = $state(0);
  timeline = $state.raw<RecordingTimeline | null>(null);
  /** The analysed windows (with the cry network's embeddings, for "That wasn't crying") and the audio model that judged them. */
  windows = $state.raw<readonly RecordingWindowPrediction[]>([]);
  audioModelVersion = $state<string | null>(null);
  error = $state<string | null>(null);
  /** The error came from the analyser itself going away (not from the file): the same file may work on a second try. */
  retryable = $state(false);
  /** For a file that may hold pictures; null for a sound file. */
  pictures = $state.raw<PicturesOutcome | null>(null);

  #controller: AbortController | null = null;
  /** The file last picked, for "Try again". */
  #file: File | null = null;
  #client = new RecordingAnalysisClient();
  #faceAnalyser: FaceAnalyser | null = null;
  readonly #modelBaseUrl: () => string;
  readonly #appBaseUrl: () => string;

  /**
   * `modelBaseUrl` gives the audio models' folder URL (ends in '/') when an analysis starts;
   * `appBaseUrl` the app's base URL, where the vision worker finds its models.
   */
  constructor(modelBaseUrl: () => string, appBaseUrl: () => string) {
    this.#modelBaseUrl = modelBaseUrl;
    this.#appBaseUrl = appBaseUrl;
  }

  async analyse(file: File): Promise<void> {
    this.cancel();
    const controller = new AbortController();
    this.#controller = controller;
    this.#file = file;
    this.retryable = false;
    this.phase = 'working';
    this.fileName = file.name;
    this.stage = 'reading';
    this.fraction = 0;
    this.timeline = null;
    this.windows = [];
    this.audioModelVersion = null;
    this.error = null;
    this.pictures = null;
    const modelBaseUrl = this.#modelBaseUrl();
    try {
      const decoded = await decodeRecordingFile(file, controller.signal);
      // The face models load while the sound is analysed.
      const faceAnalyser = mayHoldPictures(file) ? this.#startFaceAnalyser() : null;
      const result = await this.#client.analyse(decoded.samples, decoded.sampleRateHz, modelBaseUrl, {
        signal: controller.signal,
        onProgress: (stage, fraction) => {
          if (this.#controller !== controller) return;
          this.stage = stage;
          this.fraction = fraction;
        },
      });
      const faces = faceAnalyser === null ? null : await this.#lookAtPictures(file, result.durationSeconds, faceAnalyser, controller);
      if (this.#controller !== controller) return;
      this.timeline = buildRecordingTimeline(result.windows, thresholdsFromModel(result.thresholds), result.durationSeconds, faces);
      this.windows = result.windows;
      this.audioModelVersion = result.modelVersions.audio ?? (Object.values(result.modelVersions).join(';') || null);
      this.phase = 'done';
    } catch (error) {
      if (this.#controller !== controller) return;
      const cancelled =
        (error instanceof RecordingFileError || error instanceof RecordingAnalysisError || error instanceof VideoFramesError) && error.code === 'cancelled';
      this.phase = cancelled ? 'cancelled' : 'error';
      this.error = cancelled ? null : error instanceof Error ? error.message : 'The recording could not be analysed.';
      this.retryable = error instanceof RecordingAnalysisError && error.code === 'stopped';
    } finally {
      if (this.#controller === controller) {
        this.#controller = null;
        this.#stopFaceAnalyser();
      }
    }
  }

  #startFaceAnalyser(): FaceAnalyser {
    this.#stopFaceAnalyser();
    const client = new VisionWorkerClient();
    const ready = client.init(this.#appBaseUrl());
    // Awaited only once the sound is done; a failure before then is not an unhandled one.
    ready.catch(() => undefined);
    const analyser = { client, ready };
    this.#faceAnalyser = analyser;
    return analyser;
  }

  /** Ends the vision worker: it holds the face models, and is started again for the next video. */
  #stopFaceAnalyser(): void {
    this.#faceAnalyser?.client.terminate();
    this.#faceAnalyser = null;
  }

  /**
   * The face in each planned picture of `file`. Anything but a cancel ends in a note (the sound's
   * result still stands) and null, or the readings gathered so far when some were analysed.
   */
  async #lookAtPictures(file: File, durationSeconds: number, analyser: FaceAnalyser, controller: AbortController): Promise<FaceFrameReading[] | null> {
    const { signal } = controller;
    const current = (): boolean => this.#controller === controller;
    const readings: FaceFrameReading[] = [];
    let hasNeedHead = false;
    const finish = (note: string | null): FaceFrameReading[] | null => {
      if (current()) this.pictures = { frames: readings.length, hasNeedHead, note };
      return readings.length === 0 ? null : readings;
    };
    if (current()) {
      this.stage = 'face-models';
      this.fraction = 0;
    }
    try {
      hasNeedHead = (await unlessAborted(analyser.ready, signal)).hasNeedHead;
    } catch (error) {
      if (error instanceof RecordingFileError && error.code === 'cancelled') throw error;
      return finish(`Face analysis could not start (${error instanceof Error ? error.message : String(error)}), so only the sound was analysed.`);
    }
    let planned = 0;
    try {
      const outcome = await readVideoFrames(file, {
        fallbackDurationSeconds: durationSeconds,
        signal,
        onPlan: (frameCount) => {
          planned = frameCount;
          if (current()) this.stage = 'pictures';
        },
        onFrame: async (frame, timeSeconds) => {
          let result: VisionResultEvent;
          try {
            // The client forgets the frame on abort (its late crop is closed); the wrapper turns the abort into our cancel.
            result = await unlessAborted(analyser.client.analyze(frame, timeSeconds * 1000, { signal }), signal);
          } catch (error) {
            // A picture lost to a restarting worker: the next one waits for the new worker.
            if (error instanceof VisionRestartingError) return;
            throw error;
          }
          result.cropImage?.close();
          readings.push(faceFrameReading(timeSeconds, result));
          if (current() && planned > 0) this.fraction = readings.length / planned;
        },
      });
      if (outcome.kind === 'no-pictures') {
        return finish(file.type.toLowerCase().startsWith('video/') ? `No pictures could be read in “${file.name}”, so only its sound was analysed.` : null);
      }
      return finish(readings.length === 0 ? `None of the pictures of “${file.name}” could be analysed, so only its sound was analysed.` : null);
    } catch (error) {
      if ((error instanceof VideoFramesError || error instanceof RecordingFileError) && error.code === 'cancelled') throw error;
      const reason = error instanceof Error ? error.message : String(error);
      return finish(
        readings.length === 0
          ? `${reason} Only the sound of “${file.name}” was analysed.`
          : `${reason} The face is shown for the first ${readings.length} pictures only.`,
      );
    }
  }

  /** Analyses the last file again (after the analyser stopped); a fresh worker takes it. */
  retry(): void {
    if (this.#file !== null) void this.analyse(this.#file);
  }

  /** Stops the running analysis; the screen says it was cancelled. */
  cancel(): void {
    const controller = this.#controller;
    if (controller === null) return;
    controller.abort();
  }

  dispose(): void {
    this.#controller?.abort();
    this.#controller = null;
    this.#client.dispose();
    this.#stopFaceAnalyser();
  }
}
