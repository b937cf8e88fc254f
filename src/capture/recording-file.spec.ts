import { describe, expect, it } from 'vitest';
import { checkRecordingFile, MAX_RECORDING_FILE_BYTES } from './recording-file.ts';

describe('checkRecordingFile', () => {
  it('accepts audio and video files, and known endings without a type', () => {
    expect(checkRecordingFile({ name: 'cry.wav', size: 1000, type: 'audio/wav' })).toBeNull();
    expect(checkRecordingFile({ name: 'clip.mp4', size: 1000, type: 'video/mp4' })).toBeNull();
    expect(checkRecordingFile({ name: 'Voice memo.M4A', size: 1000, type: '' })).toBeNull();
  });

  it('rejects an empty file', () => {
    expect(checkRecordingFile({ name: 'cry.wav', size: 0, type: 'audio/wav' })?.code).toBe('empty');
  });

  it('rejects a file too large to decode, saying the size', () => {
    const error = checkRecordingFile({ name: 'night.wav', size: MAX_RECORDING_FILE_BYTES + 1, type: 'audio/wav' });
    expect(error?.code).toBe('too-large');
    expect(error?.message).toContain('200 MB');
  });

  it('rejects files that are not recordings, naming what they are', () => {
    const pdf = checkRecordingFile({ name: 'notes.pdf', size: 10, type: 'application/pdf' });
    expect(pdf?.code).toBe('unsupported-type');
    expect(pdf?.message).toContain('application/pdf');
    expect(checkRecordingFile({ name: 'data.xyz', size: 10, type: '' })?.message).toContain('.xyz');
  });
});
