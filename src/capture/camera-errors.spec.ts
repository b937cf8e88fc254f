import { describe, expect, it } from 'vitest';
import { cameraProblem, cameraProblemFromException } from './camera-errors.ts';

const domError = (name: string): Error => Object.assign(new Error('browser text'), { name });

describe('cameraProblemFromException', () => {
  it('maps denied, missing and busy cameras to their own clear messages', () => {
    expect(cameraProblemFromException(domError('NotAllowedError')).code).toBe('camera-denied');
    expect(cameraProblemFromException(domError('NotFoundError')).code).toBe('no-camera');
    expect(cameraProblemFromException(domError('OverconstrainedError')).code).toBe('no-camera');
    expect(cameraProblemFromException(domError('NotReadableError')).code).toBe('camera-busy');
    const messages = new Set(['NotAllowedError', 'NotFoundError', 'NotReadableError'].map((n) => cameraProblemFromException(domError(n)).message));
    expect(messages.size).toBe(3);
  });
  it('keeps the browser detail for anything unexpected', () => {
    const p = cameraProblemFromException(new Error('weird'));
    expect(p.code).toBe('camera-unknown');
    expect(p.message).toMatch(/weird/);
  });
  it('passes an existing problem through', () => {
    const p = cameraProblem('camera-unsupported');
    expect(cameraProblemFromException(p)).toBe(p);
  });
});
