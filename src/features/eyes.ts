/**
 * Eyes open or closed from the eyelid contours MediaPipe's iris landmark net draws (see
 * models/vision/eye-landmarks.ts), by an eye aspect ratio in the manner of Soukupová & Čech
 * (2016): the mean gap between the upper and the lower lid at the three middle points, over the
 * corner-to-corner width. Pure.
 *
 * Its quality rule: nothing is said from a picture too dark, too small or too blurred for the
 * lids to be seen ("too dark to tell"), when the landmark net itself doubts there is a face, or
 * when the two eyes disagree strongly (one eye hidden by a turn of the head or a hand).
 */

/**
 * One eye's lid contour, (x, y) interleaved in any unit, in the iris net's order: 9 lower-lid
 * points from the outer corner (0) to the inner corner (8), then 7 upper-lid points (9–15) from
 * the outer side to the inner side, each above the lower point two places before it (9 ↔ … 11 ↔ 3).
 */
export type EyelidContour = ArrayLike<number>;
/** Points in one EyelidContour. */
export const EYELID_POINTS = 16;

/** The upper- and lower-lid points whose gaps are measured: the three middle pairs. */
const LID_PAIRS: readonly (readonly [number, number])[] = [[11, 3], [12, 4], [13, 5]];
const OUTER_CORNER = 0;
const INNER_CORNER = 8;

/** Openness below which an eye counts as closed (chosen on generated pictures: see MODEL_CARD.md). */
export const CLOSED_BELOW_OPENNESS = 0.22;
/** Above this it counts as open; in between it is not told. */
export const OPEN_ABOVE_OPENNESS = 0.28;
/** Below this mean luma (0–255) of the face crop, eyes are not told. */
export const MIN_EYES_LUMA = 60;
/** Below this brightness-normalized sharpness of the crop, eyes are not told. */
export const MIN_EYES_SHARPNESS = 100;
/** The face's longer side must be at least this fraction of the frame's shorter side. */
export const MIN_EYES_FACE_FRACTION = 0.15;
/** Two eyes whose openness differs by more than this are not told (one is hidden or mis-placed). */
export const MAX_EYE_DISAGREEMENT = 0.12;
/** Below this face score of the landmark net (0–1), its lids are not trusted. */
export const MIN_LANDMARK_FACE_SCORE = 0.5;

export type EyesState = 'open' | 'closed' | 'unsure' | 'too-dark' | 'too-small' | 'blurry';

export interface EyesReading {
  state: EyesState;
  /** Mean openness of the two eyes (lid gap over eye width); null when not measured. */
  openness: number | null;
}

export const EYES_TEXT: Readonly<Record<EyesState, string>> = {
  open: 'Eyes open',
  closed: 'Eyes closed',
  unsure: 'Eyes: cannot tell',
  'too-dark': 'Eyes: too dark to tell',
  'too-small': 'Eyes: face too small to tell',
  blurry: 'Eyes: too blurred to tell',
};

function point(contour: EyelidContour, i: number): [number, number] {
  return [contour[2 * i] ?? Number.NaN, contour[2 * i + 1] ?? Number.NaN];
}

function distance(a: [number, number], b: [number, number]): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

/** Lid gap over eye width for one contour; NaN when the contour is incomplete or has no width. */
export function eyeOpenness(contour: EyelidContour): number {
  if (contour.length < 2 * EYELID_POINTS) return Number.NaN;
  const width = distance(point(contour, OUTER_CORNER), point(contour, INNER_CORNER));
  if (!(width > 0)) return Number.NaN;
  let gaps = 0;
  for (const [upper, lower] of LID_PAIRS) gaps += distance(point(contour, upper), point(contour, lower));
  return gaps / LID_PAIRS.length / width;
}

export interface EyesPictureQuality {
  meanLuma: number;
  sharpness: number;
  faceSizeFraction: number;
}

/** Why this picture cannot tell the eyes, or null when it is good enough to run the landmark net on. */
export function eyesPictureProblem(quality: EyesPictureQuality): 'too-dark' | 'too-small' | 'blurry' | null {
  if (quality.meanLuma < MIN_EYES_LUMA) return 'too-dark';
  if (quality.faceSizeFraction < MIN_EYES_FACE_FRACTION) return 'too-small';
  if (quality.sharpness < MIN_EYES_SHARPNESS) return 'blurry';
  return null;
}

/** Both eyes' lids as the landmark net drew them, and how sure it was that it saw a face (0–1). */
export interface EyeLids {
  right: EyelidContour;
  left: EyelidContour;
  faceScore: number;
}

/** Eyes open or closed, or why it cannot be told. */
export function readEyes(lids: EyeLids | null, quality: EyesPictureQuality): EyesReading {
  const problem = eyesPictureProblem(quality);
  if (problem !== null) return { state: problem, openness: null };
  if (lids === null || !(lids.faceScore >= MIN_LANDMARK_FACE_SCORE)) return { state: 'unsure', openness: null };
  const right = eyeOpenness(lids.right);
  const left = eyeOpenness(lids.left);
  if (!Number.isFinite(right) || !Number.isFinite(left)) return { state: 'unsure', openness: null };
  const openness = (right + left) / 2;
  if (Math.abs(right - left) > MAX_EYE_DISAGREEMENT) return { state: 'unsure', openness };
  if (openness < CLOSED_BELOW_OPENNESS) return { state: 'closed', openness };
  if (openness > OPEN_ABOVE_OPENNESS) return { state: 'open', openness };
  return { state: 'unsure', openness };
}
