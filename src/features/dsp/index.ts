/**
 * The pure DSP module: no browser or Node APIs, imported verbatim by the audio worker and by the
 * Node training and evaluation scripts, so a model sees in the app exactly what it was trained on.
 */
export { fftInPlace } from './fft.ts';
export { frameCount, windowedFrame } from './framing.ts';
export { mixToMono, normalizePeak, normalizeRms, rmsDbfs, SILENCE_DBFS } from './level.ts';
export { logMelFrame, logMelSpectrogram, type LogMelSpectrogram } from './log-mel.ts';
export { hzToMel, melFilterBank, melToHz, type MelFilterBankOptions } from './mel.ts';
export { mfccFromLogMel } from './mfcc.ts';
export { preEmphasize } from './pre-emphasis.ts';
export { createStreamingResampler, resample, type StreamingResampler } from './resample.ts';
export { powerSpectrum } from './spectrum.ts';
export { hannWindow } from './window.ts';
