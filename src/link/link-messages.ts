import { isNeed, type Need } from '../domain/needs.ts';

/**
 * The one message protocol on the data channel between the baby unit and the parent unit,
 * declared once and used by both ends (like the worker protocols in src/protocol/). Every message
 * is JSON text in a shared envelope `{ v, type, seq, sentAt }`:
 * - `v` is the protocol version: a phone running another version is told apart, not misread;
 * - `seq` counts up from 1 per sender and per connection, so `ack` can name what it acknowledges
 *   and a receiver can see a gap;
 * - `sentAt` is the sender's wall clock in milliseconds since the epoch (the two phones' clocks
 *   may differ, so it is for display and latency estimates, never for ordering).
 *
 * Whatever arrives is untrusted: `readLinkMessage` drops an unknown version or a malformed message
 * with a logged reason, and never throws.
 */

export const LINK_PROTOCOL_VERSION = 1;

/** Largest message read, in characters of JSON; a session snapshot is a few kilobytes. */
export const MAX_LINK_MESSAGE_CHARS = 256 * 1024;

export type LinkRole = 'baby' | 'parent';

interface Envelope<T extends string> {
  v: typeof LINK_PROTOCOL_VERSION;
  type: T;
  seq: number;
  sentAt: number;
}

/** First message each side sends once the channel opens. */
export interface LinkHello extends Envelope<'hello'> {
  role: LinkRole;
  /** The app build of the sender, so a mismatch can be shown to the parent. */
  appVersion: string;
}

/** Sent every HEARTBEAT_INTERVAL_MS by both sides (src/link/link-health.ts). */
export type LinkHeartbeat = Envelope<'heartbeat'>;

/** The baby unit's whole monitoring session; the payload's shape belongs to src/session/ and is checked by a hook. */
export interface LinkSessionSnapshot extends Envelope<'session-snapshot'> {
  snapshot: unknown;
}

/** A crying episode began on the baby unit. */
export interface LinkEpisodeStarted extends Envelope<'episode-started'> {
  episodeId: string;
  /** When the episode began, baby unit's clock, ms since the epoch. */
  startedAt: number;
  /** Cry probability at onset, 0–1. */
  cryProbability: number;
}

/** The baby unit raised an alert; the parent unit alerts with its own settings and acks it. */
export interface LinkAlert extends Envelope<'alert'> {
  alertId: string;
  episodeId: string | null;
  /** What the alert is about, in the parent's words ("Crying for 30 s"). */
  text: string;
  /** The likely need when one is estimated, else null. */
  need: Need | null;
}

/** Parent unit asks the baby unit to start or stop the live audio (src/link/peer-link.ts). */
export type LinkListenInStart = Envelope<'listen-in-start'>;
export type LinkListenInStop = Envelope<'listen-in-stop'>;

/** Acknowledges the message `ackSeq` of the other side (an alert seen, a listen-in request done). */
export interface LinkAck extends Envelope<'ack'> {
  ackSeq: number;
  /** Null when done; otherwise why not, for the person on the other phone. */
  error: string | null;
}

export type LinkMessage = LinkHello | LinkHeartbeat | LinkSessionSnapshot | LinkEpisodeStarted | LinkAlert | LinkListenInStart | LinkListenInStop | LinkAck;
export type LinkMessageType = LinkMessage['type'];

/** A message before the writer stamps its envelope. */
export type LinkMessageBody = LinkMessage extends infer M ? (M extends LinkMessage ? Omit<M, 'v' | 'seq' | 'sentAt'> : never) : never;

/** Returns null for a valid snapshot, or the reason it is not one. */
export type SnapshotValidator = (snapshot: unknown) => string | null;

export interface ReadOptions {
  /** Checks a session snapshot's payload; by default any plain JSON value passes. */
  validateSnapshot?: SnapshotValidator;
  /** Told why a message was dropped; console.warn by default. */
  onDrop?: (reason: string) => void;
}

type Fields = Record<string, unknown>;

function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isSeq(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 1;
}

function isShortString(value: unknown, maxChars = 200): value is string {
  return typeof value === 'string' && value.length <= maxChars;
}

