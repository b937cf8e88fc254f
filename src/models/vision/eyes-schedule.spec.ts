import { describe, expect, it } from 'vitest';
import { EYES_EVERY_FRAMES, EyesSchedule } from './eyes-schedule.ts';

/** Runs `frames` followed frames (one detector pass each) and returns which ones ran the nets. */
function runFrames(schedule: EyesSchedule<string>, frames: number, passes = 1): number[] {
  const ran: number[] = [];
  for (let frame = 0; frame < frames; frame++) {
    if (schedule.due(passes)) {
      schedule.ran(`reading ${frame}`);
      ran.push(frame);
    }
  }
  return ran;
}

describe('EyesSchedule', () => {
  it('runs the nets on the first followed frame, then once every EYES_EVERY_FRAMES, holding the reading between', () => {
    const schedule = new EyesSchedule<string>();
    expect(runFrames(schedule, 3 * EYES_EVERY_FRAMES + 1)).toEqual([0, EYES_EVERY_FRAMES, 2 * EYES_EVERY_FRAMES, 3 * EYES_EVERY_FRAMES]);
    expect(schedule.held).toBe(`reading ${3 * EYES_EVERY_FRAMES}`);
  });

  it('never runs on a frame that needed a full face search, and runs on the next followed one', () => {
    const schedule = new EyesSchedule<string>(10);
    expect(runFrames(schedule, 15, 4)).toEqual([]);
    expect(schedule.held).toBeNull();
    expect(runFrames(schedule, 1)).toEqual([0]);
  });

  it('a lost face drops the reading, and the next face is read at once', () => {
    const schedule = new EyesSchedule<string>(10);
    runFrames(schedule, 3);
    schedule.drop();
    expect(schedule.held).toBeNull();
    expect(runFrames(schedule, 2)).toEqual([0]);
  });
});
