import { AlertsState } from '../../alerts/alerts-state.svelte.ts';
import { AlertChime, showAlertNotification, vibrateForAlert } from '../../alerts/episode-alert.ts';
import { NEED_LABELS } from '../../domain/needs.ts';
import type { EpisodeSummary } from '../../fusion/episodes.ts';
import { connectHistory } from '../../log/history-store.ts';
import type { AppSession } from '../../session/app-session.ts';
import { BabyUnitSession, type BabyUnitSnapshot } from '../../session/baby-unit-session.ts';
import type { BatteryReport } from '../../session/link-report.ts';
import { PairingStore } from '../../session/pairing-store.ts';
import { ParentUnitSession, type ParentUnitSnapshot } from '../../session/parent-unit-session.ts';

/**
 * The two-phones mode of this app, kept outside any component: whichever screen hosts the entry
 * (home today, Settings after the merge) can unmount without dropping the link. The baby unit
 * only reads the app session; the parent unit replaces the monitor (ParentUnitScreen).
 */

export type TwoPhonesRole = 'none' | 'baby' | 'parent';

/** The app build, told to the other phone in the link's hello (a mismatch is shown). */
export const APP_VERSION = '0.1.0';

export const LINK_LOST_TITLE = 'Connection to the baby unit lost';

interface BatteryManagerLike extends EventTarget {
  level: number;
  charging: boolean;
}

function alertDetail(episode: EpisodeSummary | null): string {
  const need = episode === null || episode.topNeed === null || episode.notSure ? '' : ` Maybe ${NEED_LABELS[episode.topNeed].toLowerCase()}.`;
  const seconds = Math.round(episode?.durationSeconds ?? 0);
  return `${seconds >= 10 ? `Crying for ${seconds} s.` : 'Crying started.'}${need} (baby unit)`;
}

export class TwoPhones {
  role = $state<TwoPhonesRole>('none');
  baby = $state.raw<BabyUnitSnapshot | null>(null);
  parent = $state.raw<ParentUnitSnapshot | null>(null);
  /** The baby unit's live audio while listen-in is on. */
  listenInStream = $state.raw<MediaStream | null>(null);
  /** Times the lost-link alarm sounded since it started ringing (shown; read by the end-to-end test). */
  lostRings = $state(0);
  /** Epoch ms of the newest cry alert on the parent unit, for the latency benchmark. */
  alertedAt = $state<number | null>(null);

  readonly store = new PairingStore();
  private babySession: BabyUnitSession | null = null;
  private parentSession: ParentUnitSession | null = null;
  private alertsState: AlertsState | null = null;
  private readonly lostChime = new AlertChime();
  private battery: BatteryReport | null = null;
  private listenInMicrophone: MediaStream | null = null;

  /** The parent unit's alert settings and rules (the same as the baby unit's, on this phone). */
  get alerts(): AlertsState {
    this.alertsState ??= new AlertsState();
    return this.alertsState;
  }

  get parentUnit(): ParentUnitSession | null {
    return this.parentSession;
  }

  get babyUnit(): BabyUnitSession | null {
    return this.babySession;
  }

  /** "Use as baby unit": call from the tap (listening starts, which needs the gesture). */
  becomeBaby(session: AppSession): void {
    this.role = 'baby';
    this.watchBattery();
    if (session.listening.snapshot.status === 'idle') void session.listening.start();
    if (this.babySession === null) {
      const baby = new BabyUnitSession({
        source: session.monitor,
        store: this.store,
        appVersion: APP_VERSION,
        getListenInStream: () => this.microphoneForListenIn(),
        battery: () => this.battery,
      });
      this.babySession = baby;
      let live = false;
      baby.subscribe((snapshot) => {
        this.baby = snapshot;
        if (live && !snapshot.listenIn) this.releaseListenInMicrophone();
        live = snapshot.listenIn;
      });
    }
    void this.babySession.start();
  }

