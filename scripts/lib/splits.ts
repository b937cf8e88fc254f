/**
 * Cross-validation splits that keep every group (an install ≈ a baby, a source recording, a
 * speaker) inside one fold, so a model is always scored on babies and recordings it never heard.
 */
import { readFileSync } from 'node:fs';
import { createRandom, shuffled } from './random.ts';

/** Indices into the item array a split was made from. */
export interface Fold {
  trainIndices: number[];
  testIndices: number[];
}

interface GroupInfo {
  name: string;
  /** Item indices of the group. */
  indices: number[];
  /** Items per label index. */
  labelCounts: number[];
}

function collectGroups<T>(items: readonly T[], groupOf: (item: T) => string, labelOf: (item: T) => string): { groups: GroupInfo[]; labels: string[] } {
  const labels = [...new Set(items.map(labelOf))].sort();
  const labelIndex = new Map(labels.map((label, i) => [label, i]));
  const byName = new Map<string, GroupInfo>();
  items.forEach((item, index) => {
    const name = groupOf(item);
    let group = byName.get(name);
    if (group === undefined) {
      group = { name, indices: [], labelCounts: new Array<number>(labels.length).fill(0) };
      byName.set(name, group);
    }
    group.indices.push(index);
    group.labelCounts[labelIndex.get(labelOf(item)) ?? 0]! += 1;
  });
  // Sorted by name first so the result depends only on the seed, never on item order.
  const groups = [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { groups, labels };
}

function standardDeviation(values: readonly number[]): number {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
}

/**
 * Stratified group k-fold: every group lands in exactly one test fold, and each label's items are
 * spread over the folds as evenly as the groups allow. Greedy: groups are visited in a seeded
 * random order, those with the most uneven label mix first, and each goes to the fold that keeps
 * the per-label fold shares most even (ties → the fold with fewest items).
 *
 * @param k number of folds (2 ≤ k ≤ number of groups)
 * @returns k folds; fold i's test items are the groups assigned to i, its training items the rest
 */
export function stratifiedGroupKFold<T>(
  items: readonly T[],
  k: number,
  seed: number,
  groupOf: (item: T) => string,
  labelOf: (item: T) => string,
): Fold[] {
  const { groups, labels } = collectGroups(items, groupOf, labelOf);
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`need at least 2 folds, got ${k}`);
  if (groups.length < k) throw new RangeError(`cannot make ${k} folds from only ${groups.length} groups`);
  const labelTotals = labels.map((_, li) => groups.reduce((s, g) => s + (g.labelCounts[li] ?? 0), 0));
  const order = shuffled(createRandom(seed), groups).map((group, randomRank) => ({
    group,
    randomRank,
    unevenness: standardDeviation(group.labelCounts),
  }));
  // Most uneven (and, within that, largest) groups first: they are the hardest to place well.
  order.sort((a, b) => b.unevenness - a.unevenness || b.group.indices.length - a.group.indices.length || a.randomRank - b.randomRank);

  const foldLabelCounts = Array.from({ length: k }, () => new Array<number>(labels.length).fill(0));
  const foldSizes = new Array<number>(k).fill(0);
  const foldOfGroup = new Map<string, number>();
  for (const { group } of order) {
    let bestFold = 0;
    let bestCost = Number.POSITIVE_INFINITY;
    for (let fold = 0; fold < k; fold++) {
      let cost = 0;
      for (let li = 0; li < labels.length; li++) {
        const total = labelTotals[li] ?? 1;
        const shares = foldLabelCounts.map((counts, f) => ((counts[li] ?? 0) + (f === fold ? (group.labelCounts[li] ?? 0) : 0)) / total);
        cost += standardDeviation(shares);
      }
      cost /= labels.length;
      const better = cost < bestCost - 1e-12 || (Math.abs(cost - bestCost) <= 1e-12 && (foldSizes[fold] ?? 0) < (foldSizes[bestFold] ?? 0));
      if (better) {
        bestCost = cost;
        bestFold = fold;
      }
    }
    foldOfGroup.set(group.name, bestFold);
    foldSizes[bestFold]! += group.indices.length;
    group.labelCounts.forEach((count, li) => {
      foldLabelCounts[bestFold]![li]! += count;
    });
  }

  const folds: Fold[] = Array.from({ length: k }, () => ({ trainIndices: [], testIndices: [] }));
  items.forEach((item, index) => {
    const testFold = foldOfGroup.get(groupOf(item)) ?? 0;
    folds.forEach((fold, f) => (f === testFold ? fold.testIndices : fold.trainIndices).push(index));
  });
  return folds;
}

/**
 * One grouped, stratified train/validation split of a subset (e.g. an early-stopping validation
 * set carved out of a training fold), made as fold 0 of a stratified group k-fold with
 * k = round(1 / validationFraction).
 * @param indices the items to split (indices into `items`)
 * @returns indices into `items`
 */
export function stratifiedGroupHoldout<T>(
  items: readonly T[],
  indices: readonly number[],
  validationFraction: number,
  seed: number,
  groupOf: (item: T) => string,
  labelOf: (item: T) => string,
): { trainIndices: number[]; validationIndices: number[] } {
  if (!(validationFraction > 0 && validationFraction < 1)) throw new RangeError(`validation fraction must be in (0, 1), got ${validationFraction}`);
  const subset = indices.map((i) => items[i] as T);
  const k = Math.max(2, Math.round(1 / validationFraction));
  const [first] = stratifiedGroupKFold(subset, k, seed, groupOf, labelOf);
  if (first === undefined) throw new Error('holdout split produced no fold');
  return {
    trainIndices: first.trainIndices.map((i) => indices[i] as number),
    validationIndices: first.testIndices.map((i) => indices[i] as number),
  };
}

/**
 * Parses a list of group ids, one per line. Blank lines and lines starting with # are ignored;
 * surrounding spaces and Windows line endings are tolerated.
 */
export function parseGroupList(text: string): Set<string> {
  return new Set(
    text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#')),
  );
}

/** Reads an --exclude-installs file; the error names the file when it cannot be read. */
export function readGroupListFile(path: string): Set<string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot read the list of installs to exclude (${path}): ${reason}`, { cause: error });
  }
  return parseGroupList(text);
}

/**
 * Leaves out every item whose group is listed. Also reports listed groups that matched nothing,
 * so a typo in an install id does not silently exclude nothing.
 */
export function leaveGroupsOut<T>(
  items: readonly T[],
  excludedGroups: ReadonlySet<string>,
  groupOf: (item: T) => string,
): { kept: T[]; excluded: T[]; unmatchedGroups: string[] } {
  const kept: T[] = [];
  const excluded: T[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const group = groupOf(item);
    if (excludedGroups.has(group)) {
      excluded.push(item);
      seen.add(group);
    } else {
      kept.push(item);
    }
  }
  const unmatchedGroups = [...excludedGroups].filter((g) => !seen.has(g)).sort();
  return { kept, excluded, unmatchedGroups };
}
