import { describe, expect, it } from 'vitest';
import { CaptureProblem, captureProblem, problemFromException } from './capture-errors.ts';

/** A stand-in with the shape of the DOMException getUserMedia rejects with. */
function domException(name: string, message = ''): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

describe('problemFromException', () => {
  it.each([
    ['NotAllowedError', 'permission-denied', /not allowed/],
    ['SecurityError', 'permission-denied', /not allowed/],
    ['NotFoundError', 'no-microphone', /No microphone/],
    ['OverconstrainedError', 'no-microphone', /No microphone/],
    ['NotReadableError', 'microphone-busy', /busy/],
  ])('maps %s to %s with a plain message and a way forward', (name, code, message) => {
    const problem = problemFromException(domException(name, 'browser jargon'));
    expect(problem.code).toBe(code);
    expect(problem.message).toMatch(message);
    expect(problem.message).not.toMatch(/jargon/);
    expect(problem.action).toMatch(/tap|Tap/);
  });

  it('keeps an unexpected error’s own message as detail', () => {
    const problem = problemFromException(new RangeError('sample rate 3 Hz'));
    expect(problem.code).toBe('unknown');
    expect(problem.message).toContain('sample rate 3 Hz');
  });

  it('survives things that are not errors', () => {
    expect(problemFromException(undefined).code).toBe('unknown');
    expect(problemFromException('boom').code).toBe('unknown');
    expect(problemFromException({ name: 42 }).code).toBe('unknown');
  });

  it('passes an already explained problem through unchanged', () => {
    const lost = captureProblem('microphone-lost');
    expect(problemFromException(lost)).toBe(lost);
    expect(lost).toBeInstanceOf(CaptureProblem);
    expect(problemFromException({ code: 'microphone-lost', message: 'x', action: 'y' }).code).toBe('unknown');
  });

  it('asks for a tap when audio is suspended', () => {
    expect(captureProblem('audio-suspended').action).toBe('Tap to start audio.');
  });
});
