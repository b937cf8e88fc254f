/**
 * Is the other phone still there? Both units send a heartbeat every HEARTBEAT_INTERVAL_MS and
 * count anything they receive as a sign of life. When nothing has been heard for LOST_AFTER_MS
 * (or the channel closes), the link is "lost": the parent unit rings a repeating alarm until the
 * parent acknowledges it or the link comes back; the baby unit only says the parent unit is gone
 * (it keeps monitoring and logging locally whatever happens to the link).
 *
 * Pure and clock-injected: the owner calls `tick()` every TICK_INTERVAL_MS (and on every event)
 * and acts on what it returns, so tests drive it on a scripted clock.
 */

import type { LinkRole } from './link-messages.ts';

/** How often each side sends a heartbeat, in milliseconds. */
export const HEARTBEAT_INTERVAL_MS = 2000;
/**
 * Silence after which the link is lost, in milliseconds: three missed heartbeats (and, while the
 * baby unit listens, about six missed snapshots), so one late timer on a busy phone is no alarm,
 * and with TICK_INTERVAL_MS the parent knows within 10 s even when its own timers run late: 8 s
 * was measured at 9.6 s from close to alarm on a loaded machine.
 */
export const LOST_AFTER_MS = 6000;
/** How often the owner should call tick(), in milliseconds. */
export const TICK_INTERVAL_MS = 500;
/** The lost-link alarm rings again this often until acknowledged, in milliseconds: one beep gets slept through. */
export const ALARM_REPEAT_MS = 5000;

export type LinkState = 'waiting' | 'connected' | 'lost';
export type AlarmState = 'off' | 'ringing' | 'acknowledged';

export interface LinkHealthStatus {
  state: LinkState;
  /** When the state last changed, ms on the injected clock. */
  since: number;
  /** When anything was last heard from the other side, or null before the first message. */
  lastHeardAt: number | null;
  /** Why the link was declared lost ("no message for 6 s", "the connection closed"), or null. */
  lostReason: string | null;
  alarm: AlarmState;
}

export interface HealthTick {
  /** Send a heartbeat now. */
  sendHeartbeat: boolean;
  /** Sound the lost-link alarm now (parent unit only; repeats every ALARM_REPEAT_MS while ringing). */
  ring: boolean;
  /** The status changed since the previous call to tick() or event. */
  changed: boolean;
}

export interface LinkHealthOptions {
  role: LinkRole;
  now: () => number;
  heartbeatIntervalMs?: number;
  lostAfterMs?: number;
  alarmRepeatMs?: number;
}

export class LinkHealth {
  private readonly role: LinkRole;
  private readonly now: () => number;
  private readonly heartbeatIntervalMs: number;
  private readonly lostAfterMs: number;
  private readonly alarmRepeatMs: number;
  private current: LinkHealthStatus;
  private lastSentAt: number | null = null;
  private lastRingAt: number | null = null;
  private dirty = false;

  constructor(options: LinkHealthOptions) {
    this.role = options.role;
    this.now = options.now;
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? HEARTBEAT_INTERVAL_MS;
    this.lostAfterMs = options.lostAfterMs ?? LOST_AFTER_MS;
    this.alarmRepeatMs = options.alarmRepeatMs ?? ALARM_REPEAT_MS;
    this.current = { state: 'waiting', since: this.now(), lastHeardAt: null, lostReason: null, alarm: 'off' };
  }

  get status(): Readonly<LinkHealthStatus> {
    return this.current;
  }

  /** The data channel opened (first pairing or a reconnection): clears a lost link and its alarm. */
  opened(): void {
    const now = this.now();
    this.lastSentAt = null;
    this.lastRingAt = null;
    this.set({ state: 'connected', since: now, lastHeardAt: now, lostReason: null, alarm: 'off' });
  }

  /** Anything valid arrived from the other side. */
  heard(): void {
    const now = this.now();
    if (this.current.state === 'lost') {
      // The other side came back on the same connection (e.g. after a long stall): that is a reconnect.
      this.opened();
      return;
    }
    this.current = { ...this.current, lastHeardAt: now };
  }

  /** The channel or the connection closed or failed: lost at once, no need to wait for silence. */
  closed(reason = 'the connection closed'): void {
    // Before the first connection a close is a failed pairing, which peer-link.ts reports itself.
    if (this.current.state !== 'connected') return;
    this.declareLost(reason);
  }

  /** The parent saw the alarm: stop ringing, keep saying the link is lost. */
  acknowledge(): void {
    if (this.current.alarm === 'ringing') this.set({ ...this.current, alarm: 'acknowledged' });
  }

  /** Call every TICK_INTERVAL_MS. */
  tick(): HealthTick {
    const now = this.now();
    const { state, lastHeardAt } = this.current;
    if (state === 'connected' && lastHeardAt !== null && now - lastHeardAt >= this.lostAfterMs) {
      this.declareLost(`no message for ${Math.round((now - lastHeardAt) / 1000)} s`);
    }
    const sendHeartbeat = this.current.state === 'connected' && (this.lastSentAt === null || now - this.lastSentAt >= this.heartbeatIntervalMs);
    if (sendHeartbeat) this.lastSentAt = now;
    const ring = this.current.alarm === 'ringing' && (this.lastRingAt === null || now - this.lastRingAt >= this.alarmRepeatMs);
    if (ring) this.lastRingAt = now;
    const changed = this.dirty;
    this.dirty = false;
    return { sendHeartbeat, ring, changed };
  }

  private declareLost(reason: string): void {
    this.lastRingAt = null;
    this.set({ ...this.current, state: 'lost', since: this.now(), lostReason: reason, alarm: this.role === 'parent' ? 'ringing' : 'off' });
  }

  private set(status: LinkHealthStatus): void {
    this.current = status;
    this.dirty = true;
  }
}
