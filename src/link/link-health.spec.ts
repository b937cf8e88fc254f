import { describe, expect, it } from 'vitest';
import { ALARM_REPEAT_MS, HEARTBEAT_INTERVAL_MS, LinkHealth, TICK_INTERVAL_MS, type HealthTick } from './link-health.ts';
import type { LinkRole } from './link-messages.ts';

/** A link on a scripted clock, ticked as the owner would tick it, recording what it asked for. */
function scripted(role: LinkRole): {
  health: LinkHealth;
  advance: (ms: number, heardEveryMs?: number) => void;
  ticks: { at: number; tick: HealthTick }[];
  clock: () => number;
} {
  let now = 0;
  const health = new LinkHealth({ role, now: () => now });
  const ticks: { at: number; tick: HealthTick }[] = [];
  let lastHeard = 0;
  const advance = (ms: number, heardEveryMs?: number): void => {
    const end = now + ms;
    while (now < end) {
      now += TICK_INTERVAL_MS;
      if (heardEveryMs !== undefined && now - lastHeard >= heardEveryMs) {
        lastHeard = now;
        health.heard();
      }
      ticks.push({ at: now, tick: health.tick() });
    }
  };
  return { health, advance, ticks, clock: () => now };
}

describe('link health', () => {
  it('waits without heartbeats or alarms before the first connection', () => {
    const { health, advance, ticks } = scripted('parent');
    advance(30_000);
    expect(health.status.state).toBe('waiting');
    expect(ticks.some((t) => t.tick.sendHeartbeat || t.tick.ring)).toBe(false);
  });

  it('sends a heartbeat every 2 s while connected and stays connected while the other side talks', () => {
    const { health, advance, ticks } = scripted('parent');
    health.opened();
    advance(60_000, HEARTBEAT_INTERVAL_MS);
    const sent = ticks.filter((t) => t.tick.sendHeartbeat).map((t) => t.at);
    expect(sent.length).toBe(30);
    expect(sent.slice(1).map((at, i) => at - (sent[i] ?? 0))).toEqual(Array<number>(29).fill(HEARTBEAT_INTERVAL_MS));
    expect(health.status.state).toBe('connected');
  });

  it('a late heartbeat (5 s of silence) is not a lost link', () => {
    const { health, advance } = scripted('parent');
    health.opened();
    advance(5000);
    health.heard();
    advance(5000);
    expect(health.status.state).toBe('connected');
  });

  it('the parent declares the link lost within 10 s of the last heartbeat and rings until acknowledged', () => {
    const { health, advance, ticks, clock } = scripted('parent');
    health.opened();
    advance(10_000, HEARTBEAT_INTERVAL_MS);
    const lastHeard = health.status.lastHeardAt ?? 0;
    advance(20_000);
    const lostTick = ticks.find((t) => t.tick.changed && t.at > lastHeard);
    expect(lostTick).toBeDefined();
    expect((lostTick?.at ?? Infinity) - lastHeard).toBeLessThanOrEqual(10_000);
    expect(health.status).toMatchObject({ state: 'lost', alarm: 'ringing' });
    expect(health.status.lostReason).toMatch(/no message for \d+ s/);
    // No more heartbeats to a phone that is gone; the alarm repeats.
    const afterLost = ticks.filter((t) => t.at >= (lostTick?.at ?? 0));
    expect(afterLost.some((t) => t.tick.sendHeartbeat)).toBe(false);
    const rings = afterLost.filter((t) => t.tick.ring).map((t) => t.at);
    expect(rings.length).toBeGreaterThanOrEqual(3);
    expect(rings[1]! - rings[0]!).toBe(ALARM_REPEAT_MS);
    health.acknowledge();
    const acknowledgedAt = clock();
    advance(30_000);
    expect(health.status).toMatchObject({ state: 'lost', alarm: 'acknowledged' });
    expect(ticks.some((t) => t.at > acknowledgedAt && t.tick.ring)).toBe(false);
  });

  it('a reconnection clears the lost state and the alarm, and heartbeats resume', () => {
    const { health, advance, ticks, clock } = scripted('parent');
    health.opened();
    advance(20_000);
    expect(health.status.alarm).toBe('ringing');
    health.opened();
    const reconnectedAt = clock();
    expect(health.status).toMatchObject({ state: 'connected', alarm: 'off', lostReason: null });
    advance(10_000, HEARTBEAT_INTERVAL_MS);
    const after = ticks.filter((t) => t.at > reconnectedAt);
    expect(after.some((t) => t.tick.ring)).toBe(false);
    expect(after.filter((t) => t.tick.sendHeartbeat).length).toBe(5);
  });

  it('a message after a stall on the same connection counts as reconnected', () => {
    const { health, advance } = scripted('parent');
    health.opened();
    advance(12_000);
    expect(health.status.state).toBe('lost');
    health.heard();
    expect(health.status).toMatchObject({ state: 'connected', alarm: 'off' });
  });

  it('a closed channel is lost at once, with its reason', () => {
    const { health, advance } = scripted('parent');
    health.opened();
    advance(1000, HEARTBEAT_INTERVAL_MS);
    health.closed('the baby unit closed the connection');
    expect(health.status).toMatchObject({ state: 'lost', alarm: 'ringing', lostReason: 'the baby unit closed the connection' });
  });

  it('the baby unit says the parent is gone but never rings', () => {
    const { health, advance, ticks } = scripted('baby');
    health.opened();
    advance(30_000);
    expect(health.status).toMatchObject({ state: 'lost', alarm: 'off' });
    expect(ticks.some((t) => t.tick.ring)).toBe(false);
  });
});
