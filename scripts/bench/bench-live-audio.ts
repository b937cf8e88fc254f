/**
 * Benchmark: the audio worker's live analysis (resampling to 8 kHz, display log-Mel frames and
 * the 2 s model windows, without the model itself) on synthetic microphone audio, in Node.
 * Reports milliseconds of work per second of audio: the share of a core that listening costs.
 *
 *   node --import tsx scripts/bench/bench-live-audio.ts [inputRateHz=48000] [seconds=30]
 */
import { performance } from 'node:perf_hooks';
import { AUDIO_FEATURES } from '../../src/features/audio-config.ts';
import { logMelSpectrogram } from '../../src/features/dsp/index.ts';
import { createLiveAudioAnalyzer } from '../../workers/live-audio-analyzer.ts';
import { CHUNK_SAMPLES } from '../../src/protocol/worklet-messages.ts';
import { median as medianOf } from '../../bench/percentiles.ts';
import { benchArguments } from '../lib/bench-args.ts';

const ROUNDS = 5;
const TONE_HZ = 440;
const TONE_AMPLITUDE = 0.2;
const NOISE_AMPLITUDE = 0.01;

const [inputRateHz, seconds] = benchArguments('bench-live-audio', [
  { name: 'inputRateHz', default: 48_000 },
  { name: 'seconds', default: 30 },
]);
const signal = Float32Array.from({ length: Math.round(inputRateHz * seconds) }, (_, n) => {
  const tone = TONE_AMPLITUDE * Math.sin((2 * Math.PI * TONE_HZ * n) / inputRateHz);
  return tone + NOISE_AMPLITUDE * (Math.random() - 0.5);
});

// With the display on (the spectrogram shown) and off (screen dark, panel closed: no display frames).
for (const display of [true, false]) {
  const perAudioSecondMs: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const analyzer = createLiveAudioAnalyzer(
      inputRateHz,
      {
        spectrogram: () => undefined,
        // The worker computes the model's log-Mel window before predicting; count that work too.
        window: (window) => void logMelSpectrogram(window, AUDIO_FEATURES),
      },
      AUDIO_FEATURES,
      display,
    );
    const started = performance.now();
    for (let start = 0; start < signal.length; start += CHUNK_SAMPLES) analyzer.push(signal.subarray(start, start + CHUNK_SAMPLES));
    perAudioSecondMs.push((performance.now() - started) / seconds);
  }
  const median = medianOf(perAudioSecondMs);
  const best = Math.min(...perAudioSecondMs);
  console.log(`live audio analysis, display ${display ? 'on' : 'off'}, ${inputRateHz} Hz input, ${seconds} s of audio, ${ROUNDS} rounds`);
  console.log(`median ${median.toFixed(1)} ms of work per second of audio (${(median / 10).toFixed(2)}% of one core); best ${best.toFixed(1)} ms`);
}
