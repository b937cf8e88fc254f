import { describe, expect, it } from 'vitest';
import { LINK_PROTOCOL_VERSION, LinkMessageWriter, MAX_LINK_MESSAGE_CHARS, readLinkMessage, type LinkMessageBody } from './link-messages.ts';

function reader(validateSnapshot?: (s: unknown) => string | null): { read: (data: unknown) => unknown; drops: string[] } {
  const drops: string[] = [];
  return { drops, read: (data) => readLinkMessage(data, { onDrop: (r) => drops.push(r), ...(validateSnapshot ? { validateSnapshot } : {}) }) };
}

const BODIES: LinkMessageBody[] = [
  { type: 'hello', role: 'baby', appVersion: '1.2.3' },
  { type: 'heartbeat' },
  { type: 'session-snapshot', snapshot: { crying: true, levelDb: -31.5, need: null } },
  { type: 'episode-started', episodeId: 'e-17', startedAt: 1_764_000_000_000, cryProbability: 0.93 },
  { type: 'alert', alertId: 'a-1', episodeId: 'e-17', text: 'Crying for 30 s', need: 'hunger' },
  { type: 'listen-in-start' },
  { type: 'listen-in-stop' },
  { type: 'ack', ackSeq: 5, error: null },
];

describe('link messages', () => {
  it('every message type survives write → JSON → read with its envelope stamped', () => {
    let clock = 1000;
    const writer = new LinkMessageWriter(() => clock++);
    const { read, drops } = reader();
    BODIES.forEach((body, i) => {
      const { message, text } = writer.write(body);
      expect(message).toMatchObject({ ...body, v: LINK_PROTOCOL_VERSION, seq: i + 1, sentAt: 1000 + i });
      expect(read(text)).toEqual(message);
    });
    expect(drops).toEqual([]);
  });

  const valid = JSON.parse(new LinkMessageWriter(() => 5).write({ type: 'alert', alertId: 'a', episodeId: null, text: 'Crying', need: null }).text) as Record<string, unknown>;
  const bad: [string, unknown, RegExp][] = [
    ['binary', new ArrayBuffer(4), /binary/],
    ['not JSON', '{"v":1,', /not JSON/],
    ['an array', '[1,2]', /not an object/],
    ['null', 'null', /not an object/],
    ['a newer version', JSON.stringify({ ...valid, v: 2 }), /protocol version 2, this app speaks 1/],
    ['no version', JSON.stringify({ ...valid, v: undefined }), /protocol version missing/],
    ['an unknown type', JSON.stringify({ ...valid, type: 'self-destruct' }), /unknown message type "self-destruct"/],
    ['a zero seq', JSON.stringify({ ...valid, seq: 0 }), /sequence number/],
    ['a string sentAt', JSON.stringify({ ...valid, sentAt: 'now' }), /send time/],
    ['an unknown need', JSON.stringify({ ...valid, need: 'pizza' }), /unknown need "pizza"/],
    ['an alert without text', JSON.stringify({ ...valid, text: 42 }), /without text/],
    ['a hello with no role', JSON.stringify({ ...valid, type: 'hello', appVersion: '1' }), /valid role/],
    ['a cry probability of 3', JSON.stringify({ ...valid, type: 'episode-started', episodeId: 'e', startedAt: 1, cryProbability: 3 }), /outside 0–1/],
    ['an ack of nothing', JSON.stringify({ ...valid, type: 'ack', error: null }), /sequence number it acknowledges/],
    ['a snapshot without payload', JSON.stringify({ ...valid, type: 'session-snapshot' }), /without a snapshot/],
    ['a huge message', `"${'x'.repeat(MAX_LINK_MESSAGE_CHARS)}"`, /more than/],
  ];
  for (const [name, data, reason] of bad) {
    it(`drops ${name} with a logged reason, without throwing`, () => {
      const { read, drops } = reader();
      expect(read(data)).toBeNull();
      expect(drops).toHaveLength(1);
      expect(drops[0]).toMatch(reason);
    });
  }

  it('a snapshot validator hook decides about the payload, and a throwing one does not crash the reader', () => {
    const snapshot = new LinkMessageWriter().write({ type: 'session-snapshot', snapshot: { crying: 'yes' } }).text;
    const strict = reader((s) => (typeof s === 'object' && s !== null && typeof (s as { crying?: unknown }).crying === 'boolean' ? null : 'crying is not a boolean'));
    expect(strict.read(snapshot)).toBeNull();
    expect(strict.drops).toEqual(['crying is not a boolean']);
    const throwing = reader(() => {
      throw new Error('boom');
    });
    expect(throwing.read(snapshot)).toBeNull();
    expect(throwing.drops[0]).toMatch(/snapshot validator failed: boom/);
  });

  it('logs to console.warn when no drop handler is given', () => {
    const warnings: unknown[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      expect(readLinkMessage('nope')).toBeNull();
    } finally {
      console.warn = original;
    }
    expect(warnings).toEqual(['Link message dropped: not JSON']);
  });
});
