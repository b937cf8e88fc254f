import workletUrl from './worklet/chunk-processor.ts?worker&url';
import { CHUNK_PROCESSOR_NAME, CHUNK_SAMPLES, type ChunkProcessorOptions, type ConnectChunkPortMessage } from '../protocol/worklet-messages.ts';
import { captureProblem, problemFromException, type CaptureProblem } from './capture-errors.ts';
import { openMicrophone } from './microphone.ts';
import { resumeWithin } from './resume-audio.ts';
import { DEAD_MICROPHONE_DETAIL, MicrophoneHealth } from './microphone-health.ts';

/** How long to wait for AudioContext.resume() before asking for a tap, in milliseconds. */
const RESUME_WAIT_MS = 1000;
/** How often the microphone's health is sampled, in milliseconds. */
const HEALTH_CHECK_MS = 500;
/** Samples the level tap reads per health check (about 40 ms at 48 kHz). */
const LEVEL_TAP_SAMPLES = 2048;

export interface AudioCaptureCallbacks {
  /**
   * The microphone went away mid-session (unplugged, switched off, taken by the system), or
   * stopped sending sound without ending (stopped or disabled by code, muted, exact silence).
   */
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
  // 'playback': the largest output buffers the browser offers, so the audio threads wake far less
  // often; latency does not matter to 2 s analysis windows, battery does.
  const context = new AudioContext({ latencyHint: 'playback' });
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
    // Only 'ended' has an event worth trusting: a track stopped or disabled by code fires none,
    // and a muted one keeps flowing zeros, so the screen would say "Listening…" forever.
    const levelTap = context.createAnalyser();
    levelTap.fftSize = LEVEL_TAP_SAMPLES;
    source.connect(levelTap);
    const levelSamples = new Float32Array(LEVEL_TAP_SAMPLES);
    const health = new MicrophoneHealth();
    // The events as well as the flag: some browsers fire 'mute' before (or without) updating it.
    let mutedByEvent = false;
    const onMute = () => {
      mutedByEvent = true;
    };
    const onUnmute = () => {
      mutedByEvent = false;
    };
    track.addEventListener('mute', onMute);
    track.addEventListener('unmute', onUnmute);
    const healthTimer = setInterval(() => {
      if (stopped || context.state !== 'running') return;
      levelTap.getFloatTimeDomainData(levelSamples);
      let peak = 0;
      for (const sample of levelSamples) peak = Math.max(peak, Math.abs(sample));
      const reason = health.check({ readyState: track.readyState, enabled: track.enabled, muted: track.muted || mutedByEvent, peak }, performance.now());
      if (reason !== null) {
        clearInterval(healthTimer);
        callbacks.onMicrophoneLost(captureProblem('microphone-silent', DEAD_MICROPHONE_DETAIL[reason]));
      }
    }, HEALTH_CHECK_MS);
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
        clearInterval(healthTimer);
        track.removeEventListener('ended', onEnded);
        track.removeEventListener('mute', onMute);
        track.removeEventListener('unmute', onUnmute);
        context.removeEventListener('statechange', onStateChange);
        for (const openTrack of openStream.getTracks()) openTrack.stop();
        source.disconnect();
        levelTap.disconnect();
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
