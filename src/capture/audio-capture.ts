import workletUrl from './worklet/chunk-processor.ts?worker&url';
import { CHUNK_PROCESSOR_NAME, CHUNK_SAMPLES, type ChunkProcessorOptions, type ConnectChunkPortMessage } from '../protocol/worklet-messages.ts';
import { captureProblem, problemFromException, type CaptureProblem } from './capture-errors.ts';
import { openMicrophone } from './microphone.ts';
import { resumeWithin } from './resume-audio.ts';

/** How long to wait for AudioContext.resume() before asking for a tap, in milliseconds. */
const RESUME_WAIT_MS = 1000;

export interface AudioCaptureCallbacks {
  /** The microphone went away mid-session (unplugged, switched off, taken by the system). */
  onMicrophoneLost(problem: CaptureProblem): void;
  /** The AudioContext is running (true) or held by the browser until a tap (false). */
  onRunningChange(running: boolean): void;
}

/** A live microphone feeding the capture worklet; chunks leave through `chunkPort`. */
export interface AudioCapture {
  readonly sampleRateHz: number;
  /** The worker's end of the worklet → worker channel; transfer it to the worker once. */
  readonly chunkPort: MessagePort;
  readonly running: boolean;
  /**
   * Points the worklet at a new channel and returns the worker's end of it, for a restarted audio
   * worker: the old port went away with the old worker.
   */
  reconnectChunkPort(): MessagePort;
  /** Retries starting audio; call it from a user's tap. Resolves to whether audio now runs. */
  resume(): Promise<boolean>;
  stop(): Promise<void>;
}

/**
 * Opens the microphone and starts the worklet. Call it from the Start tap: the AudioContext is
 * created before the first await, while the tap still counts as a user gesture.
 * Rejects with a CaptureProblem.
 */
export async function startAudioCapture(callbacks: AudioCaptureCallbacks): Promise<AudioCapture> {
  if (typeof AudioContext === 'undefined' || typeof AudioWorkletNode === 'undefined') throw captureProblem('unsupported');
  const context = new AudioContext();
  let stream: MediaStream | null = null;
  try {
    stream = await openMicrophone();
    await context.audioWorklet.addModule(workletUrl);
    const track = stream.getAudioTracks()[0];
    if (!track) throw captureProblem('no-microphone');

    const source = context.createMediaStreamSource(stream);
    const processorOptions: ChunkProcessorOptions = { chunkSamples: CHUNK_SAMPLES };
    // One silent output, connected to the destination, so every browser keeps pulling the node.
    const node = new AudioWorkletNode(context, CHUNK_PROCESSOR_NAME, {
      numberOfInputs: 1,
      numberOfOutputs: 1,
      outputChannelCount: [1],
      channelCount: 1,
      channelCountMode: 'explicit',
      processorOptions,
    });
    const connectNewChannel = (): MessagePort => {
      const channel = new MessageChannel();
      const connect: ConnectChunkPortMessage = { type: 'connect-chunk-port', port: channel.port1 };
      node.port.postMessage(connect, [channel.port1]);
      return channel.port2;
    };
    const chunkPort = connectNewChannel();
    source.connect(node);
    node.connect(context.destination);

    let stopped = false;
    const onEnded = () => {
      if (!stopped) callbacks.onMicrophoneLost(captureProblem('microphone-lost'));
    };
    track.addEventListener('ended', onEnded);
    const onStateChange = () => {
      if (!stopped) callbacks.onRunningChange(context.state === 'running');
    };
    context.addEventListener('statechange', onStateChange);

    const openStream = stream;
    const capture: AudioCapture = {
      sampleRateHz: context.sampleRate,
      chunkPort,
      reconnectChunkPort: connectNewChannel,
      get running() {
        return context.state === 'running';
      },
      resume: () => resumeWithin(context, RESUME_WAIT_MS),
      async stop() {
        if (stopped) return;
        stopped = true;
        track.removeEventListener('ended', onEnded);
        context.removeEventListener('statechange', onStateChange);
        for (const openTrack of openStream.getTracks()) openTrack.stop();
        source.disconnect();
        node.disconnect();
        node.port.close();
        await context.close();
      },
    };
    await capture.resume();
    return capture;
  } catch (error) {
    for (const openTrack of stream?.getTracks() ?? []) openTrack.stop();
    await context.close().catch(() => undefined);
    throw problemFromException(error);
  }
}