  /** "Use as parent unit": call from the tap (the chime and the wake lock need the gesture). */
  becomeParent(modelBaseUrl: string): void {
    this.role = 'parent';
    this.lostChime.prepare();
    const alerts = this.alerts;
    void alerts.startMonitoring();
    void alerts.load(connectHistory, modelBaseUrl);
    if (this.parentSession === null) {
      const parent = new ParentUnitSession({ store: this.store, appVersion: APP_VERSION });
      this.parentSession = parent;
      let connectedBefore = false;
      let lastTimeSeconds: number | null = null;
      parent.subscribe((snapshot) => {
        this.parent = snapshot;
        // A new connection is a new stream clock on the baby unit's side: the rules start over.
        if (snapshot.phase === 'connected' && !connectedBefore) {
          lastTimeSeconds = null;
          void alerts.startMonitoring();
        }
        connectedBefore = snapshot.phase === 'connected';
        if (snapshot.health?.alarm !== 'ringing') this.lostRings = 0;
      });
      let lastReading: unknown = null;
      parent.onEvent((event) => {
        if (event.type === 'report') {
          const reading = event.report.session.monitor.reading;
          if (reading === null || reading === lastReading) return;
          lastReading = reading;
          // Stop and Start on the baby unit restart its stream time; the rules' cooldown counts in it.
          if (lastTimeSeconds !== null && reading.timeSeconds < lastTimeSeconds) void alerts.startMonitoring();
          lastTimeSeconds = reading.timeSeconds;
          const before = alerts.lastAlertAt;
          alerts.observe(reading, () => alertDetail(reading.episode));
          if (alerts.lastAlertAt !== before) this.alertedAt = alerts.lastAlertAt;
        } else if (event.type === 'ring') {
          this.lostRings += 1;
          void this.ringLost(event.reason);
        } else if (event.type === 'listen-in') {
          this.listenInStream = event.stream;
        }
      });
    }
    void this.parentSession.scan();
  }

  /** Back to a plain monitor on this phone. */
  leave(): void {
    this.babySession?.stop();
    this.parentSession?.stop();
    this.releaseListenInMicrophone();
    if (this.role === 'parent') void this.alertsState?.stopMonitoring();
    this.listenInStream = null;
    this.role = 'none';
  }

  acknowledgeLost(): void {
    this.parentSession?.acknowledgeAlarm();
    this.lostRings = 0;
  }

  private async ringLost(reason: string | null): Promise<void> {
    // The lost-link alarm always sounds, whatever "chime" says: a silent parent phone is the very failure it warns of.
    const { vibration, notification } = this.alerts.settings;
    if (vibration) vibrateForAlert();
    if (notification) void showAlertNotification(LINK_LOST_TITLE, `${reason ?? 'No message from the baby unit'}. Check the baby, then pair again.`);
    await this.lostChime.play();
  }

  private async microphoneForListenIn(): Promise<MediaStream> {
    // A capture of its own, so stopping listen-in never touches the monitor's microphone.
    this.listenInMicrophone ??= await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: true } });
    return this.listenInMicrophone;
  }

  private releaseListenInMicrophone(): void {
    this.listenInMicrophone?.getTracks().forEach((t) => t.stop());
    this.listenInMicrophone = null;
  }

  private watchBattery(): void {
    const getBattery = (navigator as Navigator & { getBattery?: () => Promise<BatteryManagerLike> }).getBattery;
    if (typeof getBattery !== 'function') return;
    void getBattery
      .call(navigator)
      .then((manager) => {
        const read = (): void => {
          this.battery = { level: Math.min(1, Math.max(0, manager.level)), charging: manager.charging };
        };
        read();
        manager.addEventListener('levelchange', read);
        manager.addEventListener('chargingchange', read);
      })
      .catch(() => undefined);
  }
}

/** The one instance: a phone is one kind of unit at a time. */
export const twoPhones = new TwoPhones();
