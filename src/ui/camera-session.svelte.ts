import { cameraProblemFromException, type CameraProblem } from '../capture/camera-errors.ts';
import { openCamera, sampleFrames, stopCamera, type CameraFacing } from '../capture/camera.ts';
import { VisionRestartingError, VisionWorkerClient } from '../capture/vision-worker-client.ts';
import type { VisionResultEvent } from '../protocol/vision-worker-messages.ts';

export type CameraStatus = 'off' | 'starting' | 'on';

/** Who else hears about the face: the monitor fuses each result and forgets the face when the camera stops. */
export interface CameraSessionListeners {
  /** Each face report of the running camera session, with the version tags of the models that made it. */
  onresult?: (result: VisionResultEvent, modelVersions: Readonly<Record<string, string>>) => void;
  /** The camera stopped (turned off, switched or closed): earlier reports no longer describe the baby. */
  onstop?: () => void;
}

/**
 * The camera panel's state: the stream, the vision worker and the latest face report.
 * A result that arrives after the camera was turned off is dropped.
 */
export class CameraSession {
  status = $state<CameraStatus>('off');
  facing = $state<CameraFacing>('user');
  problem = $state<CameraProblem | null>(null);
  /** Why face analysis cannot run (the preview still works), or null. */
  analysisUnavailable = $state<string | null>(null);
  result = $state.raw<VisionResultEvent | null>(null);
  hasNeedHead = $state(false);
  /** Face reports received since the camera was turned on. */
  resultsReceived = $state(0);
  /** What happened to the face analyser itself (restarting, restarted); null while all is well. */
  workerNotice = $state<string | null>(null);

  #client: VisionWorkerClient | null = null;
  #ready: Promise<void> | null = null;
  #stream: MediaStream | null = null;
  #stopSampling: (() => void) | null = null;
  #session = 0;
  #modelVersions: Readonly<Record<string, string>> = {};

  constructor(
    private readonly baseUrl: string,
    private readonly listeners: CameraSessionListeners = {},
  ) {}

  #startWorker(): Promise<void> {
    if (this.#ready) return this.#ready;
    const client = new VisionWorkerClient({
      onRestarted: () => {
        this.workerNotice = 'Face analysis restarted after a problem.';
      },
      onFailure: (failure) => {
        this.workerNotice = failure.restartInMs === null ? null : 'Face analysis hit a problem and is restarting…';
      },
    });
    this.#client = client;
    this.#ready = client.init(this.baseUrl).then(
      (ready) => {
        this.hasNeedHead = ready.hasNeedHead;
        this.#modelVersions = ready.versions;
      },
      (error: unknown) => {
        this.analysisUnavailable = error instanceof Error ? error.message : String(error);
      },
    );
    return this.#ready;
  }

  async start(video: HTMLVideoElement): Promise<void> {
    if (this.status !== 'off') return;
    const session = ++this.#session;
    this.status = 'starting';
    this.problem = null;
    this.resultsReceived = 0;
    const ready = this.#startWorker();
    try {
      const stream = await openCamera(this.facing);
      if (session !== this.#session) {
        stopCamera(stream);
        return;
      }
      this.#stream = stream;
      video.srcObject = stream;
      await video.play();
    } catch (error) {
      if (session === this.#session) {
        this.problem = cameraProblemFromException(error);
        this.status = 'off';
      }
      return;
    }
    this.status = 'on';
    await ready;
    const client = this.#client;
    if (session !== this.#session || client === null || this.analysisUnavailable !== null) return;
    this.#stopSampling = sampleFrames(video, async (frame) => {
      try {
        const result = await client.analyze(frame, performance.now());
        if (session === this.#session) {
          this.result = result;
          this.resultsReceived++;
          this.listeners.onresult?.(result, this.#modelVersions);
        }
        else result.cropImage?.close();
      } catch (error) {
        // A frame lost to a restarting worker: the next one waits for the new worker.
        if (error instanceof VisionRestartingError) return;
        if (session === this.#session) this.analysisUnavailable = error instanceof Error ? error.message : String(error);
      }
    });
  }

  stop(): void {
    this.#session++;
    this.#stopSampling?.();
    this.#stopSampling = null;
    if (this.#stream) stopCamera(this.#stream);
    this.#stream = null;
    this.result = null;
    this.status = 'off';
    this.listeners.onstop?.();
  }

  async switchFacing(video: HTMLVideoElement): Promise<void> {
    this.facing = this.facing === 'user' ? 'environment' : 'user';
    if (this.status === 'off') return;
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
