/**
 * The link between the baby unit and the parent unit: one RTCPeerConnection with no ICE
 * servers (no STUN, no TURN: zero requests to anyone, so only host candidates on the home network),
 * a data channel for src/link/link-messages.ts, and an audio transceiver for listen-in that is
 * negotiated with the pairing and carries sound only while the parent asks for it.
 *
 * Pairing, with the codes of src/link/sdp-code.ts:
 *   baby:   BabyLink.create()            → offerCode (shown as a QR)
 *   parent: ParentLink.answer(offerCode) → answerCode (shown as a QR)
 *   baby:   babyLink.acceptAnswer(answerCode) → connected
 * The baby unit accepts exactly one answer per offer, and only one that names this offer; the
 * DTLS fingerprints in the codes mean only the phones that exchanged them can finish the handshake.
 */

import { LinkHealth, TICK_INTERVAL_MS, type LinkHealthStatus } from './link-health.ts';
import { LinkMessageWriter, readLinkMessage, type LinkMessage, type LinkMessageBody, type LinkRole, type SnapshotValidator } from './link-messages.ts';
import { decodeSdpCode, encodeMinimalSdp, expandSdp, minimizeSdp, SdpCodeError, type MinimalSdp } from './sdp-code.ts';

/** How long ICE gathering may take before the code is made from what was found, in milliseconds. */
export const GATHER_TIMEOUT_MS = 5000;
/** From the baby unit accepting the answer to an open channel, in milliseconds; host pairs on a LAN connect in well under a second. */
export const CONNECT_TIMEOUT_MS = 15_000;

export const ISOLATED_NETWORK_MESSAGE =
  'Could not connect — networks that isolate devices (guest, hotel and some mesh Wi-Fi) block this. Put both phones on the same home Wi-Fi, or the parent phone on the baby phone’s hotspot, and pair again.';

export type PeerLinkState = 'pairing' | 'connecting' | 'connected' | 'failed' | 'closed';

export type PeerLinkEvent =
  | { type: 'state'; state: PeerLinkState; reason: string | null }
  | { type: 'message'; message: LinkMessage }
  | { type: 'dropped'; reason: string }
  | { type: 'health'; status: Readonly<LinkHealthStatus>; ring: boolean }
  | { type: 'listen-in'; live: boolean; stream: MediaStream | null };

export interface PeerLinkOptions {
  appVersion: string;
  validateSnapshot?: SnapshotValidator;
  /** Clock for heartbeats and envelopes; Date.now by default. */
  now?: () => number;
  connectTimeoutMs?: number;
  /**
   * This phone's DTLS certificate. A remembered one (stored by the app) keeps the fingerprint the
   * other phone pinned, which is what lets re-pairing after a drop take one scan.
   */
  certificate?: RTCCertificate;
}

/** What the baby unit keeps of its parent unit, to pair again with one scan: the parent reuses these. */
export interface RememberedParent {
  iceUfrag: string;
  icePwd: string;
  fingerprint: MinimalSdp['fingerprint'];
}

/** What the parent unit keeps: its own ICE credentials, reused, and the baby unit's pinned fingerprint. */
export interface RememberedBaby {
  iceUfrag: string;
  icePwd: string;
  babyFingerprint: MinimalSdp['fingerprint'];
}

/** A year, the longest a browser keeps a generated certificate valid; a remembered pairing lasts that long. */
export const CERTIFICATE_LIFETIME_MS = 365 * 24 * 3600 * 1000;

/** A new ECDSA P-256 certificate (the browsers' default kind) valid for CERTIFICATE_LIFETIME_MS. */
export function generateLinkCertificate(): Promise<RTCCertificate> {
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256', expires: CERTIFICATE_LIFETIME_MS };
  return RTCPeerConnection.generateCertificate(algorithm);
}

