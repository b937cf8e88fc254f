import type { LinkHealthStatus } from '../link/link-health.ts';
import type { LinkMessage } from '../link/link-messages.ts';
import { ParentLink, type PeerLinkEvent } from '../link/peer-link.ts';
import { Emitter } from './emitter.ts';
import { babyUnitReportProblem, type BabyUnitReport } from './link-report.ts';
import type { PairingStore } from './pairing-store.ts';
import type { Subscribable } from './session-snapshot.ts';

/**
 * The second phone, as a parent unit: it answers the baby unit's code, then shows what the baby
 * unit reports. It stores nothing of the baby unit's episodes (they stay in the baby unit's own
 * log, so nothing is counted twice); it keeps only the remembered pairing (pairing-store.ts).
 */

export type ParentUnitPhase = 'off' | 'scanning' | 'answering' | 'showing-answer' | 'connected' | 'lost' | 'failed';
export type ListenInState = 'off' | 'requested' | 'live';

export interface ReceivedTraffic {
  messages: number;
  chars: number;
  byType: Readonly<Record<string, { count: number; chars: number }>>;
}

export interface ParentUnitSnapshot {
  readonly phase: ParentUnitPhase;
  /** The answer the QR shows, or null. */
  readonly answerCode: string | null;
  /** The scanned code came from the remembered baby unit: it connects by itself, no second scan. */
  readonly recognisedBaby: boolean;
  readonly remembersBaby: boolean;
  /** Why pairing or the link failed, for the screen; null when nothing. */
  readonly error: string | null;
  /** The baby unit's latest report, kept after a drop (shown as "last known"). */
  readonly report: BabyUnitReport | null;
  /** Epoch ms (this phone's clock) of the last message from the baby unit. */
  readonly lastMessageAt: number | null;
  readonly health: Readonly<LinkHealthStatus> | null;
  readonly listenIn: ListenInState;
  readonly listenInError: string | null;
  readonly babyAppVersion: string | null;
  readonly dropped: { readonly count: number; readonly lastReason: string | null };
  readonly traffic: ReceivedTraffic;
}

export type ParentUnitEvent =
  /** The lost-link alarm should sound now (repeats while ringing). */
  | { type: 'ring'; reason: string | null }
  /** An episode began on the baby unit; `receivedAt` on this phone's clock. */
  | { type: 'episode-started'; startedAt: number; receivedAt: number }
  | { type: 'report'; report: BabyUnitReport; receivedAt: number }
  | { type: 'listen-in'; stream: MediaStream | null };

export interface ParentUnitDeps {
  store: PairingStore;
  appVersion: string;
  now?: () => number;
}

const EMPTY: ParentUnitSnapshot = {
  phase: 'off',
  answerCode: null,
  recognisedBaby: false,
  remembersBaby: false,
  error: null,
  report: null,
  lastMessageAt: null,
  health: null,
  listenIn: 'off',
  listenInError: null,
  babyAppVersion: null,
  dropped: { count: 0, lastReason: null },
  traffic: { messages: 0, chars: 0, byType: {} },
};

export class ParentUnitSession implements Subscribable<ParentUnitSnapshot> {
  private current: ParentUnitSnapshot = EMPTY;
  private readonly emitter = new Emitter<ParentUnitSnapshot>();
  private readonly events = new Emitter<ParentUnitEvent>();
  private readonly now: () => number;
  private link: ParentLink | null = null;
  private offLink: (() => void) | null = null;
  private listenInSeq: number | null = null;
  private generation = 0;

  constructor(private readonly deps: ParentUnitDeps) {
    this.now = deps.now ?? Date.now;
  }

  get snapshot(): ParentUnitSnapshot {
    return this.current;
  }

  subscribe(listener: (snapshot: ParentUnitSnapshot) => void): () => void {
    return this.emitter.on(listener);
  }

  /** Alarms, episode starts, reports and the listen-in stream (not plain data, so not in the snapshot). */
  onEvent(listener: (event: ParentUnitEvent) => void): () => void {
    return this.events.on(listener);
  }

  /** Shows the scanner; the last report stays visible as "last known". */
  async scan(): Promise<void> {
    this.generation += 1;
    this.closeLink();
    let remembersBaby = this.current.remembersBaby;
    try {
      remembersBaby = (await this.deps.store.parent()).baby !== null;
    } catch {
      // Not remembered, then: the store already warned.
    }
    this.set({ phase: 'scanning', answerCode: null, recognisedBaby: false, error: null, remembersBaby, listenIn: 'off', listenInError: null });
  }

