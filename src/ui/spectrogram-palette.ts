/**
 * Colours for the live spectrogram: a calm ramp from the background's near-black through deep
 * blue and teal to a soft warm white, so loud bands stand out without glare at night.
 */

/**
 * dB at and below which a band is drawn as background: a quiet room's microphone noise sits
 * around −55 dB in these (unnormalised) log-Mel units, so it shows as a faint texture.
 */
export const SPECTROGRAM_MIN_DB = -70;
/** dB at and above which a band is drawn at full brightness: a loud cry's strongest bands reach +20 to +30. */
export const SPECTROGRAM_MAX_DB = 20;

type Rgb = readonly [number, number, number];

/** Ramp stops from quiet to loud, evenly spaced. */
const STOPS: readonly Rgb[] = [
  [15, 20, 25],
  [24, 44, 92],
  [22, 120, 140],
  [120, 200, 150],
  [250, 240, 210],
];

/** Position of `db` between the display limits, clamped to 0–1. */
export function spectrogramIntensity(db: number): number {
  if (Number.isNaN(db)) return 0;
  const fraction = (db - SPECTROGRAM_MIN_DB) / (SPECTROGRAM_MAX_DB - SPECTROGRAM_MIN_DB);
  return Math.min(1, Math.max(0, fraction));
}

/** RGB colour (0–255 each) for a log-Mel value in dB. */
export function spectrogramColor(db: number): Rgb {
  const position = spectrogramIntensity(db) * (STOPS.length - 1);
  const lower = Math.min(Math.floor(position), STOPS.length - 2);
  const t = position - lower;
  const from = STOPS[lower]!;
  const to = STOPS[lower + 1]!;
  const mix = (channel: 0 | 1 | 2): number => Math.round(from[channel] + t * (to[channel] - from[channel]));
  return [mix(0), mix(1), mix(2)];
}