export function sameFingerprint(a: MinimalSdp['fingerprint'], b: MinimalSdp['fingerprint']): boolean {
  return a.algorithm === b.algorithm && a.digest.length === b.digest.length && a.digest.every((byte, i) => byte === b.digest[i]);
}

/**
 * The answer the remembered parent unit will give to `offer`, written by the baby unit itself:
 * the parent reuses its ICE credentials and certificate, and its connectivity checks teach the
 * baby unit its address, so no code has to come back.
 */
export function rememberedAnswer(offer: MinimalSdp, parent: RememberedParent): MinimalSdp {
  return {
    kind: 'answer',
    iceUfrag: parent.iceUfrag,
    icePwd: parent.icePwd,
    fingerprint: parent.fingerprint,
    // Chromium's and Safari's answers take the DTLS client role; the parent's real answer does too.
    setup: 'active',
    replyToUfrag: offer.iceUfrag,
    sections: offer.sections.map((s) => (s.kind === 'audio' ? { ...s, direction: 'recvonly', ssrc: null } : s)),
    candidates: [],
  };
}

/** `sdp` with its ICE credentials replaced (a local answer reusing remembered ones; Chromium allows this edit). */
export function withIceCredentials(sdp: string, ufrag: string, pwd: string): string {
  return sdp.replace(/^a=ice-ufrag:.*$/gm, `a=ice-ufrag:${ufrag}`).replace(/^a=ice-pwd:.*$/gm, `a=ice-pwd:${pwd}`);
}

/** Zero ICE servers is the privacy rule: nothing but the two phones is ever contacted. */
const RTC_CONFIGURATION: RTCConfiguration = { iceServers: [], bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' };

/** Resolves once gathering is complete (or after `timeoutMs`, with what was gathered). */
function gatheringComplete(pc: RTCPeerConnection, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    if (pc.iceGatheringState === 'complete') {
      resolve();
      return;
    }
    const done = (): void => {
      clearTimeout(timer);
      pc.removeEventListener('icegatheringstatechange', check);
      resolve();
    };
    const check = (): void => {
      if (pc.iceGatheringState === 'complete') done();
    };
    const timer = setTimeout(done, timeoutMs);
    pc.addEventListener('icegatheringstatechange', check);
  });
}

function localSdp(pc: RTCPeerConnection): string {
  const sdp = pc.localDescription?.sdp;
  if (sdp === undefined) throw new SdpCodeError('The browser produced no connection offer.');
  return sdp;
}

/**
 * Why the baby unit must refuse `answer` to `offer`, or null when it is the answer to accept.
 * `alreadyAnswered`: an answer was accepted for this offer before.
 */
export function answerRefusal(offer: MinimalSdp, answer: MinimalSdp, alreadyAnswered: boolean): string | null {
  if (answer.kind !== 'answer') return 'This is a baby unit’s code, not a parent unit’s: scan the code the parent phone shows after it scanned this one.';
  if (alreadyAnswered) return 'This baby unit is already paired with a parent unit. To pair another phone, start pairing again.';
  if (answer.replyToUfrag !== offer.iceUfrag) return 'This code answers a different pairing code (an old one, or another baby unit’s). Scan the code this phone shows now.';
  if (answer.setup === 'actpass') return 'The answer code has an invalid DTLS role.';
  const offeredMids = offer.sections.map((s) => `${s.kind}:${s.mid}`).join(' ');
  const answeredMids = answer.sections.map((s) => `${s.kind}:${s.mid}`).join(' ');
  if (offeredMids !== answeredMids) return 'The answer code does not match this pairing code’s media.';
  return null;
}

/** What both units share: the channel, the messages, the heartbeats and failure detection. */
abstract class PeerLink {
  protected readonly pc: RTCPeerConnection;
  protected channel: RTCDataChannel | null = null;
  protected readonly health: LinkHealth;
  private readonly writer: LinkMessageWriter;
  private readonly listeners = new Set<(event: PeerLinkEvent) => void>();
  private tickTimer: ReturnType<typeof setInterval> | null = null;
  private connectTimer: ReturnType<typeof setTimeout> | null = null;
  private currentState: PeerLinkState = 'pairing';
  private failureReason: string | null = null;

