/** Quietest level the meter shows, in dBFS: a quiet room's microphone noise sits around −70. */
export const METER_FLOOR_DBFS = -80;

/** Fraction (0–1) of the meter to fill for a level in dBFS. */
export function meterFraction(levelDbfs: number): number {
  if (Number.isNaN(levelDbfs)) return 0;
  return Math.min(1, Math.max(0, (levelDbfs - METER_FLOOR_DBFS) / -METER_FLOOR_DBFS));
}
