/** The four needs the app estimates, in the fixed order of every probability vector. */
export const NEEDS = ['discomfort', 'hunger', 'pain', 'tired'] as const;
export type Need = (typeof NEEDS)[number];

/** Probabilities over NEEDS, same order, summing to 1. */
export type NeedProbabilities = readonly [number, number, number, number];

export function isNeed(value: string): value is Need {
  return (NEEDS as readonly string[]).includes(value);
}
