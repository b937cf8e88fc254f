import { describe, expect, it } from 'vitest';
import { ENVELOPE_SCALE_DB, INPUT_CHANNELS } from '../../src/models/window-normalization.ts';
import { createRandom } from '../lib/random.ts';
import type { CorpusClip } from './corpus.ts';
import { cryBatchSampler, evaluationWindows, HOP_FRAMES, MEL_BANDS, needBatchSampler, sourcePool, WINDOW_FRAMES, windowStartFrames } from './window-sampling.ts';

/** A clip whose every value is `level` dB plus a ramp, so windows can be traced to their clip. */
function clip(partial: Partial<CorpusClip> & Pick<CorpusClip, 'id' | 'source' | 'isCry'>, frames: number, level: number): CorpusClip {
  return {
    group: partial.id,
    augmentedCopy: false,
    ...partial,
    spectrogram: { data: Float32Array.from({ length: frames * MEL_BANDS }, (_, i) => level + (i % MEL_BANDS)), frames, melBands: MEL_BANDS },
  };
}

describe('window sampling', () => {
  it('covers a clip with the app’s window and hop, ending exactly at the clip’s end', () => {
    expect(WINDOW_FRAMES).toBe(124);
    expect(HOP_FRAMES).toBe(31);
    expect(windowStartFrames(124)).toEqual([0]);
    expect(windowStartFrames(200)).toEqual([0, 31, 62, 76]);
    expect(() => windowStartFrames(100)).toThrow(/shorter than one window/);
  });

  it('cuts normalized evaluation windows and remembers their clip', () => {
    const clips = [clip({ id: 'a', source: 'speech', isCry: false }, 124, -50), clip({ id: 'b', source: 'donateacry', isCry: true }, 200, -40)];
    const set = evaluationWindows(clips);
    expect(set.count).toBe(5);
    expect(Array.from(set.clipOfWindow)).toEqual([0, 1, 1, 1, 1]);
    expect(set.x.length).toBe(5 * WINDOW_FRAMES * MEL_BANDS * INPUT_CHANNELS);
    // A clip constant in time: nothing changes over the window (channel 0 is all zeros), and its
    // envelope (channel 1) is the band ramp, whatever the clip's level.
    const changes = set.x.filter((_, i) => i % INPUT_CHANNELS === 0);
    expect(changes.every((v) => v === 0)).toBe(true);
    const envelope = set.x.filter((_, i) => i % INPUT_CHANNELS === 1);
    expect(envelope[1]! - envelope[0]!).toBeCloseTo(1 / ENVELOPE_SCALE_DB, 6);
    expect(envelope.slice(0, MEL_BANDS)).toEqual(envelope.slice(MEL_BANDS * WINDOW_FRAMES * 2, MEL_BANDS * (WINDOW_FRAMES * 2 + 1)));
  });

  it('draws cries and non-cries about equally, labelled by their clip', () => {
    const clips = [
      clip({ id: 'cry', source: 'donateacry', isCry: true, need: 'hunger' }, 150, -30),
      ...Array.from({ length: 9 }, (_, i) => clip({ id: `n${i}`, source: 'speech', isCry: false }, 150, -60)),
    ];
    const { labels } = cryBatchSampler(clips)(createRandom(4), 400);
    const cries = labels.reduce((a, b) => a + b, 0);
    expect(cries).toBeGreaterThan(150);
    expect(cries).toBeLessThan(250);
  });

  it('gives household noise two shares of the negative draws and cries one per source', () => {
    const clips = [
      clip({ id: 'c1', source: 'donateacry', isCry: true, need: 'hunger' }, 130, -30),
      clip({ id: 'c2', source: 'esc-cry', isCry: true }, 130, -30),
      clip({ id: 'n1', source: 'esc-noise', isCry: false }, 130, -40),
      ...Array.from({ length: 5 }, (_, i) => clip({ id: `s${i}`, source: 'speech', isCry: false }, 130, -40)),
    ];
    const negatives = sourcePool(clips, false);
    expect(negatives.map((list) => list[0]?.source)).toEqual(['esc-noise', 'esc-noise', 'speech']);
    expect(negatives[2]).toHaveLength(5);
    expect(sourcePool(clips, true).map((list) => list[0]?.source)).toEqual(['donateacry', 'esc-cry']);
  });

  it('balances needs however skewed the clips are', () => {
    const clips = [
      ...Array.from({ length: 30 }, (_, i) => clip({ id: `h${i}`, source: 'donateacry', isCry: true, need: 'hunger' }, 130, -30)),
      clip({ id: 'p', source: 'donateacry', isCry: true, need: 'pain' }, 130, -30),
    ];
    const { labels } = needBatchSampler(clips, [])(createRandom(5), 400);
    const pain = labels.filter((l) => l === 2).length;
    const hunger = labels.filter((l) => l === 1).length;
    expect(pain + hunger).toBe(400);
    expect(pain).toBeGreaterThan(150);
    expect(() => needBatchSampler(clips.slice(0, 3), [])).toThrow(/at least two needs/);
  });
});
