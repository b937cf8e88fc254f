import { describe, expect, it } from 'vitest';
import { createRandom, randomInt } from './random.ts';
import { leaveGroupsOut, parseGroupList, readGroupListFile, stratifiedGroupHoldout, stratifiedGroupKFold } from './splits.ts';

interface Clip {
  install: string;
  need: string;
}

/** An imbalanced corpus shaped like Donate-a-Cry: many installs, 1–8 clips each, a dominant class. */
function makeCorpus(seed: number): Clip[] {
  const random = createRandom(seed);
  const clips: Clip[] = [];
  for (let install = 0; install < 200; install++) {
    const n = 1 + randomInt(random, 4) + (random() < 0.1 ? 4 : 0);
    const roll = random();
    const mainNeed = roll < 0.8 ? 'hunger' : roll < 0.87 ? 'discomfort' : roll < 0.94 ? 'tired' : 'pain';
    for (let c = 0; c < n; c++) {
      // Some installs carry more than one label, as in the real corpus.
      const need = random() < 0.1 ? 'hunger' : mainNeed;
      clips.push({ install: `i${install}`, need });
    }
  }
  return clips;
}

const groupOf = (c: Clip): string => c.install;
const labelOf = (c: Clip): string => c.need;

describe('stratifiedGroupKFold', () => {
  const clips = makeCorpus(1);
  const folds = stratifiedGroupKFold(clips, 5, 42, groupOf, labelOf);

  it('puts every item in exactly one test fold and trains on all the others', () => {
    const seen = new Array<number>(clips.length).fill(0);
    for (const fold of folds) {
      for (const i of fold.testIndices) seen[i]! += 1;
      expect(fold.trainIndices.length + fold.testIndices.length).toBe(clips.length);
      const test = new Set(fold.testIndices);
      expect(fold.trainIndices.some((i) => test.has(i))).toBe(false);
    }
    expect(seen.every((count) => count === 1)).toBe(true);
  });

  it('never lets a group straddle train and test', () => {
    for (const fold of folds) {
      const testGroups = new Set(fold.testIndices.map((i) => clips[i]!.install));
      const trainGroups = new Set(fold.trainIndices.map((i) => clips[i]!.install));
      for (const g of testGroups) expect(trainGroups.has(g)).toBe(false);
    }
  });

  it('spreads every class over the folds close to evenly', () => {
    for (const need of ['hunger', 'discomfort', 'tired', 'pain']) {
      const total = clips.filter((c) => c.need === need).length;
      const perFold = folds.map((f) => f.testIndices.filter((i) => clips[i]!.need === need).length);
      for (const count of perFold) {
        // Within 25% of an even share, or ±3 clips for rare classes (groups are indivisible).
        expect(Math.abs(count - total / 5)).toBeLessThanOrEqual(Math.max(3, 0.25 * (total / 5)));
      }
    }
    const sizes = folds.map((f) => f.testIndices.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThan(0.2 * (clips.length / 5));
  });

  it('is deterministic for a seed, varies with the seed, and ignores item order', () => {
    expect(stratifiedGroupKFold(clips, 5, 42, groupOf, labelOf)).toEqual(folds);
    const other = stratifiedGroupKFold(clips, 5, 43, groupOf, labelOf);
    expect(other.map((f) => f.testIndices)).not.toEqual(folds.map((f) => f.testIndices));
    const reversed = clips.slice().reverse();
    const reversedFolds = stratifiedGroupKFold(reversed, 5, 42, groupOf, labelOf);
    const asGroups = (fs: typeof folds, items: Clip[]): string[][] => fs.map((f) => [...new Set(f.testIndices.map((i) => items[i]!.install))].sort());
    expect(asGroups(reversedFolds, reversed)).toEqual(asGroups(folds, clips));
  });

  it('rejects impossible requests', () => {
    expect(() => stratifiedGroupKFold(clips.slice(0, 3), 5, 1, () => 'one', labelOf)).toThrow(/only 1 groups/);
    expect(() => stratifiedGroupKFold(clips, 1, 1, groupOf, labelOf)).toThrow(/at least 2 folds/);
  });
});

describe('stratifiedGroupHoldout', () => {
  it('carves a grouped validation set of about the requested size out of a subset', () => {
    const clips = makeCorpus(2);
    const subset = clips.map((_, i) => i).filter((i) => i % 3 !== 0);
    const { trainIndices, validationIndices } = stratifiedGroupHoldout(clips, subset, 0.2, 5, groupOf, labelOf);
    expect([...trainIndices, ...validationIndices].sort((a, b) => a - b)).toEqual(subset);
    const trainGroups = new Set(trainIndices.map((i) => clips[i]!.install));
    expect(validationIndices.some((i) => trainGroups.has(clips[i]!.install))).toBe(false);
    expect(validationIndices.length / subset.length).toBeGreaterThan(0.14);
    expect(validationIndices.length / subset.length).toBeLessThan(0.26);
  });
});

describe('exclude lists', () => {
  it('parses one id per line, ignoring blanks, comments and CRLF', () => {
    expect([...parseGroupList('a\r\n\n  b  \n# note\nc\n')]).toEqual(['a', 'b', 'c']);
  });

  it('leaves out listed groups and reports ids that matched nothing', () => {
    const clips = [
      { install: 'x', need: 'hunger' },
      { install: 'y', need: 'pain' },
      { install: 'x', need: 'tired' },
    ];
    const result = leaveGroupsOut(clips, new Set(['x', 'typo']), groupOf);
    expect(result.kept).toEqual([{ install: 'y', need: 'pain' }]);
    expect(result.excluded).toHaveLength(2);
    expect(result.unmatchedGroups).toEqual(['typo']);
  });
});

describe('readGroupListFile', () => {
  it('names the file it cannot read', () => {
    expect(() => readGroupListFile('/nonexistent/installs.txt')).toThrow(/\/nonexistent\/installs\.txt/);
  });
});
