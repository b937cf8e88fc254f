/** "0:42", "12:05", "1:02:03" for a duration in seconds (rounded down). */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** A probability (0–1) as a whole percent, e.g. "72%": one style on every screen, with no space. */
export function formatPercent(probability: number): string {
  return `${Math.round(probability * 100)}%`;
}

const SENSE_NAMES = { audio: 'sound', face: 'face', context: "the baby's day" } as const;

/** "sound", "sound and face", "the baby's day": the sources behind an estimate, in words. */
export function formatSenses(senses: readonly ('audio' | 'face' | 'context')[]): string {
  return senses.map((s) => SENSE_NAMES[s]).join(' and ');
}
