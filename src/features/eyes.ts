/**
 * Eyes open or closed from 68 face landmarks (the iBUG 300-W layout face-api's landmark nets
 * use: points 36–41 one eye, 42–47 the other, each starting at the outer corner), by the eye
 * aspect ratio (Soukupová & Čech 2016): the eye's two heights over twice its width, about 0.3
 * for an open adult eye and under 0.15 for a closed one. Pure.
 *
 * Its quality rule: nothing is said from a picture too dark, too small or too blurred for the
 * landmarks to mean anything ("too dark to tell"), or when the two eyes disagree strongly (one
 * eye hidden by a turn of the head or a hand).
 */

/** 68 (x, y) points, interleaved, in any unit. */
export type Landmarks68 = ArrayLike<number>;

/** Eye aspect ratio below which the eye counts as closed. */
export const CLOSED_BELOW_EAR = 0.17;
/** Above this it counts as open; in between it is not told. */
export const OPEN_ABOVE_EAR = 0.22;
/** Below this mean luma (0–255) of the face crop, eyes are not told. */
export const MIN_EYES_LUMA = 60;
/** Below this brightness-normalized sharpness of the crop, eyes are not told. */
export const MIN_EYES_SHARPNESS = 100;
/** The face's longer side must be at least this fraction of the frame's shorter side. */
export const MIN_EYES_FACE_FRACTION = 0.15;
/** Two eyes whose ratios differ by more than this are not told (one is hidden or mis-placed). */
export const MAX_EYE_DISAGREEMENT = 0.12;

export type EyesState = 'open' | 'closed' | 'unsure' | 'too-dark' | 'too-small' | 'blurry';

export interface EyesReading {
  state: EyesState;
  /** Mean eye aspect ratio of the two eyes; null when not measured. */
  aspectRatio: number | null;
}

export const EYES_TEXT: Readonly<Record<EyesState, string>> = {
  open: 'Eyes open',
  closed: 'Eyes closed',
  unsure: 'Eyes: cannot tell',
  'too-dark': 'Eyes: too dark to tell',
  'too-small': 'Eyes: face too small to tell',
  blurry: 'Eyes: too blurred to tell',
};

function point(landmarks: Landmarks68, i: number): [number, number] {
  return [landmarks[2 * i] ?? Number.NaN, landmarks[2 * i + 1] ?? Number.NaN];
}

function distance(a: [number, number], b: [number, number]): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

/** The eye aspect ratio of the six points starting at `first` (36 or 42). */
export function eyeAspectRatio(landmarks: Landmarks68, first: 36 | 42): number {
  const p1 = point(landmarks, first);
  const p2 = point(landmarks, first + 1);
  const p3 = point(landmarks, first + 2);
  const p4 = point(landmarks, first + 3);
  const p5 = point(landmarks, first + 4);
  const p6 = point(landmarks, first + 5);
  const width = distance(p1, p4);
  if (!(width > 0)) return Number.NaN;
  return (distance(p2, p6) + distance(p3, p5)) / (2 * width);
}

export interface EyesPictureQuality {
  meanLuma: number;
  sharpness: number;
  faceSizeFraction: number;
}

/** Eyes open or closed, or why it cannot be told. */
export function readEyes(landmarks: Landmarks68 | null, quality: EyesPictureQuality): EyesReading {
  if (quality.meanLuma < MIN_EYES_LUMA) return { state: 'too-dark', aspectRatio: null };
  if (quality.faceSizeFraction < MIN_EYES_FACE_FRACTION) return { state: 'too-small', aspectRatio: null };
  if (quality.sharpness < MIN_EYES_SHARPNESS) return { state: 'blurry', aspectRatio: null };
  if (landmarks === null || landmarks.length < 136) return { state: 'unsure', aspectRatio: null };
  const right = eyeAspectRatio(landmarks, 36);
  const left = eyeAspectRatio(landmarks, 42);
  if (!Number.isFinite(right) || !Number.isFinite(left)) return { state: 'unsure', aspectRatio: null };
  const aspectRatio = (right + left) / 2;
  if (Math.abs(right - left) > MAX_EYE_DISAGREEMENT) return { state: 'unsure', aspectRatio };
  if (aspectRatio < CLOSED_BELOW_EAR) return { state: 'closed', aspectRatio };
  if (aspectRatio > OPEN_ABOVE_EAR) return { state: 'open', aspectRatio };
  return { state: 'unsure', aspectRatio };
}
