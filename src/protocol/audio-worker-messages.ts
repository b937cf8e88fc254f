import type { NeedProbabilities } from '../domain/needs.ts';
import type { WorkerEnvelope, WorkerErrorEvent, WorkerPingRequest, WorkerPongEvent } from './envelope.ts';

/**
 * The one message protocol between the main thread and workers/audio.worker.ts, declared once
 * and imported by both ends. Every request carries an `id`; every reply echoes the id of the
 * request it answers, so the main thread can drop a late reply to a session it already ended.
 *
 * Audio samples never pass through here: the capture worklet sends them straight to the worker
 * over a MessagePort (see worklet-messages.ts), so the main thread stays out of the hot path.
 */

/** Starts analysing the chunks that arrive on `chunkPort` (sampled at `inputSampleRateHz`). */
export interface StartListeningRequest extends WorkerEnvelope<'start'> {
  inputSampleRateHz: number;
  chunkPort: MessagePort;
  /** Whether spectrogram frames are wanted for display from the start (see DisplayRequest). */
  spectrogram: boolean;
}

/**
 * Whether anyone draws the spectrogram of session `id`. Off (screen dark, panel closed, page
 * hidden), the worker computes no display frames and sends only the level and frame count,
 * once a second; listening and the models go on unchanged.
 */
export interface DisplayRequest extends WorkerEnvelope<'display'> {
  spectrogram: boolean;
}

/** Stops the session `id` started; pending replies to it become stale. */
export type StopListeningRequest = WorkerEnvelope<'stop'>;

/** Loads the audio models from `baseUrl` (a folder URL ending in '/', holding model.json). */
export interface LoadModelsRequest extends WorkerEnvelope<'load-models'> {
  baseUrl: string;
}

export type PingRequest = WorkerPingRequest;

export type AudioWorkerRequest = StartListeningRequest | StopListeningRequest | LoadModelsRequest | PingRequest | DisplayRequest;

/** The worker is receiving chunks for session `id`. */
export interface ListeningStartedEvent extends WorkerEnvelope<'started'> {
  /** Rate of the analysed signal after resampling, in hertz. */
  analysisSampleRateHz: number;
}

/** The worker has let go of session `id`'s port and buffers. */
export type ListeningStoppedEvent = WorkerEnvelope<'stopped'>;

/**
 * New log-Mel spectrogram frames for the live display, sent about 12 times a second; with the
 * display off, once a second with no frames (the level and the count of frames analysed only).
 * `frames` is frameCount × melBands values in dB, frame-major (transferred, not copied).
 */
export interface SpectrogramEvent extends WorkerEnvelope<'spectrogram'> {
  frames: Float32Array;
  frameCount: number;
  /** Frames analysed since the last event but not computed for display (the display was off). */
  skippedFrameCount: number;
  melBands: number;
  /** RMS level of the audio these frames cover, in dBFS (0 = full scale). */
  levelDbfs: number;
  /** Seconds of audio analysed since the session started, at the end of these frames. */
  timeSeconds: number;
}

/** Model download and warm-up progress, 0–1. */
export interface ModelProgressEvent extends WorkerEnvelope<'model-progress'> {
  fraction: number;
}

/**
 * The decision thresholds the shipped model carries (model.json metadata, checked by the one
 * reader, src/models/audio-model-metadata.ts): the app uses no other source.
 */
export interface ShippedThresholds {
  /** Smoothed cry probability (0–1) at or above which a window counts as crying. */
  cryThreshold: number;
  /** Top need probability below which the answer is "not sure" (0–1.5; above 1 = never sure). */
  notSureThreshold: number;
}

/** The models are loaded and warmed up on `backend` (e.g. "wasm", "webgl", "cpu"). */
export interface ModelsReadyEvent extends WorkerEnvelope<'models-ready'> {
  backend: string;
  versions: Readonly<Record<string, string>>;
  thresholds: ShippedThresholds;
}

/**
 * Why no models can be used: this build ships none (`not-installed`, final), or they are there but
 * failed to download, parse or start (`load-failed`, worth a fresh worker and another try).
 */
export type ModelsUnavailableCause = 'not-installed' | 'load-failed';

/** No models could be used; listening and the spectrogram still work. `reason` is for people. */
export interface ModelsUnavailableEvent extends WorkerEnvelope<'models-unavailable'> {
  cause: ModelsUnavailableCause;
  reason: string;
}

/** The worker is alive: the answer to a ping, with its tensor count. */
export interface PongEvent extends WorkerPongEvent {
  /** TF.js tensors alive in the worker (null before the models loaded): steady unless something leaks. */
  liveTensors: number | null;
}

/** What the models say about the 2 s window that ends at `timeSeconds` into the session. */
export interface PredictionEvent extends WorkerEnvelope<'prediction'> {
  timeSeconds: number;
  /** Probability (0–1) that the window holds infant crying. */
  cryProbability: number;
  needProbabilities: NeedProbabilities | null;
  /**
   * The cry network's embedding of the window (transferred), kept only for the parent's "That
   * wasn't crying" corrections; never audio. Null when the model gives none.
   */
  embedding: Float32Array | null;
}

export type AudioWorkerErrorCode = 'bad-request' | 'analysis-failed' | 'prediction-failed';

/** Something went wrong in the worker; `message` is written for the person holding the phone. */
export type AudioWorkerErrorEvent = WorkerErrorEvent<AudioWorkerErrorCode>;

export type AudioWorkerEvent =
  | ListeningStartedEvent
  | ListeningStoppedEvent
  | SpectrogramEvent
  | ModelProgressEvent
  | ModelsReadyEvent
  | ModelsUnavailableEvent
  | PredictionEvent
  | AudioWorkerErrorEvent
  | PongEvent;

/** True when an event answers request `currentId`; anything else is a stale reply to drop. */
export function isCurrentReply(event: AudioWorkerEvent, currentId: number | null): boolean {
  return currentId !== null && event.id === currentId;
}
