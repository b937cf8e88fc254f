/**
 * Typical feed intervals and wake windows by age: the prior the context model starts from
 * before this baby's own log is long enough. Every number names its published source. The
 * figures are the middle of the published ranges (the ranges are kept beside them); they are
 * population guidance for healthy term babies, not a rule for any one baby.
 *
 * Sources (re-checked 2026-12-02 against stored copies of the pages; see CONTEXT_MODEL.md)
 * - [AAP-FEED] American Academy of Pediatrics, HealthyChildren.org, "Amount and Schedule of
 *   Formula Feedings": formula-fed newborns every 3–4 h on average in the first weeks
 *   (breastfed infants take smaller, more frequent feeds); about every 4 h by the end of the
 *   first month; 4–5 feeds in 24 h by six months. AAP's "How Often and How Much Should Your
 *   Baby Eat?" (breastfed newborns about 8–12 feeds in 24 h) was not re-read this session.
 * - [CDC-FEED] CDC, "How Much and How Often to Feed Infant Formula": most formula-fed newborns
 *   feed 8–12 times in 24 h (every 2–3 h in the first days); about every 3–4 h over the first
 *   weeks and months; 5–6 times in 24 h at 6–12 months (formula or solids).
 * - [NHS-FEED] NHS, "Breastfeeding: the first few days" / "How often to breastfeed" (at least
 *   8 feeds in 24 h in the first weeks). Not re-read this session.
 * - [WW] Published wake-window charts (e.g. Huckleberry "Wake windows by age"; Napper "Wake
 *   windows by age"): 0–4 weeks 30–60 min, 4–8 weeks 45–75 min, 8–12 weeks 60–90 min, then
 *   longer. Napper itself notes that no specific research supports these intervals: they are
 *   practitioner guidance, the weakest numbers here.
 * - [NHS-SLEEP] NHS, "Helping your baby to sleep" (newborns sleep 8–16 h a day, in short
 *   stretches), consistent with the short wake windows above. Not re-read this session.
 *
 * The 0–1 month feed interval (2–3 h) follows the breastfed figure; a formula-fed newborn's
 * published interval is longer (3–4 h). The baby's own log replaces either within about a day.
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
  { fromDays: 0, toDays: 31, feedIntervalMinutes: 150, feedIntervalRangeMinutes: [120, 180], feedSource: 'AAP-FEED; CDC-FEED; NHS-FEED', wakeWindowMinutes: 50, wakeWindowRangeMinutes: [35, 60], wakeSource: 'WW; NHS-SLEEP' },
  { fromDays: 31, toDays: 91, feedIntervalMinutes: 180, feedIntervalRangeMinutes: [150, 240], feedSource: 'AAP-FEED; CDC-FEED', wakeWindowMinutes: 75, wakeWindowRangeMinutes: [60, 90], wakeSource: 'WW' },
  { fromDays: 91, toDays: 152, feedIntervalMinutes: 210, feedIntervalRangeMinutes: [180, 240], feedSource: 'AAP-FEED', wakeWindowMinutes: 100, wakeWindowRangeMinutes: [75, 120], wakeSource: 'WW' },
  { fromDays: 152, toDays: 213, feedIntervalMinutes: 240, feedIntervalRangeMinutes: [180, 300], feedSource: 'AAP-FEED', wakeWindowMinutes: 150, wakeWindowRangeMinutes: [120, 180], wakeSource: 'WW' },
  { fromDays: 213, toDays: 305, feedIntervalMinutes: 240, feedIntervalRangeMinutes: [180, 300], feedSource: 'AAP-FEED; CDC-FEED', wakeWindowMinutes: 180, wakeWindowRangeMinutes: [150, 210], wakeSource: 'WW' },
  { fromDays: 305, toDays: Number.POSITIVE_INFINITY, feedIntervalMinutes: 240, feedIntervalRangeMinutes: [180, 300], feedSource: 'AAP-FEED; CDC-FEED', wakeWindowMinutes: 210, wakeWindowRangeMinutes: [180, 240], wakeSource: 'WW' },
];

/** Used when the birth date is unknown: the 1–3 month band, the commonest age of a crying baby. */
export const UNKNOWN_AGE_PRIOR: AgePrior = AGE_PRIORS[1] as AgePrior;

export function agePriorFor(ageDays: number | null): AgePrior {
  if (ageDays === null || ageDays < 0) return UNKNOWN_AGE_PRIOR;
  return AGE_PRIORS.find((band) => ageDays >= band.fromDays && ageDays < band.toDays) ?? UNKNOWN_AGE_PRIOR;
}
