import { describe, expect, it } from 'vitest';
import type { EpisodeRecord } from '../domain/episode.ts';
import { episodeModelVersions, toEpisodeRecord } from './episode-record.ts';
import type { EpisodeSummary } from './episodes.ts';

const summary: EpisodeSummary = {
  startSeconds: 12,
  endSeconds: 42.5,
  durationSeconds: 30.5,
  peakCryProbability: 0.97,
  needProbabilities: [0.1, 0.6, 0.2, 0.1],
  perModality: { audio: [0.1, 0.6, 0.2, 0.1] },
  contributed: ['audio'],
  topNeed: 'hunger',
  confidence: 0.6,
  notSure: false,
  candidates: [
    { need: 'hunger', probability: 0.6 },
    { need: 'pain', probability: 0.2 },
  ],
};

describe('toEpisodeRecord', () => {
  it('maps stream seconds to epoch milliseconds and fits the history log record', () => {
    const record: EpisodeRecord = toEpisodeRecord(summary, 1_700_000_000_000, { 'cry-detector': 'v1' });
    expect(record.startedAt).toBe(1_700_000_012_000);
    expect(record.endedAt).toBe(1_700_000_042_500);
    expect(record.modalities).toEqual({ audio: [0.1, 0.6, 0.2, 0.1] });
    expect(record.modelVersions).toEqual({ 'cry-detector': 'v1' });
    expect(record).toMatchObject({ durationSeconds: 30.5, topNeed: 'hunger', notSure: false, contributed: ['audio'] });
  });
});

describe('episodeModelVersions', () => {
  const audio = { audio: 'audio@2026-11-25' };
  const face = { 'vision-trunk': 'sha256:0123456789ab' };

  it('records only the audio models when the face did not contribute', () => {
    expect(episodeModelVersions(['audio'], audio, face)).toEqual(audio);
    expect(episodeModelVersions([], audio, face)).toEqual(audio);
  });

  it('adds the face models when the face contributed', () => {
    expect(episodeModelVersions(['audio', 'face'], audio, face)).toEqual({ ...audio, ...face });
    expect(episodeModelVersions(['face'], audio, face)).toEqual({ ...audio, ...face });
  });

  it('returns a copy that later changes to the inputs do not reach', () => {
    const mutable: Record<string, string> = { audio: 'v1' };
    const versions = episodeModelVersions(['audio'], mutable, face);
    mutable.audio = 'v2';
    expect(versions).toEqual({ audio: 'v1' });
  });
});
