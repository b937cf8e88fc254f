import { describe, expect, it } from 'vitest';
import { AlertRules, DEFAULT_ALERT_SETTINGS, parseAlertSettings, REPEAT_INTERVAL_SECONDS, type AlertDecision, type AlertObservation, type AlertTiming } from './alert-rules.ts';

const HOP_SECONDS = 0.5;

interface Cry {
  startSeconds: number;
  seconds: number;
}

/**
 * A scripted session: audio windows every half second for `totalSeconds`; during each cry the
 * episode is open and its duration grows with stream time, then stays open (not growing) for
 * the 10 s quiet gap the segmenter waits before closing it.
 */
function timeline(cries: readonly Cry[], totalSeconds: number): AlertObservation[] {
  const out: AlertObservation[] = [];
  for (let t = HOP_SECONDS; t <= totalSeconds; t += HOP_SECONDS) {
    const cry = cries.find((c) => t >= c.startSeconds && t < c.startSeconds + c.seconds + 10);
    const episode = cry === undefined ? null : { startSeconds: cry.startSeconds, durationSeconds: Math.min(t, cry.startSeconds + cry.seconds) - cry.startSeconds };
    out.push({ timeSeconds: t, episode });
  }
  return out;
}

function run(timing: Partial<AlertTiming>, observations: readonly AlertObservation[], acknowledgeAt: number | null = null): { time: number; decision: AlertDecision }[] {
  const rules = new AlertRules({ delaySeconds: 0, cooldownMinutes: 0, repeatUntilAcknowledged: false, ...timing });
  const fired: { time: number; decision: AlertDecision }[] = [];
  for (const observation of observations) {
    if (acknowledgeAt !== null && observation.timeSeconds === acknowledgeAt) rules.acknowledge();
    const decision = rules.observe(observation);
    if (decision !== null) fired.push({ time: observation.timeSeconds, decision });
  }
  return fired;
}

describe('alert rules', () => {
  it('with no delay alerts once per episode, as soon as it opens', () => {
    const fired = run({}, timeline([{ startSeconds: 5, seconds: 12 }], 60));
    expect(fired).toEqual([{ time: 5, decision: { type: 'alert' } }]);
  });

  it('"alert after 30 s" stays silent for a 10 s cry and alerts 30 s into a 40 s one', () => {
    expect(run({ delaySeconds: 30 }, timeline([{ startSeconds: 5, seconds: 10 }], 90))).toEqual([]);
    expect(run({ delaySeconds: 30 }, timeline([{ startSeconds: 5, seconds: 40 }], 90))).toEqual([{ time: 35, decision: { type: 'alert' } }]);
  });

  it('counts crying time, not the quiet that follows it: 25 s of crying never reaches a 30 s delay', () => {
    expect(run({ delaySeconds: 30 }, timeline([{ startSeconds: 5, seconds: 25 }], 90))).toEqual([]);
  });

  it('a cooldown suppresses the alert of a second episode inside it, not after it', () => {
    const cries = [
      { startSeconds: 5, seconds: 8 },
      { startSeconds: 60, seconds: 8 },
      { startSeconds: 200, seconds: 8 },
    ];
    const withCooldown = run({ cooldownMinutes: 2 }, timeline(cries, 260));
    expect(withCooldown.map((f) => f.time)).toEqual([5, 200]);
    const without = run({ cooldownMinutes: 0 }, timeline(cries, 260));
    expect(without.map((f) => f.time)).toEqual([5, 60, 200]);
  });

  it('an episode still crying when the cooldown ends alerts then', () => {
    const fired = run({ cooldownMinutes: 2 }, timeline([{ startSeconds: 5, seconds: 5 }, { startSeconds: 100, seconds: 60 }], 200));
    expect(fired.map((f) => f.time)).toEqual([5, 125]);
  });

  it('a repeating alarm re-fires every 30 s until acknowledged, then stops', () => {
    const observations = timeline([{ startSeconds: 5, seconds: 10 }], 200);
    const unanswered = run({ repeatUntilAcknowledged: true }, observations);
    expect(unanswered[0]).toEqual({ time: 5, decision: { type: 'alert' } });
    expect(unanswered.slice(1).map((f) => f.time)).toEqual([35, 65, 95, 125, 155, 185]);
    expect(unanswered.slice(1).map((f) => f.decision)).toEqual([1, 2, 3, 4, 5, 6].map((count) => ({ type: 'repeat', count })));

    const answered = run({ repeatUntilAcknowledged: true }, observations, 70);
    expect(answered.map((f) => f.time)).toEqual([5, 35, 65]);
    expect(run({ repeatUntilAcknowledged: false }, observations).map((f) => f.time)).toEqual([5]);
  });

  it('reports ringing until acknowledged, and a new session starts clean', () => {
    const rules = new AlertRules({ delaySeconds: 0, cooldownMinutes: 10, repeatUntilAcknowledged: true });
    expect(rules.observe({ timeSeconds: 3, episode: { startSeconds: 2, durationSeconds: 1 } })).toEqual({ type: 'alert' });
    expect(rules.ringing).toBe(true);
    rules.acknowledge();
    expect(rules.ringing).toBe(false);
    expect(rules.observe({ timeSeconds: 3 + REPEAT_INTERVAL_SECONDS, episode: null })).toBeNull();
    // Inside the 10 min cooldown of this session, but a new session forgets it.
    expect(rules.observe({ timeSeconds: 60, episode: { startSeconds: 59, durationSeconds: 1 } })).toBeNull();
    rules.reset();
    expect(rules.observe({ timeSeconds: 60, episode: { startSeconds: 59, durationSeconds: 1 } })).toEqual({ type: 'alert' });
  });
});

describe('stored alert settings', () => {
  it('keeps valid values and defaults missing ones quietly', () => {
    const warnings: string[] = [];
    const parsed = parseAlertSettings({ chime: false, delaySeconds: 30 }, (m) => warnings.push(m));
    expect(parsed).toEqual({ ...DEFAULT_ALERT_SETTINGS, chime: false, delaySeconds: 30 });
    expect(warnings).toEqual([]);
    expect(parseAlertSettings(undefined, (m) => warnings.push(m))).toEqual(DEFAULT_ALERT_SETTINGS);
    expect(warnings).toEqual([]);
  });

  it('replaces each malformed value by its default with a warning', () => {
    const warnings: string[] = [];
    const parsed = parseAlertSettings(
      { chime: 'no', vibration: false, sensitivity: 'paranoid', delaySeconds: 45, cooldownMinutes: -1, repeatUntilAcknowledged: 1 },
      (m) => warnings.push(m),
    );
    expect(parsed).toEqual({ ...DEFAULT_ALERT_SETTINGS, vibration: false });
    expect(warnings).toHaveLength(5);
    expect(warnings[0]).toContain('"chime"');
    expect(parseAlertSettings('garbage', (m) => warnings.push(m))).toEqual(DEFAULT_ALERT_SETTINGS);
    expect(warnings).toHaveLength(6);
    expect(parseAlertSettings([true], (m) => warnings.push(m))).toEqual(DEFAULT_ALERT_SETTINGS);
    expect(warnings).toHaveLength(7);
  });
});