  /** The baby unit's code, scanned or pasted. Returns null when an answer is shown, else why not. */
  async answer(code: string): Promise<string | null> {
    const generation = ++this.generation;
    this.closeLink();
    this.set({ phase: 'answering', error: null });
    try {
      const pairing = await this.deps.store.parent();
      const link = await ParentLink.answer(code.trim(), {
        appVersion: this.deps.appVersion,
        certificate: pairing.certificate,
        rememberedBaby: pairing.baby,
        validateSnapshot: babyUnitReportProblem,
        now: this.now,
      });
      if (generation !== this.generation) {
        link.close();
        return null;
      }
      this.link = link;
      this.offLink = link.subscribe((event) => this.onLink(link, event));
      this.set({ phase: link.state === 'connected' ? 'connected' : 'showing-answer', answerCode: link.answerCode, recognisedBaby: link.recognisedBaby, remembersBaby: pairing.baby !== null });
      return null;
    } catch (error) {
      if (generation !== this.generation) return null;
      const reason = error instanceof Error ? error.message : String(error);
      this.set({ phase: 'scanning', error: reason });
      return reason;
    }
  }

  /** Asks the baby unit for live audio (or to stop it). */
  requestListenIn(live: boolean): void {
    const link = this.link;
    if (link === null || link.state !== 'connected') {
      this.set({ listenInError: 'Not connected to the baby unit.' });
      return;
    }
    const sent = link.requestListenIn(live);
    if (sent === null) {
      this.set({ listenInError: 'The request could not be sent.' });
      return;
    }
    this.listenInSeq = sent.seq;
    this.set({ listenIn: live ? 'requested' : 'off', listenInError: null });
  }

  acknowledgeAlarm(): void {
    this.link?.acknowledgeAlarm();
  }

  async forget(): Promise<void> {
    this.generation += 1;
    this.closeLink();
    try {
      await this.deps.store.forget('parent');
    } catch (error) {
      this.set({ error: `The pairing could not be forgotten: ${error instanceof Error ? error.message : String(error)}` });
      return;
    }
    this.set({ ...EMPTY, phase: 'scanning' });
  }

  stop(): void {
    this.generation += 1;
    this.closeLink();
    this.set({ ...EMPTY });
  }

  /** Test and diagnostics hook: the link's WebRTC statistics (listen-in audio arriving). */
  stats(): Promise<RTCStatsReport | null> {
    return this.link?.stats() ?? Promise.resolve(null);
  }

  private closeLink(): void {
    this.offLink?.();
    this.offLink = null;
    this.link?.close();
    this.link = null;
    this.listenInSeq = null;
  }

  private onLink(link: ParentLink, event: PeerLinkEvent): void {
    if (link !== this.link) return;
    switch (event.type) {
      case 'state':
        if (event.state === 'connected') {
          this.set({ phase: 'connected', error: null });
          const identity = link.babyIdentity;
          if (identity !== null) void this.deps.store.rememberBaby(identity).then(() => this.set({ remembersBaby: true }));
        } else if (event.state === 'failed') {
          this.set({ phase: 'failed', error: event.reason });
        }
        return;
      case 'health': {
        const lost = event.status.state === 'lost';
        this.set({ health: { ...event.status }, ...(lost ? { phase: 'lost' as const, listenIn: 'off' as const } : this.current.phase === 'lost' ? { phase: 'connected' as const } : {}) });
        if (event.ring) this.events.emit({ type: 'ring', reason: event.status.lostReason });
        return;
      }
      case 'dropped':
        this.set({ dropped: { count: this.current.dropped.count + 1, lastReason: event.reason } });
        return;
      case 'message':
        this.onMessage(event.message);
        return;
      case 'listen-in':
        if (event.live) this.set({ listenIn: 'live' });
        else if (this.current.listenIn === 'live') this.set({ listenIn: 'off' });
        this.events.emit({ type: 'listen-in', stream: event.live ? event.stream : null });
        return;
    }
  }

  private onMessage(message: LinkMessage): void {
    const receivedAt = this.now();
    const chars = JSON.stringify(message).length;
    const { traffic } = this.current;
    const previous = traffic.byType[message.type] ?? { count: 0, chars: 0 };
    const change: { -readonly [K in keyof ParentUnitSnapshot]?: ParentUnitSnapshot[K] } = {
      lastMessageAt: receivedAt,
      traffic: { messages: traffic.messages + 1, chars: traffic.chars + chars, byType: { ...traffic.byType, [message.type]: { count: previous.count + 1, chars: previous.chars + chars } } },
    };
    if (message.type === 'hello') change.babyAppVersion = message.appVersion;
    if (message.type === 'ack' && message.ackSeq === this.listenInSeq && message.error !== null) {
      change.listenIn = 'off';
      change.listenInError = message.error;
    }
    if (message.type === 'session-snapshot') {
      // The link checked it with babyUnitReportProblem (validateSnapshot above) before it got here.
      const report = message.snapshot as BabyUnitReport;
      change.report = report;
      this.set(change);
      this.events.emit({ type: 'report', report, receivedAt });
      return;
    }
    this.set(change);
    if (message.type === 'episode-started') this.events.emit({ type: 'episode-started', startedAt: message.startedAt, receivedAt });
  }

  private set(change: Partial<ParentUnitSnapshot>): void {
    this.current = { ...this.current, ...change };
    this.emitter.emit(this.current);
  }
}
