import { describe, expect, it } from 'vitest';
import { MAX_VIDEO_FRAMES, planFrameTimes, VIDEO_FRAMES_PER_SECOND } from './video-frame-plan.ts';

describe('planFrameTimes', () => {
  it('takes two pictures a second, each in the middle of its half second', () => {
    expect(VIDEO_FRAMES_PER_SECOND).toBe(2);
    expect(planFrameTimes(3)).toEqual([0.25, 0.75, 1.25, 1.75, 2.25, 2.75]);
  });

  it('keeps every time inside the video, never at 0 or at the end', () => {
    const times = planFrameTimes(7.3);
    expect(times).toHaveLength(15);
    expect(times[0]).toBeGreaterThan(0);
    expect(times.at(-1)).toBeLessThan(7.3);
    for (let i = 1; i < times.length; i++) expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeCloseTo(7.3 / 15, 12);
  });

  it('takes one picture of a very short video', () => {
    expect(planFrameTimes(0.1)).toEqual([0.05]);
  });

  it('caps a long video at MAX_VIDEO_FRAMES, spread evenly over all of it', () => {
    const hour = 3600;
    const times = planFrameTimes(hour);
    expect(times).toHaveLength(MAX_VIDEO_FRAMES);
    expect(times[0]).toBeCloseTo(hour / MAX_VIDEO_FRAMES / 2, 12);
    expect(times.at(-1)).toBeCloseTo(hour - hour / MAX_VIDEO_FRAMES / 2, 9);
    // A 5-minute video is the longest one that gets the full rate.
    expect(planFrameTimes(300)).toHaveLength(600);
    expect(planFrameTimes(301)).toHaveLength(600);
  });

  it('plans nothing for a video without a usable length', () => {
    for (const duration of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) expect(planFrameTimes(duration)).toEqual([]);
  });
});
