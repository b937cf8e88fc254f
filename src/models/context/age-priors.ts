/**
 * Typical feed intervals and wake windows by age: the prior the context model starts from
 * before this baby's own log is long enough. Every number names its published source. The
 * figures are the middle of the published ranges (the ranges are kept beside them); they are
 * population guidance for healthy term babies, not a rule for any one baby.
 *
 * Sources
 * - [AAP-FEED] American Academy of Pediatrics, HealthyChildren.org, "How Often and How Much
 *   Should Your Baby Eat?" (breastfed newborns feed about 8–12 times in 24 h, i.e. every
 *   2–3 h; formula-fed newborns every 2–3 h, about every 3–4 h by 2 months, 4–6 feeds a day
 *   around 4–6 months with solids starting about 6 months).
 * - [NHS-FEED] NHS, "Breastfeeding: the first few days" / "How often to breastfeed" (at least
 *   8 feeds in 24 h in the first weeks).
 * - [WW] Published wake-window charts (e.g. Huckleberry "Wake windows by age"; Cleveland
 *   Clinic "Wake windows"): 0–1 month 35–60 min, 1–2 months 60–90 min, 3–4 months 75–120 min,
 *   5–7 months 2–3 h, 7–10 months 2.5–3.5 h, 10–14 months 3–4 h. These are practitioner
 *   guidance, not trial results: treat them as the weakest numbers here.
 * - [NHS-SLEEP] NHS, "Helping your baby to sleep" (newborns sleep 8–16 h a day, in short
 *   stretches), consistent with the short wake windows above.
 */
export interface AgePrior {
  /** Inclusive lower bound of the age band, days since birth. */
  fromDays: number;
  /** Exclusive upper bound, days. */
  toDays: number;
  /** Typical minutes between the starts of two feeds (middle of the published range). */
  feedIntervalMinutes: number;
  feedIntervalRangeMinutes: readonly [number, number];
  feedSource: string;
  /** Typical minutes a baby of this age stays awake between sleeps. */
  wakeWindowMinutes: number;
  wakeWindowRangeMinutes: readonly [number, number];
  wakeSource: string;
}

export const AGE_PRIORS: readonly AgePrior[] = [
  { fromDays: 0, toDays: 31, feedIntervalMinutes: 150, feedIntervalRangeMinutes: [120, 180], feedSource: 'AAP-FEED; NHS-FEED', wakeWindowMinutes: 50, wakeWindowRangeMinutes: [35, 60], wakeSource: 'WW; NHS-SLEEP' },
  { fromDays: 31, toDays: 91, feedIntervalMinutes: 180, feedIntervalRangeMinutes: [150, 240], feedSource: 'AAP-FEED', wakeWindowMinutes: 75, wakeWindowRangeMinutes: [60, 90], wakeSource: 'WW' },
  { fromDays: 91, toDays: 152, feedIntervalMinutes: 210, feedIntervalRangeMinutes: [180, 240], feedSource: 'AAP-FEED', wakeWindowMinutes: 100, wakeWindowRangeMinutes: [75, 120], wakeSource: 'WW' },
  { fromDays: 152, toDays: 213, feedIntervalMinutes: 240, feedIntervalRangeMinutes: [180, 300], feedSource: 'AAP-FEED', wakeWindowMinutes: 150, wakeWindowRangeMinutes: [120, 180], wakeSource: 'WW' },
  { fromDays: 213, toDays: 305, feedIntervalMinutes: 240, feedIntervalRangeMinutes: [180, 300], feedSource: 'AAP-FEED', wakeWindowMinutes: 180, wakeWindowRangeMinutes: [150, 210], wakeSource: 'WW' },
  { fromDays: 305, toDays: Number.POSITIVE_INFINITY, feedIntervalMinutes: 240, feedIntervalRangeMinutes: [180, 300], feedSource: 'AAP-FEED', wakeWindowMinutes: 210, wakeWindowRangeMinutes: [180, 240], wakeSource: 'WW' },
];

/** Used when the birth date is unknown: the 1–3 month band, the commonest age of a crying baby. */
export const UNKNOWN_AGE_PRIOR: AgePrior = AGE_PRIORS[1] as AgePrior;

export function agePriorFor(ageDays: number | null): AgePrior {
  if (ageDays === null || ageDays < 0) return UNKNOWN_AGE_PRIOR;
  return AGE_PRIORS.find((band) => ageDays >= band.fromDays && ageDays < band.toDays) ?? UNKNOWN_AGE_PRIOR;
}