/** Why `m`'s type-specific fields are wrong, or null when they are right. */
function bodyProblem(m: Fields, validateSnapshot: SnapshotValidator): string | null {
  switch (m.type) {
    case 'hello':
      if (m.role !== 'baby' && m.role !== 'parent') return 'hello without a valid role';
      return isShortString(m.appVersion, 100) ? null : 'hello without an app version';
    case 'heartbeat':
    case 'listen-in-start':
    case 'listen-in-stop':
      return null;
    case 'session-snapshot':
      if (!('snapshot' in m)) return 'session-snapshot without a snapshot';
      return validateSnapshot(m.snapshot);
    case 'episode-started':
      if (!isShortString(m.episodeId, 100) || m.episodeId === '') return 'episode-started without an episode id';
      if (!isFiniteNumber(m.startedAt)) return 'episode-started without a start time';
      return isFiniteNumber(m.cryProbability) && m.cryProbability >= 0 && m.cryProbability <= 1 ? null : 'episode-started with a cry probability outside 0–1';
    case 'alert':
      if (!isShortString(m.alertId, 100) || m.alertId === '') return 'alert without an alert id';
      if (m.episodeId !== null && !isShortString(m.episodeId, 100)) return 'alert with a malformed episode id';
      if (!isShortString(m.text, 500)) return 'alert without text';
      return m.need === null || (typeof m.need === 'string' && isNeed(m.need)) ? null : `alert with an unknown need ${JSON.stringify(m.need) ?? 'undefined'}`;
    case 'ack':
      if (!isSeq(m.ackSeq)) return 'ack without the sequence number it acknowledges';
      return m.error === null || isShortString(m.error, 500) ? null : 'ack with a malformed error';
    default:
      return `unknown message type "${String(m.type)}"`;
  }
}

/** Why `value` is not a valid link message, or null. */
export function linkMessageProblem(value: unknown, validateSnapshot: SnapshotValidator = () => null): string | null {
  if (!isRecord(value)) return 'not an object';
  if (value.v !== LINK_PROTOCOL_VERSION) return `protocol version ${JSON.stringify(value.v) ?? 'missing'}, this app speaks ${LINK_PROTOCOL_VERSION}`;
  if (typeof value.type !== 'string') return 'no message type';
  if (!isSeq(value.seq)) return `${value.type} without a valid sequence number`;
  if (!isFiniteNumber(value.sentAt)) return `${value.type} without a valid send time`;
  return bodyProblem(value, validateSnapshot);
}

/**
 * Parses what the data channel delivered. Returns the message, or null after telling `onDrop`
 * why it was dropped. Never throws.
 */
export function readLinkMessage(data: unknown, options: ReadOptions = {}): LinkMessage | null {
  const onDrop = options.onDrop ?? ((reason: string) => console.warn(`Link message dropped: ${reason}`));
  if (typeof data !== 'string') {
    onDrop('binary data on the message channel');
    return null;
  }
  if (data.length > MAX_LINK_MESSAGE_CHARS) {
    onDrop(`message of ${data.length} characters, more than ${MAX_LINK_MESSAGE_CHARS}`);
    return null;
  }
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    onDrop('not JSON');
    return null;
  }
  let problem: string | null;
  try {
    problem = linkMessageProblem(value, options.validateSnapshot);
  } catch (error) {
    // A snapshot validator that throws must not take the link down with it.
    problem = `snapshot validator failed: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (problem !== null) {
    onDrop(problem);
    return null;
  }
  return value as LinkMessage;
}

/** Stamps envelopes for one side of one connection: `seq` from 1, `sentAt` from `now`. */
export class LinkMessageWriter {
  private lastSeq = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** The message with its envelope, ready for JSON. */
  stamp(body: LinkMessageBody): LinkMessage {
    this.lastSeq += 1;
    return { ...body, v: LINK_PROTOCOL_VERSION, seq: this.lastSeq, sentAt: this.now() };
  }

  /** The JSON text to send. */
  write(body: LinkMessageBody): { message: LinkMessage; text: string } {
    const message = this.stamp(body);
    return { message, text: JSON.stringify(message) };
  }
}
