import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { decodeSdpCode, encodeSdpCode, expandSdp, minimizeSdp, packSdp, SdpCodeError, toBase32, unpackSdp } from './sdp-code.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../tests/fixtures/sdp');
const fixtures = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.sdp'))
  .map((file) => ({ file, kind: file.endsWith('-offer.sdp') ? ('offer' as const) : ('answer' as const), sdp: readFileSync(path.join(FIXTURES, file), 'utf8') }));

function lines(sdp: string, prefix: string): string[] {
  return sdp.split(/\r?\n/).filter((l) => l.startsWith(prefix));
}

describe('sdp-code on real Chromium SDP', () => {
  it('has the captured fixtures', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(8);
  });

  for (const { file, kind, sdp } of fixtures) {
    it(`${file}: round-trips through the code and keeps what the handshake needs`, () => {
      const code = encodeSdpCode(sdp, kind, kind === 'answer' ? 'Ab+/' : null);
      expect(code).toMatch(/^[A-Z2-7]+$/);
      const decoded = decodeSdpCode(code);
      expect(decoded).toEqual(minimizeSdp(sdp, kind, kind === 'answer' ? 'Ab+/' : null));
      const expanded = expandSdp(decoded);
      // The expanded SDP carries the same credentials, fingerprint, role, mids and first-section candidates.
      for (const attr of ['a=ice-ufrag:', 'a=ice-pwd:', 'a=fingerprint:', 'a=setup:']) expect(lines(expanded, attr)[0]).toBe(lines(sdp, attr)[0]);
      expect(lines(expanded, 'a=mid:')).toEqual(lines(sdp, 'a=mid:'));
      expect(lines(expanded, 'm=').map((m) => m.split(' ')[0])).toEqual(lines(sdp, 'm=').map((m) => m.split(' ')[0]));
      const firstSection = sdp.split('m=')[1] ?? '';
      const hosts = lines(firstSection, 'a=candidate:').map((c) => c.split(' ').slice(4, 6).join(' '));
      expect(lines(expanded, 'a=candidate:').map((c) => c.split(' ').slice(4, 6).join(' '))).toEqual(hosts);
      // And reading the expanded SDP again gives the same minimal form: nothing is lost on a second trip.
      expect(minimizeSdp(expanded, kind, decoded.replyToUfrag)).toEqual(decoded);
    });
  }

  it('fits a QR code of version 15 or less at medium error correction (lengths printed for the report)', () => {
    for (const { file, kind, sdp } of fixtures) {
      const code = encodeSdpCode(sdp, kind, kind === 'answer' ? 'BbSF' : null);
      const version = QRCode.create(code, { errorCorrectionLevel: 'M' }).version;
      console.log(`${file}: SDP ${sdp.length} chars → code ${code.length} chars → QR version ${version} (M)`);
      expect(version).toBeLessThanOrEqual(15);
    }
  });
});

describe('sdp-code on bad input', () => {
  const good = encodeSdpCode(fixtures[0]?.sdp ?? '', fixtures[0]?.kind ?? 'offer', fixtures[0]?.kind === 'answer' ? 'BbSF' : null);

  const bad: [string, string, RegExp][] = [
    ['empty', '', /empty/],
    ['foreign characters', 'https://example.com/', /cannot be part of a pairing code/],
    ['truncated', good.slice(0, 20), /damaged|incomplete|too short/],
    ['one character changed', `${good.slice(0, 10)}${good[10] === 'A' ? 'B' : 'A'}${good.slice(11)}`, /damaged/],
    ['too short', 'AA', /too short/],
  ];
  for (const [name, code, message] of bad) {
    it(`${name}: a clear SdpCodeError, not a crash`, () => {
      expect(() => decodeSdpCode(code)).toThrow(SdpCodeError);
      expect(() => decodeSdpCode(code)).toThrow(message);
    });
  }

  it('a code from another version is refused with the versions named', () => {
    const minimal = decodeSdpCode(good);
    // Re-pack with a valid checksum so only the version is wrong.
    const repacked = packSdp(minimal);
    repacked[0] = 9;
    const fixed = unpackWithCrc(repacked);
    expect(() => decodeSdpCode(toBase32(fixed))).toThrow(/code version 9, this app reads 1/);
  });

  it('accepts what people do to pasted text: lower case, spaces, line breaks', () => {
    const messy = good.toLowerCase().replace(/(.{8})/g, '$1 \n');
    expect(decodeSdpCode(messy)).toEqual(decodeSdpCode(good));
  });

  it('refuses SDP it cannot carry: relay candidates, no candidates, an answer that names no offer', () => {
    const sdp = fixtures.find((f) => f.file === 'host-data-offer.sdp')?.sdp ?? '';
    const relay = sdp.replace(/typ host/, 'typ relay raddr 0.0.0.0 rport 0');
    expect(() => minimizeSdp(relay, 'offer')).toThrow(/Only host candidates/);
    const none = sdp.split(/\r?\n/).filter((l) => !l.startsWith('a=candidate:')).join('\r\n');
    expect(() => minimizeSdp(none, 'offer')).toThrow(/no host candidates/);
    expect(() => minimizeSdp(sdp, 'answer')).toThrow(/name the offer/);
    expect(() => minimizeSdp('garbage', 'offer')).toThrow(SdpCodeError);
  });

  it('random bytes never crash the reader', () => {
    let seed = 7;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let i = 0; i < 500; i++) {
      const bytes = Uint8Array.from({ length: Math.floor(random() * 120) }, () => Math.floor(random() * 256));
      expect(() => unpackSdp(unpackWithCrc(bytes))).toThrow(SdpCodeError);
    }
  });
});

/** Replaces the last two bytes with a valid CRC so the test reaches the parser behind the checksum. */
function unpackWithCrc(bytes: Uint8Array): Uint8Array {
  if (bytes.length < 3) return bytes;
  const body = bytes.slice(0, -2);
  let crc = 0xffff;
  for (const byte of body) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  const out = bytes.slice();
  out[out.length - 2] = crc >>> 8;
  out[out.length - 1] = crc & 0xff;
  return out;
}