  protected constructor(
    readonly role: LinkRole,
    protected readonly options: PeerLinkOptions,
  ) {
    this.pc = new RTCPeerConnection(options.certificate === undefined ? RTC_CONFIGURATION : { ...RTC_CONFIGURATION, certificates: [options.certificate] });
    const now = options.now ?? Date.now;
    this.health = new LinkHealth({ role, now });
    this.writer = new LinkMessageWriter(now);
    this.pc.addEventListener('connectionstatechange', () => this.onConnectionState());
  }

  get state(): PeerLinkState {
    return this.currentState;
  }

  /** Why the link failed, for the screen; null unless state is 'failed'. */
  get reason(): string | null {
    return this.failureReason;
  }

  get healthStatus(): Readonly<LinkHealthStatus> {
    return this.health.status;
  }

  /** The local SDP as gathered (host candidates only), for diagnostics and the privacy test. */
  get localSdp(): string | null {
    return this.pc.localDescription?.sdp ?? null;
  }

  /** The RTCPeerConnection's own state, for diagnostics. */
  get connectionState(): RTCPeerConnectionState {
    return this.pc.connectionState;
  }

  /** WebRTC statistics, for a diagnostics screen and to check that listen-in audio arrives. */
  stats(): Promise<RTCStatsReport> {
    return this.pc.getStats();
  }

  /** Subscribes to events; returns the unsubscribe function. */
  subscribe(listener: (event: PeerLinkEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sends a message if the channel is open; returns the stamped message, or null when it could not be sent. */
  send(body: LinkMessageBody): LinkMessage | null {
    if (this.channel?.readyState !== 'open') return null;
    const { message, text } = this.writer.write(body);
    try {
      this.channel.send(text);
    } catch {
      // The channel closed between the check and the send; the close handler reports it.
      return null;
    }
    return message;
  }

  acknowledgeAlarm(): void {
    this.health.acknowledge();
    this.emit({ type: 'health', status: this.health.status, ring: false });
  }

  close(): void {
    this.stopTimers();
    this.channel?.close();
    this.pc.close();
    this.setState('closed', null);
  }

  protected emit(event: PeerLinkEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        // One broken listener must not stop the heartbeat for the others.
        console.error('Link listener failed', error);
      }
    }
  }

  protected setState(state: PeerLinkState, reason: string | null): void {
    if (this.currentState === state) return;
    if (this.currentState === 'closed') return;
    this.currentState = state;
    this.failureReason = state === 'failed' ? reason : null;
    this.emit({ type: 'state', state, reason });
  }

  /** Starts the bound within which the channel must open, or the pairing is reported as failed. */
  protected startConnecting(): void {
    // On a fast LAN the channel can open before setRemoteDescription's promise settles.
    if (this.currentState !== 'pairing') return;
    this.setState('connecting', null);
    this.connectTimer = setTimeout(() => {
      if (this.currentState === 'connecting') this.fail(ISOLATED_NETWORK_MESSAGE);
    }, this.options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS);
  }

  protected fail(reason: string): void {
    this.stopTimers();
    this.setState('failed', reason);
  }

  protected attachChannel(channel: RTCDataChannel): void {
    this.channel = channel;
    channel.addEventListener('open', () => this.onOpen());
    channel.addEventListener('close', () => this.onChannelClosed());
    channel.addEventListener('message', (event: MessageEvent<unknown>) => this.onData(event.data));
  }

  /** Handles a valid message before listeners see it; subclasses act on their requests. */
  protected abstract handle(message: LinkMessage): void;

