/** The four needs the app estimates, in the fixed order of every probability vector. */
export const NEEDS = ['discomfort', 'hunger', 'pain', 'tired'] as const;
export type Need = (typeof NEEDS)[number];

/** Probabilities over NEEDS, same order, summing to 1. */
export type NeedProbabilities = readonly [number, number, number, number];

export function isNeed(value: string): value is Need {
  return (NEEDS as readonly string[]).includes(value);
}

/** Need names as every screen says them: one word each, so that "hunger or tired" reads as two. */
export const NEED_LABELS: Readonly<Record<Need, string>> = {
  discomfort: 'Discomfort',
  hunger: 'Hunger',
  pain: 'Pain',
  tired: 'Tired',
};

/** What the screens say when the estimate is too uncertain to name a need. */
export const NOT_SURE_LABEL = 'Not sure';
