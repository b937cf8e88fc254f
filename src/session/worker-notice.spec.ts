import { describe, expect, it } from 'vitest';
import { noticeForFailure, WORKER_GAVE_UP_REASON } from './worker-notice.ts';
import { captureProblem } from '../capture/capture-errors.ts';

describe('with the sound worker gone for good, the texts on screen agree with "Not listening"', () => {
  const shownTogether = [
    noticeForFailure({ kind: 'crashed', detail: 'script missing', restartInMs: null, failuresInARow: 5 }).message,
    WORKER_GAVE_UP_REASON,
    captureProblem('analysis-failed', 'the sound analyser stopped').message,
    captureProblem('analysis-failed').action,
  ];

  it('none says listening continues, and none asks to tap a Stop button that is not there', () => {
    for (const text of shownTogether) {
      expect(text).not.toMatch(/listening continues/i);
      expect(text).not.toMatch(/tap stop/i);
    }
  });

  it('each points to the one thing that helps: reloading', () => {
    expect(shownTogether.filter((text) => /reload the page/i.test(text))).toHaveLength(3);
  });
});