  private onOpen(): void {
    if (this.connectTimer !== null) clearTimeout(this.connectTimer);
    this.connectTimer = null;
    this.health.opened();
    this.setState('connected', null);
    this.send({ type: 'hello', role: this.role, appVersion: this.options.appVersion });
    this.tickTimer ??= setInterval(() => this.onTick(), TICK_INTERVAL_MS);
    this.onTick();
  }

  private onTick(): void {
    const tick = this.health.tick();
    if (tick.sendHeartbeat) this.send({ type: 'heartbeat' });
    if (tick.changed || tick.ring) this.emit({ type: 'health', status: this.health.status, ring: tick.ring });
  }

  private onData(data: unknown): void {
    const message = readLinkMessage(data, {
      ...(this.options.validateSnapshot ? { validateSnapshot: this.options.validateSnapshot } : {}),
      onDrop: (reason) => {
        console.warn(`Link message dropped: ${reason}`);
        this.emit({ type: 'dropped', reason });
      },
    });
    if (message === null) return;
    this.health.heard();
    this.handle(message);
    this.emit({ type: 'message', message });
  }

  private onChannelClosed(): void {
    if (this.currentState === 'closed') return;
    this.health.closed(this.role === 'parent' ? 'the baby unit closed the connection' : 'the parent unit closed the connection');
    this.onTick();
  }

  private onConnectionState(): void {
    const state = this.pc.connectionState;
    // Before the channel opens, a failed ICE agent means no candidate pair worked: an isolating network.
    if (state === 'failed' && (this.currentState === 'connecting' || this.currentState === 'pairing')) this.fail(ISOLATED_NETWORK_MESSAGE);
    if ((state === 'failed' || state === 'closed') && this.currentState === 'connected') {
      this.health.closed('the connection to the other phone failed');
      this.onTick();
    }
  }

  private stopTimers(): void {
    if (this.tickTimer !== null) clearInterval(this.tickTimer);
    if (this.connectTimer !== null) clearTimeout(this.connectTimer);
    this.tickTimer = null;
    this.connectTimer = null;
  }
}

export interface BabyLinkOptions extends PeerLinkOptions {
  /** Gives the microphone stream when the parent asks to listen in; without it, listen-in is refused. */
  getListenInStream?: () => Promise<MediaStream>;
  /** The parent unit paired before: the offer is answered in advance for it, so it needs one scan. */
  rememberedParent?: RememberedParent | null;
}

/** The phone next to the baby: makes the offer, accepts one answer, sends audio on request. */
export class BabyLink extends PeerLink {
  private offer: MinimalSdp | null = null;
  private answered = false;
  private acceptedAnswer: MinimalSdp | null = null;
  private waitingForRemembered = false;
  private readonly audio: RTCRtpTransceiver;
  private listenInTrack: MediaStreamTrack | null = null;

  private constructor(private readonly babyOptions: BabyLinkOptions) {
    super('baby', babyOptions);
    // Negotiated now so listen-in later is only replaceTrack(), with no second pair of codes.
    this.audio = this.pc.addTransceiver('audio', { direction: 'sendonly' });
    this.attachChannel(this.pc.createDataChannel('crydecode-link', { ordered: true }));
  }

  /** Makes an offer with every host candidate gathered; its `offerCode` is what the QR shows. */
  static async create(options: BabyLinkOptions): Promise<BabyLink> {
    const link = new BabyLink(options);
    try {
      await link.pc.setLocalDescription(await link.pc.createOffer());
      await gatheringComplete(link.pc, GATHER_TIMEOUT_MS);
      link.offer = minimizeSdp(localSdp(link.pc), 'offer');
      const remembered = options.rememberedParent ?? null;
      if (remembered !== null) {
        const answer = rememberedAnswer(link.offer, remembered);
        await link.pc.setRemoteDescription({ type: 'answer', sdp: expandSdp(answer) });
        link.answered = true;
        link.acceptedAnswer = answer;
        link.waitingForRemembered = true;
      }
    } catch (error) {
      link.close();
      throw error instanceof SdpCodeError ? error : new SdpCodeError(`Could not prepare the pairing code: ${error instanceof Error ? error.message : String(error)}`);
    }
    return link;
  }

