import {
  CHUNK_PROCESSOR_NAME,
  CHUNK_SAMPLES,
  type AudioChunkMessage,
  type ChunkProcessorOptions,
  type ConnectChunkPortMessage,
} from '../../protocol/worklet-messages.ts';

function readChunkSamples(options: AudioWorkletNodeOptionsInScope | undefined): number {
  const processorOptions = options?.processorOptions as Partial<ChunkProcessorOptions> | undefined;
  const requested = processorOptions?.chunkSamples;
  return typeof requested === 'number' && Number.isInteger(requested) && requested > 0 ? requested : CHUNK_SAMPLES;
}

function isConnectMessage(data: unknown): data is ConnectChunkPortMessage {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'connect-chunk-port';
}

/**
 * Mixes the microphone down to mono and posts fixed-size chunks straight to the audio worker.
 * Each chunk's buffer is transferred, so nothing is copied and the worklet keeps no reference.
 */
class ChunkProcessor extends AudioWorkletProcessor {
  private readonly chunkSamples: number;
  private chunk: Float32Array;
  private filled = 0;
  private chunkPort: WorkletMessagePort | null = null;

  constructor(options?: AudioWorkletNodeOptionsInScope) {
    super(options);
    this.chunkSamples = readChunkSamples(options);
    this.chunk = new Float32Array(this.chunkSamples);
    this.port.onmessage = (event) => {
      if (isConnectMessage(event.data)) this.chunkPort = event.data.port as WorkletMessagePort;
    };
  }

  override process(inputs: Float32Array[][]): boolean {
    const channels = inputs[0];
    if (!channels || channels.length === 0 || !this.chunkPort) return true;
    const frameCount = channels[0]?.length ?? 0;
    const channelWeight = 1 / channels.length;
    for (let i = 0; i < frameCount; i++) {
      let mono = 0;
      for (const channel of channels) mono += channel[i] ?? 0;
      this.chunk[this.filled++] = mono * channelWeight;
      if (this.filled === this.chunkSamples) this.postChunk();
    }
    return true;
  }

  private postChunk(): void {
    const message: AudioChunkMessage = { type: 'chunk', samples: this.chunk };
    this.chunkPort?.postMessage(message, [this.chunk.buffer as ArrayBuffer]);
    this.chunk = new Float32Array(this.chunkSamples);
    this.filled = 0;
  }
}

registerProcessor(CHUNK_PROCESSOR_NAME, ChunkProcessor);
