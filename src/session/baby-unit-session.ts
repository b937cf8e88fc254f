import { BabyLink, ISOLATED_NETWORK_MESSAGE, type PeerLinkEvent } from '../link/peer-link.ts';
import type { LinkMessageBody } from '../link/link-messages.ts';
import { Emitter } from './emitter.ts';
import { SnapshotThrottle, type BabyUnitReport, type BatteryReport } from './link-report.ts';
import type { PairingStore } from './pairing-store.ts';
import type { SessionSnapshot, Subscribable } from './session-snapshot.ts';

/**
 * The phone next to the baby, as a baby unit: it shows a pairing code, accepts the parent unit's
 * answer, and then sends the session snapshot (throttled, src/session/link-report.ts), episode
 * starts and heartbeats. Monitoring and logging are the app session's and never depend on the
 * link: this only reads the snapshot. When the parent unit goes, a new code is ready at once, and
 * a remembered parent unit re-pairs by scanning it, with no second scan.
 */

export type BabyUnitPhase = 'off' | 'preparing' | 'showing-code' | 'connecting' | 'connected' | 'parent-gone';

export interface LinkTraffic {
  messages: number;
  /** Characters of JSON sent (UTF-16 length; the snapshot is ASCII but for need labels). */
  chars: number;
  snapshots: number;
  lastSnapshotChars: number;
  maxSnapshotChars: number;
}

export interface BabyUnitSnapshot {
  readonly phase: BabyUnitPhase;
  /** The code the QR shows, or null while none is ready. */
  readonly offerCode: string | null;
  /** The shown code was answered in advance for the remembered parent unit: one scan re-pairs. */
  readonly waitingForRemembered: boolean;
  /** A parent unit is remembered on this phone. */
  readonly remembersParent: boolean;
  /** What went wrong last (a refused code, a failed connection), for the screen; null when nothing. */
  readonly notice: string | null;
  /** Epoch ms when the parent unit was lost; null while connected or before pairing. */
  readonly parentGoneAt: number | null;
  readonly listenIn: boolean;
  /** Epoch ms when the latest episode start went to the parent unit (the start of the alert latency). */
  readonly lastEpisodeSentAt: number | null;
  readonly traffic: LinkTraffic;
}

export interface BabyUnitDeps {
  /** The app session's whole snapshot (MonitorSession). */
  source: Subscribable<SessionSnapshot>;
  store: PairingStore;
  appVersion: string;
  /** The microphone for listen-in, asked for only when the parent unit asks. */
  getListenInStream: () => Promise<MediaStream>;
  battery?: () => BatteryReport | null;
  now?: () => number;
}

const EMPTY_TRAFFIC: LinkTraffic = { messages: 0, chars: 0, snapshots: 0, lastSnapshotChars: 0, maxSnapshotChars: 0 };

export class BabyUnitSession implements Subscribable<BabyUnitSnapshot> {
  private current: BabyUnitSnapshot = {
    phase: 'off',
    offerCode: null,
    waitingForRemembered: false,
    remembersParent: false,
    notice: null,
    parentGoneAt: null,
    listenIn: false,
    lastEpisodeSentAt: null,
    traffic: EMPTY_TRAFFIC,
  };
  private readonly emitter = new Emitter<BabyUnitSnapshot>();
  private readonly now: () => number;
  private readonly throttle: SnapshotThrottle;
  private link: BabyLink | null = null;
  private offLink: (() => void) | null = null;
  private offSource: (() => void) | null = null;
  private laterTimer: ReturnType<typeof setTimeout> | null = null;
  private generation = 0;
  private lastEpisodeStart: number | null = null;

  constructor(private readonly deps: BabyUnitDeps) {
    this.now = deps.now ?? Date.now;
    this.throttle = new SnapshotThrottle(this.now);
  }

  get snapshot(): BabyUnitSnapshot {
    return this.current;
  }

  subscribe(listener: (snapshot: BabyUnitSnapshot) => void): () => void {
    return this.emitter.on(listener);
  }

  /** Starts (or restarts) pairing with a new code. `fresh`: ignore a remembered parent unit. */
  async start(options: { fresh?: boolean; notice?: string | null } = {}): Promise<void> {
    const generation = ++this.generation;
    this.closeLink();
    this.offSource ??= this.deps.source.subscribe((snapshot) => this.onSession(snapshot));
    const gone = this.current.phase === 'connected' || this.current.phase === 'parent-gone';
    this.set({ phase: gone ? 'parent-gone' : 'preparing', offerCode: null, waitingForRemembered: false, notice: options.notice ?? null, listenIn: false });
    try {
      const pairing = await this.deps.store.baby();
      const rememberedParent = options.fresh === true ? null : pairing.parent;
      const link = await BabyLink.create({
        appVersion: this.deps.appVersion,
        certificate: pairing.certificate,
        rememberedParent,
        getListenInStream: this.deps.getListenInStream,
        now: this.now,
      });
      if (generation !== this.generation) {
        link.close();
        return;
      }
      this.link = link;
      this.offLink = link.subscribe((event) => this.onLink(link, event));
      this.set({
        phase: gone ? 'parent-gone' : 'showing-code',
        offerCode: link.offerCode,
        waitingForRemembered: link.expectsRememberedParent,
        remembersParent: pairing.parent !== null,
      });
    } catch (error) {
      if (generation !== this.generation) return;
      this.set({ phase: gone ? 'parent-gone' : 'showing-code', offerCode: null, notice: `No pairing code could be made: ${error instanceof Error ? error.message : String(error)}` });
    }
  }

