import { FACE_STATUS_TEXT } from '../../features/face-quality.ts';
import type { FaceSpan, FaceSummary } from '../../fusion/face-summary.ts';
import type { RecordingVerdict } from '../../fusion/timeline.ts';
import { formatDuration, formatPercent } from '../monitor/format.ts';

/** What became of a video's pictures, for the "senses used" line. */
export interface PicturesOutcome {
  /** Pictures analysed (0 when none could be). */
  readonly frames: number;
  /** Whether a face need head was loaded (otherwise the face says nothing about needs). */
  readonly hasNeedHead: boolean;
  /** Why the pictures were not (all) used, written for the parent; null when all went well. */
  readonly note: string | null;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** "face visible in 8 of 10 pictures, distress 23%", "no face visible (0 of 4 pictures)". */
export function faceSummaryText(face: FaceSummary | null): string {
  if (face === null) return 'no pictures';
  const distress = face.meanDistressScore === null ? '' : `, distress ${formatPercent(face.meanDistressScore)}`;
  if (face.status === 'face-visible') return `face visible in ${face.faceVisibleFrames} of ${plural(face.frames, 'picture')}${distress}`;
  return `${FACE_STATUS_TEXT[face.status]} (face readable in ${face.faceVisibleFrames} of ${plural(face.frames, 'picture')})`;
}

/** Short form for the timeline's segment labels on a narrow screen. */
export function faceShortText(face: FaceSummary | null): string {
  if (face === null) return '';
  return face.status === 'face-visible' ? 'face' : FACE_STATUS_TEXT[face.status];
}

/** The face lane in words: "face visible 0:00–0:08; no face visible 0:08–0:12". */
export function faceSpansText(spans: readonly FaceSpan[]): string {
  return spans.map((s) => `${FACE_STATUS_TEXT[s.status]} ${formatDuration(s.startSeconds)}–${formatDuration(s.endSeconds)}`).join('; ');
}

/** The overall result's "senses used" line. `pictures` is null for a file with no pictures to look at. */
export function sensesUsedText(overall: Pick<RecordingVerdict, 'contributed' | 'face' | 'needProbabilities'>, pictures: PicturesOutcome | null): string {
  if (pictures === null) return 'Senses used: sound (a sound file has no pictures).';
  if (pictures.frames === 0 || overall.face === null) return 'Senses used: sound only (the pictures could not be analysed).';
  const face = overall.face;
  const seen =
    face.faceVisibleFrames === 0
      ? `no face was readable in any of the ${plural(face.frames, 'picture')}`
      : `a face was readable in ${face.faceVisibleFrames} of ${plural(face.frames, 'picture')}`;
  let need = '';
  if (overall.needProbabilities !== null) {
    if (overall.contributed.includes('face')) need = ' The need combines the sound and the face.';
    else if (!pictures.hasNeedHead) need = ' The face says nothing about needs (no face need model is installed), so the need comes from the sound alone.';
    else need = ' No face was readable while crying, so the need comes from the sound alone.';
  }
  return `Senses used: sound and pictures (${seen}).${need}`;
}
