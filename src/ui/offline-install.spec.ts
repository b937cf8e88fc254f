import { describe, expect, it } from 'vitest';
import { INSTALL_STALL_MS, installMessage, installStarted, precacheCounted, retryDelayMs } from './offline-install.ts';

describe('offline install progress', () => {
  it('stays installing while files keep arriving, however slowly the whole takes', () => {
    let state = installStarted(0);
    for (let second = 1; second <= 300; second += 1) state = precacheCounted(state, Math.floor(second / 20), second * 1000);
    expect(state.phase).toBe('installing');
    expect(state.savedFiles).toBe(15);
  });

  it('calls the install stalled once no file has arrived for the stall time, and recovers if one does', () => {
    let state = precacheCounted(installStarted(0), 12, 1_000);
    state = precacheCounted(state, 12, 1_000 + INSTALL_STALL_MS - 1);
    expect(state.phase).toBe('installing');
    state = precacheCounted(state, 12, 1_000 + INSTALL_STALL_MS);
    expect(state.phase).toBe('stalled');
    state = precacheCounted(state, 13, 2_000 + INSTALL_STALL_MS);
    expect(state).toEqual({ phase: 'installing', savedFiles: 13, lastProgressAtMs: 2_000 + INSTALL_STALL_MS });
  });

  it('retries a failed install by itself a few times, then leaves it to the button', () => {
    expect([0, 1, 2].map(retryDelayMs).every((delay) => delay !== null && delay > 0)).toBe(true);
    expect(retryDelayMs(3)).toBeNull();
  });

  it('says what the first visit downloads, and what went wrong', () => {
    const summary = { files: 38, bytes: 17_115_000 };
    expect(installMessage('installing', 12, summary, false)).toBe('Saving CryDecode for offline use (17.1 MB, downloaded once): 12 of 38 files saved…');
    expect(installMessage('stalled', 12, summary, false)).toContain('has saved no new file for a minute (12 of 38 files saved, 17.1 MB in all)');
    expect(installMessage('failed', 3, summary, true)).toContain('Trying again shortly');
    expect(installMessage('failed', 3, null, false)).toContain('Tap Retry');
    expect(installMessage('idle', 38, summary, false)).toBeNull();
  });
});
