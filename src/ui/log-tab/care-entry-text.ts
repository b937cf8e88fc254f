import type { CareEntry } from '../../domain/care.ts';

const time = (ms: number): string => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** One line per entry for the Log tab's list: what, and when, in the phone's own time format. */
export function careEntryText(entry: CareEntry): string {
  switch (entry.kind) {
    case 'feed':
      return `Fed at ${time(entry.time)}${entry.amountMl === null ? '' : `, ${entry.amountMl} ml`}`;
    case 'sleep':
      return entry.endTime === null ? `Asleep since ${time(entry.time)}` : `Slept ${time(entry.time)}–${time(entry.endTime)}`;
    case 'nappy':
      return `Nappy (${entry.content}) at ${time(entry.time)}`;
    case 'soothe':
      return `${entry.text || 'Soothed'} at ${time(entry.time)}`;
  }
}
