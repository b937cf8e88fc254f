import { cameraProblemFromException } from '../capture/camera-errors.ts';
import { openCamera, sampleFrames, stopCamera } from '../capture/camera.ts';
import { VisionRestartingError, VisionWorkerClient } from '../capture/vision-worker-client.ts';
import type { VisionResultEvent } from '../protocol/vision-worker-messages.ts';
import { Emitter } from './emitter.ts';
import { checkRegion, WHOLE_FRAME, type Region } from '../features/motion.ts';
import { faceReadingFromVision, type FaceReadingInput } from './face-reading.ts';
import type { CameraSnapshot } from './session-snapshot.ts';
import type { CameraSource } from './sources.ts';

const INITIAL: CameraSnapshot = {
  status: 'off',
  facing: 'user',
  problem: null,
  analysisUnavailable: null,
  workerNotice: null,
  hasNeedHead: false,
  resultsReceived: 0,
  face: null,
  motion: null,
  region: WHOLE_FRAME,
  regionProblem: null,
};

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The camera session: the stream, the vision worker and the latest face report. A result that
 * arrives after the camera was turned off is dropped. Headless: it samples frames from a video
 * element the UI owns, and never draws. The full result (face box, crop bitmap) goes to
 * `onFaceResult` listeners; the snapshot holds only plain data.
 */
export class CameraSession implements CameraSource {
  #snapshot: CameraSnapshot = INITIAL;
  readonly #changes = new Emitter<CameraSnapshot>();
  readonly #readings = new Emitter<FaceReadingInput>();
  readonly #results = new Emitter<VisionResultEvent | null>();
  readonly #stops = new Emitter<undefined>();

  #client: VisionWorkerClient | null = null;
  #ready: Promise<void> | null = null;
  #stream: MediaStream | null = null;
  #stopSampling: (() => void) | null = null;
  #session = 0;
  #modelVersions: Readonly<Record<string, string>> = {};

  /** `baseUrl`: the app's base URL, where the vision worker finds its models. */
  constructor(private readonly baseUrl: string) {}

  get snapshot(): CameraSnapshot {
    return this.#snapshot;
  }

  subscribe(listener: (snapshot: CameraSnapshot) => void): () => void {
    return this.#changes.on(listener);
  }

  onFaceReading(listener: (reading: FaceReadingInput) => void): () => void {
    return this.#readings.on(listener);
  }

  onStop(listener: () => void): () => void {
    return this.#stops.on(listener);
  }

  /**
   * The full report of each frame (null when the camera stops), for the preview overlay. A
   * listener that keeps `cropImage` must close it; the session never does once it was handed on.
   */
  onFaceResult(listener: (result: VisionResultEvent | null) => void): () => void {
    return this.#results.on(listener);
  }

  #set(patch: Partial<CameraSnapshot>): void {
    this.#snapshot = { ...this.#snapshot, ...patch };
    this.#changes.emit(this.#snapshot);
  }

  #startWorker(): Promise<void> {
    if (this.#ready) return this.#ready;
    const client = new VisionWorkerClient({
      onRestarted: () => this.#set({ workerNotice: 'Face analysis restarted after a problem.' }),
      onFailure: (failure) => this.#set({ workerNotice: failure.restartInMs === null ? null : 'Face analysis hit a problem and is restarting…' }),
    });
    this.#client = client;
    this.#ready = client.init(this.baseUrl).then(
      async (ready) => {
        this.#modelVersions = ready.versions;
        this.#set({ hasNeedHead: ready.hasNeedHead });
        // A region dragged before the worker was ready.
        if (this.#snapshot.region !== WHOLE_FRAME) await this.setRegion(this.#snapshot.region);
      },
      (error: unknown) => this.#set({ analysisUnavailable: describe(error) }),
    );
    return this.#ready;
  }

  async start(video: HTMLVideoElement): Promise<void> {
    if (this.#snapshot.status !== 'off') return;
    const session = ++this.#session;
    this.#set({ status: 'starting', problem: null, resultsReceived: 0 });
    const ready = this.#startWorker();
    try {
      const stream = await openCamera(this.#snapshot.facing);
      if (session !== this.#session) {
        stopCamera(stream);
        return;
      }
      this.#stream = stream;
      video.srcObject = stream;
      await video.play();
    } catch (error) {
      if (session === this.#session) this.#set({ problem: cameraProblemFromException(error), status: 'off' });
      return;
    }
    this.#set({ status: 'on' });
    await ready;
    const client = this.#client;
    if (session !== this.#session || client === null || this.#snapshot.analysisUnavailable !== null) return;
    this.#stopSampling = sampleFrames(video, async (frame) => {
      try {
        const result = await client.analyze(frame, performance.now());
        if (session !== this.#session) {
          result.cropImage?.close();
          return;
        }
        const { status, distressScore, needProbabilities, motion, eyes } = result;
        this.#set({ resultsReceived: this.#snapshot.resultsReceived + 1, face: { status, distressScore, needProbabilities, eyes }, motion });
        this.#readings.emit(faceReadingFromVision(result, this.#modelVersions));
        this.#results.emit(result);
      } catch (error) {
        // A frame lost to a restarting worker: the next one waits for the new worker.
        if (error instanceof VisionRestartingError) return;
        if (session === this.#session) this.#set({ analysisUnavailable: describe(error) });
      }
    });
  }

  stop(): void {
    this.#session++;
    this.#stopSampling?.();
    this.#stopSampling = null;
    if (this.#stream) stopCamera(this.#stream);
    this.#stream = null;
    this.#set({ status: 'off', face: null, motion: null });
    this.#results.emit(null);
    this.#stops.emit(undefined);
  }

  /**
   * Sets the cot region (normalized to the frame) motion is measured in, e.g. dragged on the
   * preview. A refused region leaves the old one and says why in the snapshot.
   */
  async setRegion(region: Region): Promise<void> {
    let checked: Region;
    try {
      checked = checkRegion(region);
    } catch (error) {
      this.#set({ regionProblem: describe(error) });
      return;
    }
    this.#set({ region: checked, regionProblem: null });
    const client = this.#client;
    if (client === null) return;
    try {
      this.#set({ region: await client.setRegion(checked) });
    } catch (error) {
      if (!(error instanceof VisionRestartingError)) this.#set({ regionProblem: `The cot region could not be set: ${describe(error)}` });
    }
  }

  async switchFacing(video: HTMLVideoElement): Promise<void> {
    this.#set({ facing: this.#snapshot.facing === 'user' ? 'environment' : 'user' });
    if (this.#snapshot.status === 'off') return;
    this.stop();
    await this.start(video);
  }

  dispose(): void {
    this.stop();
    this.#client?.terminate();
    this.#client = null;
    this.#ready = null;
  }
}
