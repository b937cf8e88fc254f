import { decodeRecordingFile, RecordingFileError } from '../../capture/recording-file.ts';
import { RecordingAnalysisClient, RecordingAnalysisError } from '../../capture/recording-analysis-client.ts';
import type { ModelThresholds } from '../../fusion/model-thresholds.ts';
import { buildRecordingTimeline, type RecordingTimeline } from '../../fusion/timeline.ts';
import type { RecordingAnalysisStage } from '../../protocol/recording-worker-messages.ts';
import { loadModelThresholds } from '../monitor/load-thresholds.ts';

export type AnalysePhase = 'idle' | 'working' | 'done' | 'error' | 'cancelled';
export type AnalyseStage = 'reading' | RecordingAnalysisStage;

/** The "analyse a recording" screen's state: decode on the main thread, analyse in a worker. */
export class AnalyseState {
  phase = $state<AnalysePhase>('idle');
  fileName = $state<string | null>(null);
  stage = $state<AnalyseStage>('reading');
  /** Progress within the stage, 0–1. */
  fraction = $state(0);
  timeline = $state.raw<RecordingTimeline | null>(null);
  error = $state<string | null>(null);

  #controller: AbortController | null = null;
  #client = new RecordingAnalysisClient();
  #thresholds: Promise<ModelThresholds> | null = null;
  readonly #modelBaseUrl: () => string;

  /** `modelBaseUrl` gives the audio models' folder URL (ends in '/') when an analysis starts. */
  constructor(modelBaseUrl: () => string) {
    this.#modelBaseUrl = modelBaseUrl;
  }

  async analyse(file: File): Promise<void> {
    this.cancel();
    const controller = new AbortController();
    this.#controller = controller;
    this.phase = 'working';
    this.fileName = file.name;
    this.stage = 'reading';
    this.fraction = 0;
    this.timeline = null;
    this.error = null;
    const modelBaseUrl = this.#modelBaseUrl();
    this.#thresholds ??= loadModelThresholds(modelBaseUrl);
    try {
      const decoded = await decodeRecordingFile(file, controller.signal);
      const result = await this.#client.analyse(decoded.samples, decoded.sampleRateHz, modelBaseUrl, {
        signal: controller.signal,
        onProgress: (stage, fraction) => {
          if (this.#controller !== controller) return;
          this.stage = stage;
          this.fraction = fraction;
        },
      });
      const thresholds = await this.#thresholds;
      if (this.#controller !== controller) return;
      this.timeline = buildRecordingTimeline(result.windows, thresholds, result.durationSeconds);
      this.phase = 'done';
    } catch (error) {
      if (this.#controller !== controller) return;
      const cancelled =
        (error instanceof RecordingFileError || error instanceof RecordingAnalysisError) && error.code === 'cancelled';
      this.phase = cancelled ? 'cancelled' : 'error';
      this.error = cancelled ? null : error instanceof Error ? error.message : 'The recording could not be analysed.';
    } finally {
      if (this.#controller === controller) this.#controller = null;
    }
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
  }
}
