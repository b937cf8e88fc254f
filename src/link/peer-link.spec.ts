import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerRefusal } from './peer-link.ts';
import { minimizeSdp } from './sdp-code.ts';

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
