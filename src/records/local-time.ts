/**
 * The local UTC offset (minutes east of UTC) in force at an instant. Passed in rather than read
 * from the clock so that formatting and aggregation are pure and DST-correct in tests.
 */
export type OffsetMinutesAt = (epochMs: number) => number;

/** The device's own time zone. */
export const localOffsetMinutesAt: OffsetMinutesAt = (epochMs) => -new Date(epochMs).getTimezoneOffset();

/** The local calendar date (`YYYY-MM-DD`) of an instant, given the local UTC offset then. */
export function localIsoDate(epochMs: number, offsetMinutes: number): string {
  return new Date(epochMs + offsetMinutes * 60_000).toISOString().slice(0, 10);
}