  get offerCode(): string {
    if (this.offer === null) throw new SdpCodeError('The pairing code is not ready.');
    return encodeMinimalSdp(this.offer);
  }

  /** True when the offer was answered in advance for a remembered parent unit (one scan re-pairs). */
  get expectsRememberedParent(): boolean {
    return this.waitingForRemembered;
  }

  /** The parent unit this link accepted, to remember once connected; null before an answer. */
  get parentIdentity(): RememberedParent | null {
    const a = this.acceptedAnswer;
    return a === null ? null : { iceUfrag: a.iceUfrag, icePwd: a.icePwd, fingerprint: a.fingerprint };
  }

  /** Whether listen-in audio is being sent now. */
  get listeningIn(): boolean {
    return this.listenInTrack !== null;
  }

  /**
   * Applies the parent unit's answer. Refuses (with a reason for the screen) a code that is not an
   * answer to this offer, or any answer after the first.
   */
  async acceptAnswer(code: string): Promise<{ ok: true } | { ok: false; reason: string }> {
    if (this.offer === null || this.state === 'closed') return { ok: false, reason: 'This pairing has ended: start pairing again.' };
    let answer: MinimalSdp;
    try {
      answer = decodeSdpCode(code);
    } catch (error) {
      return { ok: false, reason: error instanceof Error ? error.message : String(error) };
    }
    if (this.waitingForRemembered) {
      return { ok: false, reason: 'This baby unit is waiting for the parent unit it remembers, which needs no second scan. To pair a different phone, tap “Pair a different parent unit”.' };
    }
    const refusal = answerRefusal(this.offer, answer, this.answered);
    if (refusal !== null) return { ok: false, reason: refusal };
    this.answered = true;
    this.acceptedAnswer = answer;
    try {
      await this.pc.setRemoteDescription({ type: 'answer', sdp: expandSdp(answer) });
    } catch (error) {
      this.fail(`The parent unit’s code could not be used: ${error instanceof Error ? error.message : String(error)}`);
      return { ok: false, reason: this.reason ?? '' };
    }
    this.startConnecting();
    return { ok: true };
  }

  /** Sends `stream`'s first audio track to the parent unit. */
  async startListenIn(stream: MediaStream): Promise<void> {
    const track = stream.getAudioTracks()[0];
    if (track === undefined) throw new Error('The microphone stream has no audio track.');
    await this.audio.sender.replaceTrack(track);
    this.listenInTrack = track;
    this.emit({ type: 'listen-in', live: true, stream });
  }

  async stopListenIn(): Promise<void> {
    await this.audio.sender.replaceTrack(null);
    this.listenInTrack = null;
    this.emit({ type: 'listen-in', live: false, stream: null });
  }

  override close(): void {
    this.listenInTrack = null;
    super.close();
  }

  protected handle(message: LinkMessage): void {
    if (message.type === 'listen-in-start') void this.answerListenIn(message.seq, true);
    if (message.type === 'listen-in-stop') void this.answerListenIn(message.seq, false);
  }

  private async answerListenIn(seq: number, start: boolean): Promise<void> {
    let error: string | null = null;
    try {
      if (!start) {
        await this.stopListenIn();
      } else if (this.babyOptions.getListenInStream === undefined) {
        error = 'This baby unit does not offer listen-in.';
      } else {
        await this.startListenIn(await this.babyOptions.getListenInStream());
      }
    } catch (failure) {
      error = `Listen-in failed on the baby unit: ${failure instanceof Error ? failure.message : String(failure)}`;
    }
    this.send({ type: 'ack', ackSeq: seq, error });
  }
}

