import { NEED_LABELS, type Need } from '../domain/needs.ts';

/** Concrete, low-risk things to try for each need, most likely to help first. */
export const SUGGESTIONS: Readonly<Record<Need, readonly string[]>> = {
  hunger: [
    'Think back: when was the last feed? Young babies often feed every 2–3 hours.',
    'Offer a feed (breast or bottle) and see if they settle into it.',
    'Look for hunger cues: rooting (turning to the side with an open mouth), sucking, hands to mouth.',
  ],
  discomfort: [
    'Check the nappy/diaper and change it if wet or dirty.',
    'Feel the back of the neck or the chest: adjust layers if too warm or too cool; look for tight clothing or a scratchy tag.',
    'Try burping: upright against your shoulder, gentle pats on the back.',
    'Change their position: hold them, or lay them on the other side of the body while awake.',
  ],
  pain: [
    'Check for a fever with a thermometer.',
    'Look over fingers, toes and genitals for a hair or thread wrapped tightly around them (a hair tourniquet).',
    'For wind: gentle clockwise tummy massage or slow bicycle legs.',
    'If the crying cannot be soothed, call your doctor or a nurse line.',
  ],
  tired: [
    'Dim the lights and keep things quiet.',
    'Cut down stimulation: fewer voices, toys and screens nearby.',
    'Swaddle (if not rolling yet) and rock, sway or shush gently.',
    'Offer sleep: lay them on their back in their own cot or crib.',
  ],
};

/** Signs that need a professional now, shown wherever suggestions are shown. */
export const RED_FLAGS: readonly string[] = [
  'A temperature of 38 °C (100.4 °F) or more in a baby under 3 months.',
  'A cry that is weak, moaning, or unusually high-pitched.',
  'Crying that will not stop for hours, or a baby you cannot console.',
  'Difficulty breathing, grunting with each breath, or blue or grey lips.',
  'Not feeding, or far fewer wet nappies/diapers than usual.',
  'Unusually floppy, drowsy or hard to wake.',
];

export const RED_FLAG_ADVICE = 'If you notice any of these, call your doctor now, or emergency services if it seems serious.';

export const NOT_A_MEDICAL_DEVICE =
  'CryDecode is not a medical device. Its guesses can be wrong: trust what you see and what you know about your baby.';

/** The things to try for the named need(s): one need, or the two candidates when not sure. */
export function suggestionsFor(needs: readonly Need[]): { need: Need; label: string; items: readonly string[] }[] {
  const unique = [...new Set(needs)];
  return unique.map((need) => ({ need, label: NEED_LABELS[need], items: SUGGESTIONS[need] }));
}
