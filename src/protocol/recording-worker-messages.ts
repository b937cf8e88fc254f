import type { NeedProbabilities } from '../domain/needs.ts';
import type { ShippedThresholds } from './audio-worker-messages.ts';
import type { WorkerEnvelope, WorkerErrorEvent, WorkerPingRequest, WorkerPongEvent } from './envelope.ts';

/**
 * Protocol between the "analyse a recording" screen and workers/recording.worker.ts. The decoded
 * audio is transferred in, predictions come back per window. Every reply echoes the request id;
 * replies to a cancelled or superseded request are dropped by the client.
 */

/** Analyse `samples` (mono, at `sampleRateHz`) with the models in `modelBaseUrl` (ends in '/'). */
export interface AnalyseRecordingRequest extends WorkerEnvelope<'analyse'> {
  samples: Float32Array;
  sampleRateHz: number;
  modelBaseUrl: string;
}

/** Stop request `id` as soon as possible; no result will follow. */
export type CancelRecordingRequest = WorkerEnvelope<'cancel'>;

/** Heartbeat while an analysis runs: a worker that stops answering is ended and the screen says so. */
export type RecordingPingRequest = WorkerPingRequest;

export type RecordingWorkerRequest = AnalyseRecordingRequest | CancelRecordingRequest | RecordingPingRequest;

export type RecordingAnalysisStage = 'loading-models' | 'resampling' | 'analysing';

export interface RecordingProgressEvent extends WorkerEnvelope<'progress'> {
  stage: RecordingAnalysisStage;
  /** Progress within the stage, 0–1. */
  fraction: number;
}

/** What the models said about one 2 s window of the recording. */
export interface RecordingWindowPrediction {
  /** Window start and end in seconds from the start of the recording. */
  startSeconds: number;
  endSeconds: number;
  cryProbability: number;
  needProbabilities: NeedProbabilities | null;
  /** RMS level of the window in dBFS. */
  levelDbfs: number;
  /** The cry network's embedding of the window, for "That wasn't crying" on the timeline; null when the model gives none. */
  embedding: Float32Array | null;
}

export interface RecordingResultEvent extends WorkerEnvelope<'result'> {
  durationSeconds: number;
  windows: RecordingWindowPrediction[];
  modelVersions: Record<string, string>;
  /** The thresholds the models that judged it carry, for the timeline's verdicts. */
  thresholds: ShippedThresholds;
}

export type RecordingErrorCode = 'too-short' | 'silent' | 'no-models' | 'failed';

/** `message` is written for the parent. */
export type RecordingErrorEvent = WorkerErrorEvent<RecordingErrorCode>;

/** The worker stopped request `id` after a cancel. */
export type RecordingCancelledEvent = WorkerEnvelope<'cancelled'>;

export type RecordingPongEvent = WorkerPongEvent;

export type RecordingWorkerEvent = RecordingProgressEvent | RecordingResultEvent | RecordingErrorEvent | RecordingCancelledEvent | RecordingPongEvent;
