import type { Modality } from '../domain/modality.ts';
import type { NeedProbabilities } from '../domain/needs.ts';

/** What the audio branch says about one 2 s window. */
export interface AudioObservation {
  /** Stream time of the window's end, in seconds since listening started. */
  readonly timeSeconds: number;
  /** Probability (0–1) that the window holds infant crying. */
  readonly cryProbability: number;
  /** Need probabilities from the audio model; null when no need model is loaded. */
  readonly needProbabilities: NeedProbabilities | null;
}

/** What the camera branch says about one frame. */
export interface FaceObservation {
  /** Stream time of the frame, in seconds since listening started. */
  readonly timeSeconds: number;
  /** Whether a usable face was found in the frame. */
  readonly faceVisible: boolean;
  /** Need probabilities from a face need head; null when none is trained (uninformed). */
  readonly needProbabilities: NeedProbabilities | null;
}

/**
 * One modality's vote for a fusion step. `present` = the sense sees the baby (a cry is detected,
 * a face is visible); `needProbabilities` null = present but uninformed.
 */
export interface ModalityVote {
  readonly present: boolean;
  readonly needProbabilities: NeedProbabilities | null;
}

export type FusionInput = Readonly<Partial<Record<Modality, ModalityVote>>>;

/** The fused need estimate of one step, or "listening" when no sense had anything to say. */
export type FusionResult =
  | { readonly status: 'listening'; readonly contributed: readonly []; readonly perModality: Readonly<Partial<Record<Modality, NeedProbabilities>>> }
  | {
      readonly status: 'estimate';
      /** Arithmetic mean of the contributing modalities' vectors. */
      readonly needProbabilities: NeedProbabilities;
      /** Modalities that contributed, in MODALITIES order. */
      readonly contributed: readonly Modality[];
      /** Each contributing modality's own vector. */
      readonly perModality: Readonly<Partial<Record<Modality, NeedProbabilities>>>;
    };
