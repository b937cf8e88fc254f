import { describe, expect, it } from 'vitest';
import { DEFAULT_SLEEP_WATCH, SleepWatch, sleepWatchSettings, type SleepObservation, type SleepWatchState } from './sleep-watch.ts';

const at = (hhmm: string, seconds = 0): number => {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  // Evening times are one day, small hours the next.
  return Date.UTC(2026, 0, h < 12 ? 2 : 1, h, m, seconds);
};
const STEP_MS = 20_000;

type Kind = 'moving' | 'still' | 'crying' | 'dark' | 'off' | 'eyes-open';

function observation(timeMs: number, kind: Kind): SleepObservation {
  return {
    timeMs,
    motion: kind === 'off' ? null : kind === 'dark' ? 'too-dark' : kind === 'moving' ? 'moving' : 'still',
    eyes: kind === 'eyes-open' ? 'open' : null,
    crying: kind === 'crying',
  };
}

/** Feeds one observation every 20 s from `from` (inclusive) to `to` (exclusive); returns each state with its time. */
function feed(watch: SleepWatch, from: number, to: number, kind: Kind, logAsleep: () => boolean): { t: number; state: SleepWatchState }[] {
  const out: { t: number; state: SleepWatchState }[] = [];
  for (let t = from; t < to; t += STEP_MS) out.push({ t, state: watch.observe(observation(t, kind), logAsleep()) });
  return out;
}

describe('SleepWatch on a scripted night', () => {
  it('proposes asleep after 15 still minutes dated to the end of the activity, then awake when a logged sleep ends', () => {
    const watch = new SleepWatch();
    let logAsleep = false;
    const log = (): boolean => logAsleep;

    // 21:00–21:20: fussing and crying; nothing to propose.
    const fussing = [...feed(watch, at('21:00'), at('21:10'), 'moving', log), ...feed(watch, at('21:10'), at('21:20'), 'crying', log)];
    expect(fussing.every((s) => s.state.proposal === null)).toBe(true);
    expect(fussing.at(-1)?.state.camera).toBe('awake');

    // Still from 21:20: the activity ended at 21:19:40 (its last reading).
    const settling = feed(watch, at('21:20'), at('21:40'), 'still', log);
    const first = settling.find((s) => s.state.proposal !== null);
    expect(first?.t).toBe(at('21:19', 40) + DEFAULT_SLEEP_WATCH.asleepAfterMs);
    expect(first?.state.proposal).toEqual({ kind: 'asleep', sinceMs: at('21:19', 40) });
    expect(settling.at(-1)?.state).toEqual({ camera: 'asleep', sinceMs: at('21:19', 40), proposal: { kind: 'asleep', sinceMs: at('21:19', 40) } });

    // The parent confirms: the log has the sleep open, so the camera only shows how long.
    logAsleep = true;
    const night = [
      ...feed(watch, at('21:40'), at('23:00'), 'still', log),
      // A twitch and a short whimper in sleep do not wake.
      ...feed(watch, at('23:00'), at('23:00', 40), 'moving', log),
      ...feed(watch, at('23:00', 40), at('23:01'), 'crying', log),
      ...feed(watch, at('23:01'), at('05:10'), 'still', log),
    ];
    expect(night.every((s) => s.state.camera === 'asleep' && s.state.proposal === null && s.state.sinceMs === at('21:19', 40))).toBe(true);

    // 05:10: awake and moving, eyes open; after two minutes of it, "looks awake since 05:10".
    const waking = [...feed(watch, at('05:10'), at('05:11'), 'moving', log), ...feed(watch, at('05:11'), at('05:13'), 'eyes-open', log)];
    const woke = waking.find((s) => s.state.proposal !== null);
    expect(woke?.t).toBe(at('05:12'));
    expect(woke?.state).toEqual({ camera: 'awake', sinceMs: null, proposal: { kind: 'awake', sinceMs: at('05:10') } });
    // The proposal stays while the baby lies quietly awake, until the parent answers.
    const after = feed(watch, at('05:13'), at('05:20'), 'still', log);
    expect(after.every((s) => s.state.proposal?.kind === 'awake')).toBe(true);
    logAsleep = false;
    expect(watch.observe(observation(at('05:20'), 'still'), false).proposal).toBeNull();
  });

  it('never proposes a wake-up when no sleep is open or seen', () => {
    const watch = new SleepWatch();
    const states = feed(watch, at('09:00'), at('09:30'), 'moving', () => false);
    expect(states.every((s) => s.state.proposal === null)).toBe(true);
  });

  it('a dark spell neither extends nor breaks the stillness; a long gap without the camera starts afresh', () => {
    const dark = new SleepWatch();
    feed(dark, at('20:00'), at('20:05'), 'still', () => false);
    feed(dark, at('20:05'), at('20:09'), 'dark', () => false);
    const settled = feed(dark, at('20:09'), at('20:20'), 'still', () => false);
    expect(settled.find((s) => s.state.proposal !== null)?.t).toBe(at('20:15'));

    const gap = new SleepWatch();
    feed(gap, at('20:00'), at('20:10'), 'still', () => false);
    // Camera off for six minutes (more than the five-minute gap): the stillness starts again at 20:16.
    feed(gap, at('20:10'), at('20:16'), 'off', () => false);
    const later = feed(gap, at('20:16'), at('20:40'), 'still', () => false);
    expect(later.find((s) => s.state.proposal !== null)?.state.proposal).toEqual({ kind: 'asleep', sinceMs: at('20:16') });
  });

  it('a dismissed proposal is not shown again for the same stretch, but a new sleep is proposed', () => {
    const watch = new SleepWatch();
    feed(watch, at('13:00'), at('13:16'), 'still', () => false);
    expect(watch.state.proposal?.kind).toBe('asleep');
    watch.dismiss();
    expect(watch.state.proposal).toBeNull();
    expect(feed(watch, at('13:16'), at('13:30'), 'still', () => false).every((s) => s.state.proposal === null)).toBe(true);
    // Up and about for three minutes, then still again for fifteen: a new sleep.
    feed(watch, at('13:30'), at('13:33'), 'moving', () => false);
    const again = feed(watch, at('13:33'), at('13:50'), 'still', () => false);
    expect(again.at(-1)?.state.proposal).toEqual({ kind: 'asleep', sinceMs: at('13:32', 40) });
  });

  it('scaled settings keep the same shape, and nonsense is refused', () => {
    const s = sleepWatchSettings(0.2, 0.1);
    expect(s.asleepAfterMs).toBe(12_000);
    expect(s.awakeAfterMs).toBe(6_000);
    expect(s.activityGapMs).toBeLessThan(s.awakeAfterMs);
    expect(() => sleepWatchSettings(0, 1)).toThrow(/more than zero/);
  });
});