  /** The parent unit's answer, scanned or pasted. Returns null when accepted, else why not. */
  async acceptAnswer(code: string): Promise<string | null> {
    const link = this.link;
    if (link === null) return 'No pairing code is shown yet.';
    const result = await link.acceptAnswer(code.trim());
    if (!result.ok) {
      this.set({ notice: result.reason });
      return result.reason;
    }
    if (link.state === 'connecting') this.set({ phase: this.current.phase === 'parent-gone' ? 'parent-gone' : 'connecting', notice: null });
    return null;
  }

  /** Pairs with another phone: a new code that no remembered parent unit answers in advance. */
  pairNew(): Promise<void> {
    return this.start({ fresh: true });
  }

  /** "Forget parent unit": the remembered pairing and this phone's certificate go; a new code follows. */
  async forget(): Promise<void> {
    this.closeLink();
    try {
      await this.deps.store.forget('baby');
    } catch (error) {
      this.set({ notice: `The pairing could not be forgotten: ${error instanceof Error ? error.message : String(error)}` });
      return;
    }
    this.set({ remembersParent: false, phase: 'preparing' });
    await this.start({ fresh: true });
  }

  /** Stops being a baby unit (monitoring goes on). */
  stop(): void {
    this.generation += 1;
    this.closeLink();
    this.offSource?.();
    this.offSource = null;
    this.set({ phase: 'off', offerCode: null, waitingForRemembered: false, notice: null, parentGoneAt: null, listenIn: false });
  }

  private closeLink(): void {
    if (this.laterTimer !== null) clearTimeout(this.laterTimer);
    this.laterTimer = null;
    this.offLink?.();
    this.offLink = null;
    this.link?.close();
    this.link = null;
  }

  private onLink(link: BabyLink, event: PeerLinkEvent): void {
    if (link !== this.link) return;
    if (event.type === 'state') {
      if (event.state === 'connected') {
        this.throttle.reset();
        this.lastEpisodeStart = null;
        this.set({ phase: 'connected', notice: null, parentGoneAt: null, waitingForRemembered: false });
        const identity = link.parentIdentity;
        if (identity !== null) void this.deps.store.rememberParent(identity).then(() => this.set({ remembersParent: true }));
        this.onSession(this.deps.source.snapshot);
      } else if (event.state === 'failed') {
        // Never stall on a code that did not connect (an isolating network, or a third phone's answer
        // scanned first): a new code is shown with the reason.
        // A code answered in advance for the remembered parent unit stays that kind: only a scanned answer is suspect.
        const reason = event.reason ?? ISOLATED_NETWORK_MESSAGE;
        void this.start({ fresh: !link.expectsRememberedParent, notice: `${reason} A new pairing code is shown.` });
      }
    } else if (event.type === 'health' && event.status.state === 'lost') {
      this.set({ phase: 'parent-gone', parentGoneAt: this.now(), listenIn: false, notice: `The parent unit is gone (${event.status.lostReason ?? 'no message'}). This phone keeps listening and saving. Scan the code below with the parent unit to connect again.` });
      void this.start({ notice: this.current.notice });
    } else if (event.type === 'listen-in') {
      this.set({ listenIn: event.live });
    }
  }

  private report(snapshot: SessionSnapshot): BabyUnitReport {
    return { session: snapshot, battery: this.deps.battery?.() ?? null };
  }

  private onSession(snapshot: SessionSnapshot): void {
    const link = this.link;
    if (link === null || link.state !== 'connected') return;
    const episode = snapshot.monitor.reading?.episode ?? null;
    if (episode !== null && episode.startSeconds !== this.lastEpisodeStart) {
      this.lastEpisodeStart = episode.startSeconds;
      const startedAt = this.now() - Math.max(0, (snapshot.monitor.reading?.timeSeconds ?? episode.startSeconds) - episode.startSeconds) * 1000;
      const sentAt = this.now();
      if (this.send({ type: 'episode-started', episodeId: `${Math.round(startedAt)}`, startedAt, cryProbability: Math.min(1, Math.max(0, episode.peakCryProbability)) }) !== null) {
        this.set({ lastEpisodeSentAt: sentAt });
      }
    }
    const report = this.report(snapshot);
    const text = JSON.stringify(report);
    const decision = this.throttle.decide(report, text);
    if (decision === 'skip') return;
    if (decision === 'later') {
      this.laterTimer ??= setTimeout(() => {
        this.laterTimer = null;
        this.onSession(this.deps.source.snapshot);
      }, this.throttle.retryInMs());
      return;
    }
    const sent = this.send({ type: 'session-snapshot', snapshot: report });
    if (sent !== null) {
      this.throttle.sent(report, text);
      const traffic = this.current.traffic;
      this.set({ traffic: { ...traffic, snapshots: traffic.snapshots + 1, lastSnapshotChars: sent, maxSnapshotChars: Math.max(traffic.maxSnapshotChars, sent) } });
    }
  }

  /** Sends and counts; returns the message's length in characters, or null when not sent. */
  private send(body: LinkMessageBody): number | null {
    const message = this.link?.send(body) ?? null;
    if (message === null) return null;
    const chars = JSON.stringify(message).length;
    const traffic = this.current.traffic;
    this.current = { ...this.current, traffic: { ...traffic, messages: traffic.messages + 1, chars: traffic.chars + chars } };
    return chars;
  }

  private set(change: Partial<BabyUnitSnapshot>): void {
    this.current = { ...this.current, ...change };
    this.emitter.emit(this.current);
  }
}
