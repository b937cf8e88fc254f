import type { NeedProbabilities } from '../domain/needs.ts';
import { MODALITIES, type Modality } from '../domain/modality.ts';
import { type FusionInput, type FusionResult } from './types.ts';
import { isValidNeedProbabilities, meanNeedProbabilities } from './vectors.ts';

/**
 * Late fusion: the arithmetic mean of the need vectors of the modalities that are present and
 * informed. A missing, absent (no cry / no face) or uninformed (null vector) modality is left
 * out rather than averaged in as a uniform guess, which would pull every answer towards 25 %.
 * A vector with a non-finite or out-of-range entry is treated as uninformed.
 */
export function fuse(input: FusionInput): FusionResult {
  const perModality: Partial<Record<Modality, NeedProbabilities>> = {};
  const contributed: Modality[] = [];
  for (const modality of MODALITIES) {
    const vote = input[modality];
    if (!vote?.present || vote.needProbabilities === null) continue;
    if (!isValidNeedProbabilities(vote.needProbabilities)) continue;
    perModality[modality] = vote.needProbabilities;
    contributed.push(modality);
  }
  const fused = meanNeedProbabilities(contributed.map((m) => perModality[m]).filter((v) => v !== undefined));
  if (fused === null) return { status: 'listening', contributed: [], perModality: {} };
  return { status: 'estimate', needProbabilities: fused, contributed, perModality };
}