/** The phone with the parent: answers an offer code, receives messages and listen-in audio. */
export class ParentLink extends PeerLink {
  private remoteStream: MediaStream | null = null;
  private liveRequested = false;
  private answer: MinimalSdp | null = null;
  private offerSeen: MinimalSdp | null = null;
  private recognised = false;

  private constructor(options: PeerLinkOptions) {
    super('parent', options);
    this.pc.addEventListener('datachannel', (event) => this.attachChannel(event.channel));
    this.pc.addEventListener('track', (event) => {
      this.remoteStream = event.streams[0] ?? new MediaStream([event.track]);
    });
  }

  /**
   * Reads the baby unit's offer code and makes the answer (`answerCode`, shown as a QR). Throws
   * SdpCodeError with a message for the screen when the code cannot be used.
   */
  static async answer(offerCode: string, options: PeerLinkOptions & { rememberedBaby?: RememberedBaby | null }): Promise<ParentLink> {
    const offer = decodeSdpCode(offerCode);
    if (offer.kind !== 'offer') throw new SdpCodeError('This is a parent unit’s code: scan the code on the baby unit’s screen.');
    const link = new ParentLink(options);
    link.offerSeen = offer;
    const remembered = options.rememberedBaby ?? null;
    // Only the baby unit whose certificate was pinned gets the remembered credentials.
    link.recognised = remembered !== null && sameFingerprint(remembered.babyFingerprint, offer.fingerprint);
    try {
      await link.pc.setRemoteDescription({ type: 'offer', sdp: expandSdp(offer) });
      const answer = await link.pc.createAnswer();
      let reused = false;
      if (link.recognised && remembered !== null) {
        try {
          await link.pc.setLocalDescription({ type: 'answer', sdp: withIceCredentials(answer.sdp ?? '', remembered.iceUfrag, remembered.icePwd) });
          reused = true;
        } catch (error) {
          // A browser that refuses the edited credentials still pairs, with the second scan.
          console.warn('Remembered ICE credentials refused; pairing with a second scan', error);
          link.recognised = false;
        }
      }
      if (!reused) await link.pc.setLocalDescription(answer);
      await gatheringComplete(link.pc, GATHER_TIMEOUT_MS);
      link.answer = minimizeSdp(localSdp(link.pc), 'answer', offer.iceUfrag);
    } catch (error) {
      link.close();
      throw error instanceof SdpCodeError ? error : new SdpCodeError(`The baby unit’s code could not be used: ${error instanceof Error ? error.message : String(error)}`);
    }
    // The parent cannot know when the baby unit scans its code, so it stays 'pairing' (no bound)
    // until the channel opens or its ICE agent gives up.
    return link;
  }

  get answerCode(): string {
    if (this.answer === null) throw new SdpCodeError('The answer code is not ready.');
    return encodeMinimalSdp(this.answer);
  }

  /** True when the offer came from the remembered baby unit, which then connects without a second scan. */
  get recognisedBaby(): boolean {
    return this.recognised;
  }

  /** What to remember once connected: this phone's ICE credentials and the baby unit's fingerprint. */
  get babyIdentity(): RememberedBaby | null {
    if (this.answer === null || this.offerSeen === null) return null;
    return { iceUfrag: this.answer.iceUfrag, icePwd: this.answer.icePwd, babyFingerprint: this.offerSeen.fingerprint };
  }

  /** Asks the baby unit to start or stop sending audio; the ack says whether it did. */
  requestListenIn(live: boolean): LinkMessage | null {
    this.liveRequested = live;
    const sent = this.send({ type: live ? 'listen-in-start' : 'listen-in-stop' });
    if (!live) this.emit({ type: 'listen-in', live: false, stream: null });
    return sent;
  }

  protected handle(message: LinkMessage): void {
    if (message.type === 'ack' && message.error === null && this.liveRequested) {
      this.emit({ type: 'listen-in', live: true, stream: this.remoteStream });
    }
  }
}
