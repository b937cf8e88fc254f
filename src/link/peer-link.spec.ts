import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerRefusal, rememberedAnswer, sameFingerprint, withIceCredentials } from './peer-link.ts';
import { decodeSdpCode, encodeMinimalSdp, expandSdp, minimizeSdp } from './sdp-code.ts';

const sdp = (name: string): string => readFileSync(path.resolve(import.meta.dirname, '../../tests/fixtures/sdp', name), 'utf8');

// Real Chromium captures: the offer and the answer made for it, with listen-in audio.
const offer = minimizeSdp(sdp('host-audio-data-offer.sdp'), 'offer');
const answer = minimizeSdp(sdp('host-audio-data-answer.sdp'), 'answer', offer.iceUfrag);

describe('the baby unit accepts exactly one answer, to its own offer', () => {
  it('accepts the answer to this offer', () => {
    expect(answerRefusal(offer, answer, false)).toBeNull();
  });
  it('refuses a second answer', () => {
    expect(answerRefusal(offer, answer, true)).toMatch(/already paired/);
  });
  it('refuses an answer to another offer (a third device, or an old code)', () => {
    const other = minimizeSdp(sdp('mdns-audio-data-offer.sdp'), 'offer');
    const answerToOther = { ...answer, replyToUfrag: other.iceUfrag };
    expect(answerRefusal(offer, answerToOther, false)).toMatch(/different pairing code/);
  });
  it('refuses an offer scanned where an answer was expected', () => {
    expect(answerRefusal(offer, offer, false)).toMatch(/not a parent unit’s/);
  });
  it('refuses an answer whose media do not match the offer', () => {
    const dataOnly = minimizeSdp(sdp('host-data-answer.sdp'), 'answer', offer.iceUfrag);
    expect(answerRefusal(offer, dataOnly, false)).toMatch(/does not match/);
  });
});

describe('one-scan re-pairing: the baby unit writes its remembered parent unit’s answer itself', () => {
  const remembered = { iceUfrag: answer.iceUfrag, icePwd: answer.icePwd, fingerprint: answer.fingerprint };
  const written = rememberedAnswer(offer, remembered);

  it('is an answer to this offer that the baby unit itself would accept', () => {
    expect(answerRefusal(offer, written, false)).toBeNull();
    expect(written.replyToUfrag).toBe(offer.iceUfrag);
    expect(sameFingerprint(written.fingerprint, answer.fingerprint)).toBe(true);
  });

  it('receives audio only and names no address: the parent’s connectivity checks supply it', () => {
    expect(written.candidates).toEqual([]);
    const audio = written.sections.find((s) => s.kind === 'audio');
    expect(audio).toMatchObject({ direction: 'recvonly', ssrc: null });
    const sdpText = expandSdp(written);
    expect(sdpText).toContain(`a=ice-ufrag:${answer.iceUfrag}\r\n`);
    expect(sdpText).toContain('a=setup:active');
    expect(sdpText).not.toContain('a=candidate:');
  });

  it('could never pass for a scanned code: a code without addresses is refused', () => {
    expect(() => decodeSdpCode(encodeMinimalSdp(written))).toThrow(/no media or no address/);
  });

  it('the parent unit’s answer reuses its remembered credentials everywhere they appear', () => {
    const original = sdp('host-audio-data-answer.sdp');
    const reused = withIceCredentials(original, 'Rmbr', 'remembered-password-0123');
    const minimal = minimizeSdp(reused, 'answer', offer.iceUfrag);
    expect(minimal.iceUfrag).toBe('Rmbr');
    expect(minimal.icePwd).toBe('remembered-password-0123');
    expect(reused.match(/a=ice-ufrag:/g)?.length).toBe(original.match(/a=ice-ufrag:/g)?.length);
    expect(minimal.candidates).toEqual(answer.candidates);
  });

  it('a different certificate is a different fingerprint', () => {
    const other = { ...answer.fingerprint, digest: answer.fingerprint.digest.map((b, i) => (i === 0 ? b ^ 1 : b)) };
    expect(sameFingerprint(answer.fingerprint, other)).toBe(false);
    expect(sameFingerprint(answer.fingerprint, { ...answer.fingerprint, algorithm: 'sha-384' })).toBe(false);
  });
});
